/**
 * Slides as pictures for a TV without a browser (a USB stick in the set's media player):
 * satori lays a slide out as SVG (`picture-layout.ts`) with the posters' fonts (Noto Sans SC
 * from node_modules, never the system's), resvg turns it into a PNG. No browser, no clock:
 * the same slide and fonts give the same bytes.
 *
 * Rendered pictures are kept in a content-addressed cache (node_modules/.cache/tv, or
 * $BOARD_TV_CACHE) without the data's stamp (version and date): the key covers the slide, the
 * words around it but the stamp, the fonts and the source of the drawing code, so only a
 * slide that changed is drawn again. The stamp, the same on every slide of a build, is drawn
 * once and laid over each kept picture. Pictures are encoded in strips (`strips.ts`), so
 * laying the stamp over one recompresses only the strips the stamp touches.
 *
 * The drawing (`draw.ts`) runs on a worker thread (`picture-worker.ts`): its heap holds only
 * the fonts and one picture, where the build's holds the whole board, and collecting the
 * garbage of a picture in the build's heap took longer than drawing it. `BOARD_TV_WORKER=off`
 * draws in the build's own thread; the bytes are the same either way.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { defaultPosterFonts, type PosterFonts } from '../posters/fonts.ts';
import type { TvSlide } from './model.ts';
import type { PictureChrome, PictureOptions } from './picture-layout.ts';
import { renderPicture, unstamped, type PictureTask } from './draw.ts';
import { renderCacheDir } from '../render-cache.ts';
import { pictureCounts } from './counts.ts';
import source from './draw.ts?raw';
import layoutSource from './picture-layout.ts?raw';
import stripsSource from './strips.ts?raw';

export { pictureSize, type PictureChrome, type PictureOptions } from './picture-layout.ts';
export { slideSvg } from './draw.ts';

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

/**
 * The worker thread that draws pictures, started with the first picture. Its file is found
 * from the project folder (the build runs there), as the page bundle has no src/ beside it;
 * without it, or after it failed, pictures are drawn in this thread. It is kept on the
 * process, so the dev preview, which loads this module again after a data edit, reuses it.
 */
interface Pending {
  resolve: (r: { png: Uint8Array; drawn: boolean }) => void;
  reject: (e: Error) => void;
}
interface PictureWorker {
  worker: Worker | null;
  pending: Map<number, Pending>;
  nextId: number;
}
const WORKER = Symbol.for('points-board:tv-worker');
const held = globalThis as typeof globalThis & { [WORKER]?: PictureWorker };

function pictureWorker(): PictureWorker | null {
  const known = held[WORKER];
  if (known) return known.worker ? known : null;
  const file = join(process.cwd(), 'src', 'tv', 'picture-worker.ts');
  const state: PictureWorker = { worker: null, pending: new Map(), nextId: 0 };
  held[WORKER] = state;
  if (process.env.BOARD_TV_WORKER === 'off' || !existsSync(file)) return null;
  const w = new Worker(file);
  w.unref(); // an idle worker never keeps a build from ending
  const fail = (e: Error) => {
    state.worker = null;
    for (const p of state.pending.values()) p.reject(e);
    state.pending.clear();
  };
  w.on('message', (m: { id: number; png?: Uint8Array; drawn?: boolean; error?: string }) => {
    const p = state.pending.get(m.id);
    state.pending.delete(m.id);
    if (state.pending.size === 0) w.unref();
    if (!p) return;
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve({ png: m.png!, drawn: m.drawn! });
  });
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the TV picture worker stopped (${code})`)));
  state.worker = w;
  return state;
}

function inWorker(state: PictureWorker, task: PictureTask): Promise<{ png: Uint8Array; drawn: boolean }> {
  const w = state.worker!;
  const id = state.nextId++;
  // Sent first: a task that cannot be sent leaves nothing waiting and the worker unheld.
  w.postMessage({ id, task });
  w.ref();
  return new Promise((resolve, reject) => state.pending.set(id, { resolve, reject }));
}

/**
 * One slide as PNG bytes, from the cache when the same slide was drawn before.
 *
 * @example const png = await slidePng(slide, chrome, { orientation: 'landscape' });
 */
export async function slidePng(slide: TvSlide, chrome: PictureChrome, options: PictureOptions, fonts: PosterFonts = defaultPosterFonts()): Promise<Uint8Array> {
  const started = performance.now();
  const task: PictureTask = { file: join(renderCacheDir('tv'), `${pictureKey(slide, chrome, options, fonts)}.png`), slide, chrome, options };
  // The worker draws with the default fonts; other fonts (tests) are drawn here.
  const w = fonts === defaultPosterFonts() ? pictureWorker() : null;
  let result: { png: Uint8Array; drawn: boolean };
  try {
    result = w ? await inWorker(w, task) : await renderPicture(task, fonts);
  } catch (e) {
    if (!w) throw e;
    result = await renderPicture(task, fonts); // the worker failed: this thread draws it
  }
  const tally = pictureCounts();
  if (w?.worker) tally.worker = true;
  if (result.drawn) tally.drawn++;
  else tally.kept++;
  tally.ms += performance.now() - started;
  return result.png;
}
