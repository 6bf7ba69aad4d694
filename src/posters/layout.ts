/**
 * The poster template: satori element trees for each block of a page, in design units.
 * Every page is laid out 1,000 units wide (its height follows the paper's proportions) and
 * scaled to the paper, so an A1 poster is an A4 poster printed larger.
 *
 * Only plain boxes and text: no CSS borders, rounded corners or images, so satori's SVG
 * stays to `<rect>` and `<text>` (lines are thin boxes). `svg.ts` rejects anything else.
 * No letterSpacing either: the PDF draws a run of text with the font's own advances.
 */
import type { PosterColumn, PosterDoc } from './doc.ts';
import { label, type PosterLocale } from './labels.ts';

/** The width every page is laid out at. */
export const DESIGN_WIDTH = 1000;
/** Left and right margin of the text, in design units (15 mm on A3). */
const MARGIN = 50;
export const TABLE_WIDTH = DESIGN_WIDTH - 2 * MARGIN;
/** The coloured strip at the left of each table row that marks a highlight. */
const MARKER = 8;

export const colors = {
  red: '#C8102E',
  redDark: '#9E0B23',
  gold: '#D9A82B',
  ink: '#1A1A1A',
  muted: '#4D4D4D',
  zebra: '#F5F0EC',
  paleRed: '#FCEBED',
  rowRed: '#FBE0E4',
  rowBlack: '#E2E2E2',
  rowGold: '#FFF1CC',
  onRed: '#FFFFFF',
  kickerOnRed: '#FFE9B8',
} as const;

const markerColor = { red: colors.red, black: '#1A1A1A', gold: colors.gold } as const;
const rowColor = { red: colors.rowRed, black: colors.rowBlack, gold: colors.rowGold } as const;

type Style = Record<string, string | number | string[]>;
/** A satori element: what JSX would produce, written out so the posters need no React. */
export interface El {
  type: 'div';
  key?: string;
  props: { style: Style; children?: El[] | string };
}

/** A box; `children` is text or more boxes. */
export function box(style: Style, children?: El[] | string, key?: string): El {
  // border-box: a width includes the padding, so columns add up to the table's width.
  const el: El = { type: 'div', props: { style: { display: 'flex', flexShrink: 0, boxSizing: 'border-box', ...style }, children } };
  if (key !== undefined) el.key = key;
  return el;
}

/** Measures a text's advance width at a size and weight, in design units. */
export type MeasureText = (text: string, fontSize: number, weight: 400 | 700) => number;

/**
 * OpenType features for a locale, used alike by satori's layout and the PDF's text. Noto Sans
 * SC's quotes and apostrophes are full-width; `palt` narrows them, as English wants.
 */
export function fontFeatures(locale: PosterLocale): string[] {
  return locale === 'en' ? ['palt'] : [];
}

/** Font sizes (design units). */
const size = {
  kicker: 21,
  title: 50,
  subtitle: 21,
  contTitle: 28,
  paragraph: 19,
  summaryLabel: 15,
  summaryValue: 30,
  head: 16,
  cell: 16,
  note: 15,
  organiser: 19,
  footer: 16,
  small: 14,
  qrCaption: 13,
};
export const QR_SIZE = 104;

/** The body's size: a base size times the poster's scale, in half units (satori lays out fractions alike). */
const scaled = (doc: Pick<PosterDoc, 'scale'>, n: number) => Math.round(n * (doc.scale ?? 1) * 2) / 2;

/** The red band with kicker, title and subtitle that opens page 1. */
export function headerBand(doc: PosterDoc): El {
  const lines: El[] = [];
  if (doc.kicker) lines.push(box({ fontSize: size.kicker, color: colors.kickerOnRed, marginBottom: 12, justifyContent: 'center', textAlign: 'center' }, doc.kicker));
  lines.push(box({ fontSize: size.title, fontWeight: 700, color: colors.onRed, lineHeight: 1.25, justifyContent: 'center', textAlign: 'center' }, doc.title));
  if (doc.subtitle) lines.push(box({ fontSize: size.subtitle, color: colors.onRed, marginTop: 16, justifyContent: 'center', textAlign: 'center' }, doc.subtitle));
  return box({ flexDirection: 'column' }, [
    box({ flexDirection: 'column', backgroundColor: colors.red, paddingTop: 52, paddingBottom: 38, paddingLeft: MARGIN, paddingRight: MARGIN }, lines),
    box({ height: 6, backgroundColor: colors.gold }),
  ]);
}

/** The slim band of every later page: the title again and “continued”. */
export function continuationBand(doc: PosterDoc): El {
  return box({ flexDirection: 'column' }, [
    box({ backgroundColor: colors.red, paddingTop: 30, paddingBottom: 22, paddingLeft: MARGIN, paddingRight: MARGIN, justifyContent: 'center', alignItems: 'flex-end', flexWrap: 'wrap' }, [
      box({ fontSize: size.contTitle, fontWeight: 700, color: colors.onRed, textAlign: 'center' }, doc.title),
      box({ fontSize: size.subtitle, color: colors.onRed, marginLeft: 10, paddingBottom: 2 }, label(doc.locale, 'table.continued')),
    ]),
    box({ height: 4, backgroundColor: colors.gold }),
  ]);
}

/** Notice paragraphs; Chinese paragraphs open with a two-character indent. */
export function paragraphsBlock(doc: PosterDoc): El | undefined {
  if (!doc.paragraphs?.length && !doc.signature?.length) return undefined;
  const indent = doc.locale === 'zh-CN' ? '\u3000\u3000' : '';
  const paragraphs = (doc.paragraphs ?? []).map((p, i) => box({ fontSize: scaled(doc, size.paragraph), lineHeight: 1.7, color: colors.ink, marginTop: i === 0 ? 0 : 10 }, indent + p));
  // The sign-off, line by line at the right.
  const signature = doc.signature?.length
    ? [box({ flexDirection: 'column', alignItems: 'flex-end', marginTop: 14 }, doc.signature.map((l) => box({ fontSize: scaled(doc, size.paragraph), lineHeight: 1.7, color: colors.ink }, l)))]
    : [];
  return box({ flexDirection: 'column', paddingLeft: MARGIN, paddingRight: MARGIN, paddingTop: 28 }, [...paragraphs, ...signature]);
}

/** The figures as a row of boxes, at most five a line, sharing the line's width. */
export function summaryBlock(doc: PosterDoc): El | undefined {
  if (!doc.summary?.length) return undefined;
  const perLine = doc.summary.length === 6 ? 3 : Math.min(doc.summary.length, 5);
  const gap = 14;
  const lines: El[] = [];
  for (let start = 0; start < doc.summary.length; start += perLine) {
    const items = doc.summary.slice(start, start + perLine);
    // Pad a short last line with empty cells so every box keeps the same width.
    const cells = [...items.map((s) => summaryItem(doc, s.label, s.value)), ...Array.from({ length: perLine - items.length }, () => box({ flexGrow: 1, flexShrink: 1, flexBasis: 0 }))];
    lines.push(box({ marginTop: start === 0 ? 0 : gap }, cells.map((c, i) => (i === 0 ? c : { ...c, props: { ...c.props, style: { ...c.props.style, marginLeft: gap } } }))));
  }
  return box({ flexDirection: 'column', paddingLeft: MARGIN, paddingRight: MARGIN, paddingTop: 24 }, lines);
}

function summaryItem(doc: PosterDoc, labelText: string, value: string): El {
  return box({ flexDirection: 'column', flexGrow: 1, flexShrink: 1, flexBasis: 0, backgroundColor: colors.paleRed, paddingTop: scaled(doc, 12), paddingBottom: scaled(doc, 12), paddingLeft: 10, paddingRight: 10, alignItems: 'center' }, [
    box({ fontSize: scaled(doc, size.summaryValue), fontWeight: 700, color: colors.redDark, lineHeight: 1.2, textAlign: 'center', justifyContent: 'center' }, value),
    box({ fontSize: scaled(doc, size.summaryLabel), color: colors.ink, marginTop: 4, textAlign: 'center', justifyContent: 'center' }, labelText),
  ]);
}

/**
 * Column widths in design units for a table's content: each column as wide as its widest text
 * needs on one line (its header too), when they all fit across; the room left is then shared
 * out by the columns' relative widths. When they do not all fit, the relative widths alone.
 * Worked out once per table and size.
 */
export function tableWidths(doc: PosterDoc, measure: MeasureText): number[] {
  const table = doc.table!;
  let bySize = widthCache.get(table.rows);
  if (!bySize) widthCache.set(table.rows, (bySize = new Map()));
  const key = `${doc.scale ?? 1}|${doc.spread ?? 1}|${table.columns.map((c) => `${c.label}\u0000${c.width ?? 1}`).join('\u0001')}`;
  let widths = bySize.get(key);
  if (widths) return widths;
  const byWeight = columnWidths(table.columns);
  const inner = TABLE_WIDTH - MARKER;
  // Both sides' padding and a unit of slack (satori rounds text widths up); bold, as a highlighted row is set.
  const pad = 2 * cellPad(doc).x + 2;
  const cellSize = scaled(doc, size.cell);
  const needs = table.columns.map((c, i) => {
    // A header may shrink onto its line (to MIN_SHRINK): the cells decide what a column needs.
    let widest = measure(c.label, scaled(doc, size.head), 700) * MIN_SHRINK;
    for (const row of table.rows) widest = Math.max(widest, measure(row[i]!, cellSize, 700));
    return Math.ceil(widest + pad);
  });
  const needed = needs.reduce((a, b) => a + b, 0);
  if (needed > inner) widths = byWeight;
  else {
    const weights = table.columns.map((c) => c.width ?? 1);
    const total = weights.reduce((a, b) => a + b, 0);
    widths = needs.map((n, i) => Math.floor(n + ((inner - needed) * weights[i]!) / total));
    widths[widths.length - 1] = inner - widths.slice(0, -1).reduce((a, b) => a + b, 0);
  }
  bySize.set(key, widths);
  return widths;
}

const widthCache = new WeakMap<readonly (readonly string[])[], Map<string, number[]>>();

/** Column widths in design units: relative widths shared out, the last column takes what rounding leaves. */
export function columnWidths(columns: PosterColumn[]): number[] {
  const inner = TABLE_WIDTH - MARKER;
  const total = columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const widths = columns.map((c) => Math.floor((inner * (c.width ?? 1)) / total));
  widths[widths.length - 1] = inner - widths.slice(0, -1).reduce((a, b) => a + b, 0);
  return widths;
}

const CELL_PAD_X = 10;
const CELL_PAD_Y = 7;
/** Cells that read as one token (numbers, scores, dates, codes, stars) stay on one line and shrink to fit; text with spaces wraps. */
const oneLine = /^[\d.,:：+\-−–%/（）()¥￥★☆#A-Za-z_]+$/;
/** A cell text is never shrunk below this share of the table's size; past that it wraps. */
const MIN_SHRINK = 0.6;

/** How a cell's text is set: as it is (`plain`: one line at the table's size), shrunk onto one line, or wrapped. */
function cellText(text: string, width: number, align: 'left' | 'right' | 'center', weight: 400 | 700, fontSize: number, measure: MeasureText, padX = CELL_PAD_X, label = false): { style: Style; plain: boolean } {
  const room = width - 2 * padX;
  const style: Style = { fontSize, lineHeight: 1.35, textAlign: align, fontWeight: weight, wordBreak: 'break-word' };
  const natural = measure(text, fontSize, weight);
  // A little slack: satori rounds text widths up.
  if (natural <= room - 1 && !text.includes('\n')) return { style, plain: true };
  if (align === 'right' || label || oneLine.test(text)) {
    // Shrink to fit on one line; a number split over two lines misreads.
    const fitted = Math.floor(((fontSize * room) / natural) * 0.98 * 10) / 10;
    if (fitted >= fontSize * MIN_SHRINK) return { style: { ...style, fontSize: fitted, whiteSpace: 'nowrap' }, plain: false };
    return { style: { ...style, fontSize: fontSize * MIN_SHRINK, wordBreak: 'break-all' }, plain: false };
  }
  return { style, plain: false };
}

function cell(text: string, width: number, align: 'left' | 'right' | 'center', weight: 400 | 700, color: string, fontSize: number, measure: MeasureText, pad = { x: CELL_PAD_X, y: CELL_PAD_Y }, label = false): El {
  const { style } = cellText(text, width, align, weight, fontSize, measure, pad.x, label);
  // One box a cell: in a row, justifyContent places the text across (satori lines up a text
  // box's lines by it as well as by textAlign) and alignItems centres it in a taller row.
  const justify = align === 'right' ? 'flex-end' : align === 'center' ? 'center' : 'flex-start';
  return box({ alignItems: 'center', justifyContent: justify, width, color, paddingLeft: pad.x, paddingRight: pad.x, paddingTop: pad.y, paddingBottom: pad.y, ...style }, text);
}

/** A cell's padding at the poster's scale. */
function cellPad(doc: Pick<PosterDoc, 'scale' | 'spread'>): { x: number; y: number } {
  return { x: scaled(doc, CELL_PAD_X), y: Math.round(scaled(doc, CELL_PAD_Y) * (doc.spread ?? 1) * 2) / 2 };
}

/**
 * For each cell of a row, whether it is one line at the table's size: a row of such cells is
 * as tall as any other such row, and only one of them needs measuring.
 */
export function cellsPlain(doc: PosterDoc, index: number, measure: MeasureText): boolean[] {
  const table = doc.table!;
  const widths = tableWidths(doc, measure);
  const { weight } = rowLook(doc, index, measure);
  return table.rows[index]!.map((text, i) => cellText(text, widths[i]!, table.columns[i]!.align ?? 'left', weight, scaled(doc, size.cell), measure, cellPad(doc).x).plain);
}

/**
 * How many cells of the table, its header included, are not one line at the poster's scale:
 * type that grows must not break a name, a level or a header that was whole before.
 */
export function wrappedCells(doc: PosterDoc, measure: MeasureText): number {
  const table = doc.table;
  if (!table) return 0;
  const widths = tableWidths(doc, measure);
  const pad = cellPad(doc).x;
  // Set on more than one line: neither one line at the table's size nor shrunk onto one.
  const wraps = (t: { style: Style; plain: boolean }) => !t.plain && t.style.whiteSpace !== 'nowrap';
  let n = table.columns.filter((c, i) => wraps(cellText(c.label, widths[i]!, c.align ?? 'left', 700, scaled(doc, size.head), measure, pad, true))).length;
  for (let i = 0; i < table.rows.length; i++) {
    const { weight } = rowLook(doc, i, measure);
    n += table.rows[i]!.filter((text, c) => wraps(cellText(text, widths[c]!, table.columns[c]!.align ?? 'left', weight, scaled(doc, size.cell), measure, pad))).length;
  }
  return n;
}

/** Whether every cell of a row is one line at the table's size. */
export function rowIsPlain(doc: PosterDoc, index: number, measure: MeasureText): boolean {
  return cellsPlain(doc, index, measure).every(Boolean);
}

/** Cell `col` of row `index` alone, as the row draws it (its height is the cell's own). */
export function tableCell(doc: PosterDoc, index: number, col: number, measure: MeasureText): El {
  const table = doc.table!;
  const { weight } = rowLook(doc, index, measure);
  return cell(table.rows[index]![col]!, tableWidths(doc, measure)[col]!, table.columns[col]!.align ?? 'left', weight, colors.ink, scaled(doc, size.cell), measure, cellPad(doc));
}

/** The table's header row, repeated at the top of the table on every page. */
export function tableHead(doc: PosterDoc, measure: MeasureText): El | undefined {
  const table = doc.table;
  if (!table) return undefined;
  const widths = tableWidths(doc, measure);
  const pad = cellPad({ scale: doc.scale });
  const fitted = table.columns.map((c, i) => cellText(c.label, widths[i]!, c.align ?? 'left', 700, scaled(doc, size.head), measure, pad.x, true).style.fontSize as number);
  const headSize = Math.min(...fitted);
  return box({ marginLeft: MARGIN, marginRight: MARGIN, backgroundColor: colors.red }, [
    box({ width: MARKER }),
    // A header is a label: shrunk onto one line rather than broken (民主评议 over a narrow column),
    // all of them to the size the tightest needs, so the header row reads as one line of type.
    ...table.columns.map((c, i) => cell(c.label, widths[i]!, c.align ?? 'left', 700, colors.onRed, headSize, measure, pad, true)),
  ]);
}

/** What a table row is drawn with: its colours and weight, and where each cell's text goes. */
export function rowLook(doc: PosterDoc, index: number, measure: MeasureText) {
  const table = doc.table!;
  const widths = tableWidths(doc, measure);
  const mark = table.highlight?.[index] ?? null;
  const background = mark ? rowColor[mark] : index % 2 === 1 ? colors.zebra : '#FFFFFF';
  const weight: 400 | 700 = mark === 'black' || mark === 'red' ? 700 : 400;
  let left = MARGIN + MARKER;
  const cells = table.rows[index]!.map((text, i) => {
    const c = { text, align: table.columns[i]!.align ?? 'left', left, width: widths[i]! };
    left += widths[i]!;
    return c;
  });
  return { background, marker: mark ? markerColor[mark] : background, weight, cells, x: MARGIN, width: TABLE_WIDTH, cellPadding: cellPad(doc).x, fontSize: scaled(doc, size.cell), color: colors.ink };
}

/** One table row; `index` counts from 0 over the whole table, so the zebra runs on across pages. */
export function tableRow(doc: PosterDoc, index: number, measure: MeasureText): El {
  const table = doc.table!;
  const widths = tableWidths(doc, measure);
  const { background, marker, weight } = rowLook(doc, index, measure);
  return box({ marginLeft: MARGIN, marginRight: MARGIN, backgroundColor: background }, [
    box({ width: MARKER, backgroundColor: marker }),
    ...table.rows[index]!.map((text, i) => cell(text, widths[i]!, table.columns[i]!.align ?? 'left', weight, colors.ink, scaled(doc, size.cell), measure, cellPad(doc))),
  ], `row-${index}`);
}

/** The thin rule that closes the table on each page. */
export function tableEnd(): El {
  return box({ marginLeft: MARGIN, marginRight: MARGIN, height: 3, backgroundColor: colors.red });
}

/** Guidance under the table, each with a small red square. */
export function notesBlock(doc: PosterDoc): El | undefined {
  if (!doc.notes?.length) return undefined;
  return box(
    { flexDirection: 'column', paddingLeft: MARGIN, paddingRight: MARGIN, paddingTop: 22 },
    doc.notes.map((n, i) =>
      box({ marginTop: i === 0 ? 0 : 6, alignItems: 'flex-start' }, [
        box({ width: scaled(doc, 7), height: scaled(doc, 7), backgroundColor: colors.red, marginTop: scaled(doc, 9), marginRight: 10 }),
        box({ flexGrow: 1, flexShrink: 1, flexBasis: 0, fontSize: scaled(doc, size.note), lineHeight: 1.6, color: colors.ink }, n),
      ]),
    ),
  );
}

/** Space between the data version and the date on the stamp line. */
export const STAMP_GAP = 20;

/**
 * The stamp line of the footer: the data version and the date, which change with every
 * change of the data while the rest of a poster may not.
 */
export function stampTexts(doc: Pick<PosterDoc, 'locale' | 'footer'>): [string, string] {
  const loc: PosterLocale = doc.locale;
  const colon = loc === 'zh-CN' ? '：' : ':';
  const space = loc === 'zh-CN' ? '' : ' ';
  return [`${label(loc, 'footer.dataVersion')}${colon}${space}${doc.footer.dataVersion}`, `${label(loc, 'footer.date')}${colon}${space}${doc.footer.date}`];
}

/** Organiser, phone, data version, page label and QR code; the red strip at the foot of the page. */
export function footerBlock(doc: PosterDoc, page: number, pages: number): El {
  const f = doc.footer;
  const loc: PosterLocale = doc.locale;
  // The full-width colon carries its own space; satori drops a trailing space, so English gets a margin.
  const colon = loc === 'zh-CN' ? '：' : ':';
  const gap = loc === 'zh-CN' ? 0 : 6;
  const stamp = stampTexts(doc);
  return box({ flexDirection: 'column' }, [
    box({ flexDirection: 'column', paddingLeft: MARGIN, paddingRight: MARGIN, paddingTop: 18 }, [
      box({ height: 2, backgroundColor: colors.red, marginBottom: 16 }),
      box({ alignItems: 'flex-end' }, [
        box({ flexDirection: 'column', flexGrow: 1, flexShrink: 1, flexBasis: 0, paddingRight: 24 }, [
          box({ fontSize: size.organiser, fontWeight: 700, color: colors.ink }, f.organiser),
          box({ fontSize: size.footer, color: colors.ink, marginTop: 8 }, [
            box({ marginRight: gap }, `${f.phoneLabel}${colon}`),
            box({ fontWeight: 700, color: colors.redDark }, f.phone),
          ]),
          box({ fontSize: size.small, color: colors.muted, marginTop: 8, flexWrap: 'wrap' }, [box({ marginRight: STAMP_GAP }, stamp[0]), box({}, stamp[1])], 'stamp'),
          box({ fontSize: size.small, color: colors.muted, marginTop: 8 }, label(loc, 'page.label', { page, pages }), 'page-label'),
        ]),
        box({ flexDirection: 'column', alignItems: 'center' }, [
          box({ width: QR_SIZE, height: QR_SIZE }, undefined, 'qr'),
          box({ fontSize: size.qrCaption, color: colors.muted, marginTop: 6 }, label(loc, 'qr.caption')),
        ]),
      ]),
    ]),
    box({ height: 14, backgroundColor: colors.red, marginTop: 20 }),
  ]);
}
