/**
 * Slides as pictures for a TV without a browser (a USB stick in the set's media player):
 * satori lays a slide out as SVG (`picture-layout.ts`) with the posters' fonts (Noto Sans SC
 * from node_modules, never the system's), resvg turns it into a PNG. No browser, no clock:
 * the same slide and fonts give the same bytes.
 *
 * Rendered pictures are kept in a content-addressed cache (node_modules/.cache/tv, or
 * $BOARD_TV_CACHE) without the data's stamp (version and date): the key covers the slide, the
 * words around it but the stamp, the fonts and the source of this file and of the layout, so
 * only a slide that changed is drawn again. The stamp, the same on every slide of a build, is
 * drawn once and laid over each kept picture. Pictures are encoded in strips (`strips.ts`), so
 * laying the stamp over one recompresses only the strips the stamp touches: a few
 * milliseconds a slide instead of decoding and encoding the whole picture.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import { defaultPosterFonts, facesFor, withMissingMarked, type PosterFace, type PosterFonts } from '../posters/fonts.ts';
import { slideTexts, type TvSlide } from './model.ts';
import { pictureSize, slideTree, type PictureChrome, type PictureLayer, type PictureOptions } from './picture-layout.ts';
import { markUsed, renderCacheDir } from '../render-cache.ts';
import { encodeStrips, keptPng, overlay, readKept, stripsPng, type Strips } from './strips.ts';
import source from './png.ts?raw';
import layoutSource from './picture-layout.ts?raw';
import stripsSource from './strips.ts?raw';

export { pictureSize, type PictureChrome, type PictureOptions } from './picture-layout.ts';

const satoriFonts = new WeakMap<PosterFace, { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }>();
function satoriFont(f: PosterFace) {
  let o = satoriFonts.get(f);
  if (!o) satoriFonts.set(f, (o = { name: f.family, data: f.data, weight: f.weight, style: 'normal' }));
  return o;
}

/** Every string of a slide with the characters no font has replaced by 〓, as the posters do. */
function marked(slide: TvSlide, fonts: PosterFonts): TvSlide {
  const m = (s: string) => withMissingMarked(s, fonts);
  return {
    ...slide,
    title: m(slide.title),
    note: slide.note && m(slide.note),
    message: slide.message && m(slide.message),
    figures: slide.figures?.map((f) => ({ ...f, label: m(f.label), value: m(f.value), items: f.items?.map(m) })),
    table: slide.table && { columns: slide.table.columns.map((c) => ({ ...c, label: m(c.label) })), rows: slide.table.rows.map((r) => ({ ...r, cells: r.cells.map(m) })) },
    stories: slide.stories?.map((s) => ({ title: m(s.title), meta: m(s.meta), summary: m(s.summary) })),
    notice: slide.notice && { title: m(slide.notice.title), period: m(slide.notice.period), daysLeft: '', lead: m(slide.notice.lead), contact: m(slide.notice.contact) },
  };
}

/** The words around a slide but the stamp: what its kept picture is drawn with. */
const unstamped = (chrome: PictureChrome): PictureChrome => ({ ...chrome, version: '', date: '' });

/** The cache key of a kept picture: everything it is drawn from (the stamp is not in it). */
export function pictureKey(slide: TvSlide, chrome: PictureChrome, options: PictureOptions, fonts: PosterFonts): string {
  return createHash('sha256')
    .update(source)
    .update('\0')
    .update(layoutSource)
    .update('\0')
    .update(stripsSource)
    .update('\0')
    .update(process.versions.zlib)
    .update('\0')
    .update(fonts.hash)
    .update('\0')
    .update(JSON.stringify({ slide, chrome: unstamped(chrome), options }))
    .digest('hex');
}

/** The slide as SVG (text as outlines): all of it, or one layer. */
export async function slideSvg(slide: TvSlide, chrome: PictureChrome, options: PictureOptions, fonts: PosterFonts = defaultPosterFonts(), layer: PictureLayer = 'whole'): Promise<string> {
  const s = marked(slide, fonts);
  const c: PictureChrome = { siteName: withMissingMarked(chrome.siteName, fonts), phone: withMissingMarked(chrome.phone, fonts), version: chrome.version, dateLabel: withMissingMarked(chrome.dateLabel, fonts), date: chrome.date };
  const { width, height } = pictureSize(options.orientation);
  const faces = facesFor(fonts, [...slideTexts(s), ...Object.values(c), '0123456789 〓…']);
  const families = [...new Set(faces.map((f) => f.family))].join(', ');
  return satori(slideTree(s, c, options, fonts, families, layer) as never, { width, height, fonts: faces.map(satoriFont) });
}

const RESVG = { fitTo: { mode: 'original' }, font: { loadSystemFonts: false }, shapeRendering: 2, textRendering: 1 } as const;

/** The stamp of a build, drawn once per orientation on a clear ground (premultiplied RGBA). */
const stamps = new Map<string, Promise<Uint8Array>>();
function stampPixels(chrome: PictureChrome, options: PictureOptions, fonts: PosterFonts): Promise<Uint8Array> {
  const key = JSON.stringify({ chrome, options, fonts: fonts.hash });
  let pixels = stamps.get(key);
  if (!pixels) {
    const svg = slideSvg({ id: 'stamp', kind: 'idle', title: '' }, chrome, options, fonts, 'stamp');
    stamps.set(key, (pixels = svg.then((s) => new Resvg(s, RESVG).render().pixels)));
  }
  return pixels;
}

/** A kept picture with the stamp laid over it, as PNG bytes. */
async function stamped(base: Strips, chrome: PictureChrome, options: PictureOptions, fonts: PosterFonts): Promise<Uint8Array> {
  return stripsPng(overlay(base, await stampPixels(chrome, options, fonts)));
}

// The pictures of a build are made by the page bundle and counted in the build's log
// (integration.ts): the counts are kept on the process.
const COUNTS = Symbol.for('points-board:tv-pictures');
const shared = globalThis as typeof globalThis & { [COUNTS]?: { drawn: number; kept: number; ms: number } };
const counts = () => (shared[COUNTS] ??= { drawn: 0, kept: 0, ms: 0 });

/** Where drawn pictures are kept between builds. */
export function cacheDir(): string {
  return renderCacheDir('tv');
}

/**
 * One slide as PNG bytes, from the cache when the same slide was drawn before.
 *
 * @example const png = await slidePng(slide, chrome, { orientation: 'landscape' });
 */
export async function slidePng(slide: TvSlide, chrome: PictureChrome, options: PictureOptions, fonts: PosterFonts = defaultPosterFonts()): Promise<Uint8Array> {
  const started = performance.now();
  const tally = counts();
  const dir = cacheDir();
  const file = join(dir, `${pictureKey(slide, chrome, options, fonts)}.png`);
  const kept = existsSync(file) ? readKept(readFileSync(file)) : null;
  if (kept) {
    markUsed(file);
    const png = await stamped(kept, chrome, options, fonts);
    tally.kept++;
    tally.ms += performance.now() - started;
    return png;
  }
  const { width, height } = pictureSize(options.orientation);
  const base = encodeStrips(new Resvg(await slideSvg(slide, unstamped(chrome), options, fonts, 'base'), RESVG).render().pixels, width, height);
  try {
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed: two builds at once never read half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, keptPng(base));
    renameSync(tmp, file);
  } catch {
    // A read-only cache only costs time.
  }
  const png = await stamped(base, chrome, options, fonts);
  tally.drawn++;
  tally.ms += performance.now() - started;
  return png;
}
