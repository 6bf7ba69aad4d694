/**
 * Drawing a TV picture, in whichever thread draws it (`picture-worker.ts`, or the build's own
 * when there is no worker): lay the slide out with satori, raster it with resvg, keep it in
 * the cache as strips (`strips.ts`), and lay the build's stamp over it. Nothing here is bundled
 * with `?raw` sources, so a worker thread can load it straight from src/.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import { defaultPosterFonts, facesFor, withMissingMarked, type PosterFace, type PosterFonts } from '../render/fonts.ts';
import { slideTexts, type TvSlide } from './model.ts';
import { pictureSize, slideTree, type PictureChrome, type PictureLayer, type PictureOptions } from './picture-layout.ts';
import { markUsed } from '../build/render-cache.ts';
import { encodeStrips, keptPng, overlay, readKept, stripsPng, type Strips } from './strips.ts';

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
export const unstamped = (chrome: PictureChrome): PictureChrome => ({ ...chrome, version: '', date: '' });

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
    // A build has one stamp per orientation; the dev preview a new one at each data edit, so
    // older ones (8 MB each) are let go.
    if (stamps.size >= 4) stamps.clear();
    const svg = slideSvg({ id: 'stamp', kind: 'idle', title: '' }, chrome, options, fonts, 'stamp');
    stamps.set(key, (pixels = svg.then((s) => new Resvg(s, RESVG).render().pixels)));
  }
  return pixels;
}

/** A kept picture with the stamp laid over it, as PNG bytes. */
async function stamped(base: Strips, chrome: PictureChrome, options: PictureOptions, fonts: PosterFonts): Promise<Uint8Array> {
  return stripsPng(overlay(base, await stampPixels(chrome, options, fonts)));
}

/** The kept picture in `file`, or null: missing, removed meanwhile by another build, or not one. */
function keptAt(file: string): Strips | null {
  try {
    return existsSync(file) ? readKept(readFileSync(file)) : null;
  } catch {
    return null;
  }
}

/** What drawing one picture asks for: the kept file it lives in, and what it shows. */
export interface PictureTask {
  /** The kept picture's file in the cache, named by its key (`png.ts`). */
  file: string;
  slide: TvSlide;
  chrome: PictureChrome;
  options: PictureOptions;
  /** Where the build wants the stamped picture written (`build.ts`); the bytes are returned otherwise. */
  out?: string;
}

/**
 * One picture as PNG bytes: the kept picture with the stamp laid over it, drawn first (and
 * kept) when the cache does not have it.
 */
export async function renderPicture(task: PictureTask, fonts: PosterFonts = defaultPosterFonts()): Promise<{ png: Uint8Array; drawn: boolean }> {
  const { file, slide, chrome, options } = task;
  const kept = keptAt(file);
  if (kept) {
    markUsed(file);
    return { png: await stamped(kept, chrome, options, fonts), drawn: false };
  }
  const { width, height } = pictureSize(options.orientation);
  const base = encodeStrips(new Resvg(await slideSvg(slide, unstamped(chrome), options, fonts, 'base'), RESVG).render().pixels, width, height);
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Written aside and renamed: two builds at once never read half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, keptPng(base));
    renameSync(tmp, file);
  } catch {
    // A read-only cache only costs time.
  }
  return { png: await stamped(base, chrome, options, fonts), drawn: true };
}
