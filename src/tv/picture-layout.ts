/**
 * A slide as a picture: the satori element tree that follows the slideshow's stylesheet
 * (public/tv/tv.css) in the same units. 1rem is a tenth of the short side; everything readable
 * sits inside the title-safe area; a picture shows the data date where the browser shows its
 * clock. Only boxes and text, written out without React.
 */
import { faceFor, type PosterFonts } from '../render/fonts.ts';
import type { TvColumn, TvFigure, TvRow, TvSlide } from './model.ts';
import { qrSvg } from '../render/qr.ts';

export interface PictureChrome {
  siteName: string;
  /** 监督电话 0635-… or empty. */
  phone: string;
  /** 数据版本 e38605b0dd70 */
  version: string;
  /** 数据日期 */
  dateLabel: string;
  /** 2022年12月31日 */
  date: string;
}

export interface PictureOptions {
  orientation: 'landscape' | 'portrait';
}

/**
 * What of a slide a tree draws: all of it, all but the data's stamp (version and date), or the
 * stamp alone on a clear ground, to lay over a kept picture of the rest. The stamp changes with
 * every data version; the rest only when the slide does.
 */
export type PictureLayer = 'whole' | 'base' | 'stamp';

/** 1920×1080, or 1080×1920 for a screen mounted upright. */
export function pictureSize(orientation: PictureOptions['orientation']): { width: number; height: number } {
  return orientation === 'portrait' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };
}

const C = {
  bg: '#140a0c',
  bandTop: '#b81422',
  bandBottom: '#8c0c17',
  gold: '#d9a82b',
  kicker: '#ffd98a',
  text: '#fff7ea',
  soft: '#f3e6e0',
  muted: '#e6d6d0',
  dim: '#d8c8c2',
  head: '#5e0b14',
  headText: '#ffe2a8',
  odd: '#21151a',
  num: '#ffe9c2',
  card: '#2a151a',
  track: '#3a2226',
  red: '#ff8a80',
  redBadge: '#c8102e',
  star: '#f2c04d',
  silver: '#c9ccd1',
  medal: ['', '#f2c04d', '#d5d9e0', '#d8955a'],
} as const;

type Style = Record<string, string | number>;
interface El {
  type: 'div' | 'img';
  props: { style: Style; children?: (El | string)[] | string; src?: string; width?: number; height?: number };
}

/** A QR code as an image of `size` px square. */
function qrImage(url: string, size: number): El {
  const src = `data:image/svg+xml;base64,${Buffer.from(qrSvg(url)).toString('base64')}`;
  return { type: 'img', props: { src, width: size, height: size, style: { width: size, height: size } } };
}

/** A box; satori lays out every box as flex. */
function h(style: Style, children?: (El | string)[] | string): El {
  return { type: 'div', props: { style: { display: 'flex', ...style }, children } };
}

/** One line of text, cut with an ellipsis when it does not fit. */
function line(style: Style, text: string): El {
  return h({ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', ...style }, text);
}

/** A paragraph of at most `lines` lines. */
function para(style: Style, text: string, lines: number): El {
  return h({ display: 'block', lineClamp: lines, overflow: 'hidden', ...style }, text);
}

/** Advance width of a text from the fonts' metrics. */
function measure(fonts: PosterFonts, text: string, size: number, weight: 400 | 700): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const face = faceFor(fonts, weight, cp);
    em += face ? face.font.glyphForCodePoint(cp).advanceWidth / face.font.unitsPerEm : 1;
  }
  return em * size;
}

/**
 * The satori tree of one slide: the stylesheet of the slideshow (public/tv/tv.css) in the same
 * units, with the data date where the browser shows its clock.
 */
export function slideTree(slide: TvSlide, chrome: PictureChrome, options: PictureOptions, fonts: PosterFonts, families: string, layer: PictureLayer = 'whole'): El {
  const { width: W, height: H } = pictureSize(options.orientation);
  const portrait = options.orientation === 'portrait';
  const rem = Math.min(W, H) / 10;
  const r = (n: number) => Math.round(n * rem * 100) / 100;
  // The title-safe area (90 %) less the room the browser's anti-burn-in shift takes.
  const left = W * 0.05 + r(0.1);
  const top = H * 0.05 + r(0.1);
  const innerW = W - 2 * left;
  const innerH = H - 2 * top;
  const bandBottom = portrait ? 1.85 : 1.3;
  const bodyTop = portrait ? 2.05 : 1.48;
  const bodyBottom = portrait ? 2.05 : 0.7;
  const font = (size: number, lineHeight: number, color: string, weight: 400 | 700 = 400): Style => ({ fontSize: r(size), lineHeight: `${r(lineHeight)}px`, color, fontWeight: weight });

  // A title or a cell too long for its line shrinks, never below the smallest body size (as
  // the player does in the browser).
  const fit: Fit = (text, size, weight, width) => {
    while (size > 0.38 && measure(fonts, text, r(size), weight) > width) size = Math.max(0.38, size - 0.02);
    return size;
  };
  const titleWidth = portrait ? innerW : innerW - r(5.4);
  const titleSize = fit(slide.title, 0.58, 700, titleWidth);

  const abs = (style: Style, children?: (El | string)[] | string) => h({ position: 'absolute', ...style }, children);
  // The stamp's texts in the stamp layer, the others in the base; every line keeps its height
  // when its text is left out, so the two layers line up.
  const stamp = (text: string) => (layer === 'base' ? '' : text);
  const rest = (text: string) => (layer === 'stamp' ? '' : text);
  const parts: El[] = [];
  if (layer !== 'stamp') {
    parts.push(
      abs({ left: 0, top: 0, width: innerW - (portrait ? 0 : r(5.4)), height: r(0.5) }, [line(font(0.4, 0.5, C.kicker), chrome.siteName)]),
      abs({ left: 0, top: r(0.5), width: titleWidth, height: r(0.7), alignItems: 'center' }, [line({ ...font(titleSize, 0.7, '#ffffff', 700), letterSpacing: 1 }, slide.title)]),
    );
  }
  // Where the browser has its clock: the date of the data.
  if (portrait) {
    parts.push(abs({ left: 0, width: innerW, bottom: r(1.1), height: r(0.7), justifyContent: 'space-between', alignItems: 'flex-end' }, [line(font(0.4, 0.7, C.num), rest(chrome.dateLabel)), line(font(0.5, 0.7, '#ffffff', 700), stamp(chrome.date))]));
  } else {
    parts.push(
      abs({ right: 0, top: 0, width: r(5.2), flexDirection: 'column', alignItems: 'flex-end' }, [
        line({ ...font(0.4, 0.5, C.num), marginTop: r(0.05), height: r(0.5) }, rest(chrome.dateLabel)),
        line({ ...font(0.5, 0.65, '#ffffff', 700), height: r(0.65) }, stamp(chrome.date)),
      ]),
    );
  }
  // The foot: phone and data version side by side, or one under the other on an upright set.
  const foot = portrait
    ? abs({ left: 0, width: innerW, bottom: 0, height: r(1.1), flexDirection: 'column' }, [line({ ...font(0.4, 0.55, C.dim), height: r(0.55) }, rest(chrome.phone)), line(font(0.4, 0.55, C.dim), stamp(chrome.version))])
    : abs({ left: 0, width: innerW, bottom: 0, height: r(0.5), justifyContent: 'space-between' }, [line(font(0.4, 0.5, C.dim), rest(chrome.phone)), line(font(0.4, 0.5, C.dim), stamp(chrome.version))]);
  if (layer === 'stamp') {
    parts.push(foot);
    return h({ width: W, height: H, position: 'relative', fontFamily: families, color: C.text }, [h({ position: 'absolute', left, top, width: innerW, height: innerH }, parts)]);
  }
  if (slide.note) {
    parts.push(
      portrait
        ? abs({ left: 0, right: 0, top: r(1.22), height: r(0.5) }, [line(font(0.4, 0.5, C.num), slide.note)])
        : abs({ left: r(4.5), width: innerW - r(4.5) - r(5.7), bottom: 0, height: r(0.5), justifyContent: 'center' }, [line(font(fit(slide.note, 0.4, 400, innerW - r(4.5) - r(5.7)), 0.5, C.kicker), slide.note)]),
    );
  }
  // A QR code beside the table (landscape; an upright set's table takes the whole height), or
  // in the middle of the idle slide.
  const idle = slide.kind === 'idle';
  const qrBeside = slide.qr && !idle && !portrait ? r(3.7) : 0;
  const bodyW = innerW - qrBeside;
  parts.push(abs({ left: 0, width: bodyW, top: r(bodyTop), height: innerH - r(bodyTop) - r(bodyBottom), flexDirection: 'column' }, body(slide, portrait, bodyW, r, font, fit)));
  if (slide.qr && (idle || !portrait)) {
    const boxW = idle ? innerW : r(3.4);
    const code = r(idle ? (portrait ? 5 : 3.6) : 3.2);
    parts.push(
      abs({ right: 0, width: boxW, top: r(idle ? (portrait ? 2.6 : 1.9) : bodyTop), flexDirection: 'column', alignItems: 'center' }, [
        qrImage(slide.qr.url, code),
        h({ marginTop: r(0.12), width: boxW, justifyContent: 'center', textAlign: 'center', ...font(0.4, 0.52, C.kicker, 700) }, slide.qr.caption),
        // The address wraps after a slash, as the page's <wbr> lets it.
        h(
          { marginTop: r(0.08), width: boxW, flexWrap: 'wrap', justifyContent: 'center' },
          slide.qr.address.split(/(?<=\/)/).map((part) => h(font(0.38, 0.48, C.muted), part)),
        ),
      ]),
    );
  }
  // The browser's progress line, as a plain rule: a picture has no time.
  parts.push(abs({ left: 0, width: innerW, bottom: r(portrait ? 1.92 : 0.62), height: r(0.05), backgroundColor: C.track }));
  parts.push(foot);

  return h({ width: W, height: H, position: 'relative', backgroundColor: C.bg, fontFamily: families, color: C.text }, [
    h({ position: 'absolute', left: 0, top: 0, width: W, height: top + r(bandBottom), backgroundImage: `linear-gradient(180deg, ${C.bandTop}, ${C.bandBottom})` }),
    h({ position: 'absolute', left: 0, top: top + r(bandBottom), width: W, height: r(0.05), backgroundColor: C.gold }),
    h({ position: 'absolute', left, top, width: innerW, height: innerH }, parts),
  ]);
}

type Font = (size: number, lineHeight: number, color: string, weight?: 400 | 700) => Style;
/** The font size (rem) at which a text fits a width (px). */
type Fit = (text: string, size: number, weight: 400 | 700, width: number) => number;

function body(slide: TvSlide, portrait: boolean, width: number, r: (n: number) => number, font: Font, fit: Fit): El[] {
  const out: El[] = [];
  const notice = slide.notice;
  if (notice) {
    out.push(h({ display: 'block', maxHeight: r(portrait ? 1.4 : 1.4), overflow: 'hidden', lineClamp: 2, ...font(0.54, 0.7, C.kicker, 700) }, notice.title));
    out.push(h({ marginTop: r(0.16) }, [line(font(0.42, 0.62, C.text), notice.period)]));
    if (slide.figures) out.push(figures(slide.figures, slide, portrait, width, r, font));
    if (notice.lead) out.push(para({ ...font(0.42, 0.62, C.soft) }, notice.lead, portrait ? 5 : 3));
    if (notice.contact) out.push(h({ marginTop: r(0.2) }, [line(font(0.42, 0.62, C.kicker, 700), notice.contact)]));
    return out;
  }
  if (slide.figures) out.push(figures(slide.figures, slide, portrait, width, r, font));
  if (slide.table) out.push(table(slide.table.columns, slide.table.rows, portrait, width, r, font, fit));
  for (const story of slide.stories ?? []) {
    out.push(
      h({ flexDirection: 'column', marginBottom: r(0.5), paddingLeft: r(0.3), borderLeft: `${r(0.06)}px solid ${C.redBadge}` }, [
        portrait ? para(font(0.5, 0.66, '#ffffff', 700), story.title, 2) : line(font(0.5, 0.66, '#ffffff', 700), story.title),
        ...(story.meta ? [line(font(0.4, 0.54, C.kicker), story.meta)] : []),
        ...(story.summary ? [para(font(0.42, 0.62, C.soft), story.summary, portrait ? 5 : 3)] : []),
      ]),
    );
  }
  if (slide.message) out.push(h({ width: '100%', justifyContent: 'center', paddingTop: r(2.2), ...font(0.6, 0.8, C.kicker) }, slide.message));
  return out;
}

function figures(list: TvFigure[], slide: TvSlide, portrait: boolean, width: number, r: (n: number) => number, font: Font): El {
  const stars = slide.kind === 'stars';
  const perRow = portrait ? (stars ? 3 : 2) : list.length;
  const gap = r(0.24);
  // Widths in pixels: satori rounds percentages so that a full row may wrap.
  const cardWidth = Math.floor((width - (perRow - 1) * gap) / perRow);
  return h({ flexWrap: 'wrap', marginTop: r(stars ? 0.3 : notice(slide) ? 0.24 : 0), marginBottom: r(slide.kind === 'shop' ? 0.1 : 0) }, [
    ...list.map((f, i) =>
      h(
        {
          flexDirection: 'column',
          alignItems: 'center',
          width: cardWidth,
          marginLeft: i % perRow === 0 ? 0 : gap,
          marginBottom: gap,
          // No side padding: satori adds it to a percentage width.
          paddingTop: r(stars ? 0.24 : notice(slide) ? 0.06 : 0.16),
          paddingBottom: r(stars ? 0.24 : notice(slide) ? 0.06 : 0.16),
          ...(stars ? { height: r(5.2) } : {}),
          backgroundColor: C.card,
          borderTop: `${r(0.05)}px solid ${C.gold}`,
        },
        [
          ...(f.stars ? [line({ ...font(0.4, 0.55, C.star), letterSpacing: 2 }, f.stars)] : []),
          line(font(0.4, 0.55, C.muted), f.label),
          line(stars ? font(0.9, 1.1, C.kicker, 700) : notice(slide) ? font(0.58, 0.72, '#ffffff', 700) : slide.kind === 'shop' ? font(0.7, 0.85, '#ffffff', 700) : font(0.8, 1, '#ffffff', 700), f.value),
          ...(f.items && f.items.length > 0
            ? [
                h({ flexDirection: 'column', alignItems: 'center', width: '100%', marginTop: r(0.1), paddingTop: r(0.1), borderTop: `${r(0.02)}px solid #4a2a30` }, f.items.map((item) => line(font(0.4, 0.55, C.soft), item))),
              ]
            : []),
        ],
      ),
    ),
  ]);
}

const notice = (slide: TvSlide) => slide.notice !== undefined;

function table(columns: TvColumn[], rows: TvRow[], portrait: boolean, tableWidth: number, r: (n: number) => number, font: Font, fit: Fit): El {
  // Portrait rows take two lines: line-1 cells first, then line-2 cells (satori has no `order`).
  const order = columns.map((c, i) => ({ c, i })).sort((a, b) => (portrait ? a.c.portrait.line - b.c.portrait.line : 0) || a.i - b.i);
  const rowHeight = portrait ? 1.05 : 0.6;
  const cellHeight = portrait ? 0.5 : 0.6;
  const cell = (c: TvColumn, text: string | El, head: boolean, row?: TvRow): El => {
    const second = portrait && c.portrait.line === 2;
    const width = portrait ? c.portrait.width : c.width;
    let color: string = head ? C.headText : C.text;
    let weight: 400 | 700 = head || c.role === 'name' || c.role === 'num' ? 700 : 400;
    if (!head) {
      if (c.role === 'num') color = C.num;
      if (c.role === 'unit' || c.role === 'note' || c.role === 'text') color = C.muted;
      if (c.role === 'stars') color = C.star;
      if (c.role === 'level' && row?.tone) {
        color = row.tone === 'red' ? C.red : row.tone === 'gold' ? C.star : row.tone === 'black' ? C.silver : C.muted;
        weight = 700;
      }
      if (row?.tone === 'muted') color = '#a99893';
    }
    const room = (tableWidth * width) / 100 - 2 * r(0.16);
    const size = typeof text === 'string' && !c.clip ? fit(text, head || second ? 0.4 : 0.42, weight, room) : head || second ? 0.4 : 0.42;
    // The width on one box, the padding on another: percentages then add up to the row.
    return h({ width: `${width}%`, flexShrink: 0, marginLeft: portrait && c.portrait.indent ? `${c.portrait.indent}%` : 0, height: r(cellHeight) }, [
      h(
        {
          flexGrow: 1,
          flexShrink: 1,
          minWidth: 0,
          paddingLeft: r(0.16),
          paddingRight: r(0.16),
          alignItems: 'center',
          justifyContent: c.align === 'end' ? 'flex-end' : c.align === 'center' ? 'center' : 'flex-start',
          overflow: 'hidden',
        },
        [typeof text === 'string' ? line({ ...font(size, cellHeight, color, weight), letterSpacing: c.role === 'stars' ? 2 : 0 }, text) : text],
      ),
    ]);
  };
  const rowBox = (children: El[], style: Style) =>
    h({ flexWrap: 'wrap', width: '100%', height: r(rowHeight), paddingTop: portrait ? r(0.025) : 0, alignContent: 'flex-start', ...style }, children);
  return h({ flexDirection: 'column', width: '100%' }, [
    rowBox(order.map(({ c }) => cell(c, c.label, true)), { backgroundColor: C.head }),
    ...rows.map((row, n) =>
      row.sentence !== undefined
        ? rowBox([h({ width: '100%', paddingLeft: '10%', alignItems: 'center', height: r(cellHeight) }, [line(font(0.42, cellHeight, '#a99893'), row.sentence)])], n % 2 === 1 ? { backgroundColor: C.odd } : {})
        : rowBox(
        order.map(({ c, i }) => {
          const text = row.cells[i] ?? '';
          if (i === 0 && row.medal) {
            const m = r(0.54);
            return cell(c, h({ width: m, height: m, borderRadius: m / 2, backgroundColor: C.medal[row.medal], alignItems: 'center', justifyContent: 'center', ...font(0.4, 0.54, '#2b1400', 700) }, text), false, row);
          }
          return cell(c, text, false, row);
        }),
        n % 2 === 1 ? { backgroundColor: C.odd } : {},
      ),
    ),
  ]);
}
