/**
 * The build's TV pictures, all drawn at once on the worker threads of `pool.ts` while Astro
 * writes the pages: the integration (`integration.ts`) starts them before the pages and puts
 * them in place after. A build once drew them one by one as pages, with the build's thread
 * waiting on each: on a 2-core machine one core then drew and the other idled. Now the
 * pictures take the cores the pages leave.
 *
 * Loaded by Node itself (the integration), not bundled: the drawing code's sources for the
 * cache key are read from src/. Each picture is written to a staging folder by the worker that
 * drew it, so the build's thread never holds the pictures; a slide shown on two screens of the
 * same orientation is drawn once and copied.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Board } from '../view/board.ts';
import { defaultFontCoverage, defaultPosterFonts } from '../render/fonts.ts';
import { renderCacheDir } from '../build/render-cache.ts';
import { stagingFolder } from '../build/staging.ts';
import { buildSettings } from '../build/context.ts';
import { renderPicture, type PictureTask } from './draw.ts';
import { DRAWING_SOURCES, pictureKeyOf } from './key.ts';
import { pictureRoutes } from './pictures.ts';
import { closePool, drawOnPool, picturePool, poolWorkers } from './pool.ts';
import { screensOf } from './slides.ts';

/** Pictures that pay for a worker thread of their own. */
const PICTURES_PER_WORKER = 100;

export interface PicturesDone {
  /** Pictures in the site (a slide on two screens counts twice). */
  files: number;
  /** Distinct pictures drawn now, and taken from the cache with the new stamp. */
  drawn: number;
  kept: number;
  /** From the start of the first picture to the end of the last, alongside the pages. */
  ms: number;
  /** Worker threads that drew them (0: the build's own thread). */
  workers: number;
  /** Where they wait, under the paths they get in dist/. */
  staging: string;
}

/**
 * Starts drawing every picture of the board into a new staging folder (in the system's temp
 * folder: the render cache may be read-only, and two builds never share it). Settles once all
 * are there; never rejects (a failure is returned, for the build to stop with once the pages are
 * written, and the staging folder is gone).
 */
export function startPictures(board: Board): Promise<PicturesDone | Error> {
  const started = performance.now();
  const staging = stagingFolder('tv-pictures');
  return drawAll(board, staging).then(
    (done) => ({ ...done, ms: performance.now() - started }),
    (e: unknown) => {
      rmSync(staging, { recursive: true, force: true });
      return e instanceof Error ? e : new Error(String(e));
    },
  );
}

async function drawAll(board: Board, staging: string): Promise<Omit<PicturesDone, 'ms'>> {
  // The fonts' hash for the keys; the fonts themselves only if this thread has to draw.
  const fonts = defaultFontCoverage();
  const sources = DRAWING_SOURCES.map((f) => readFileSync(new URL(`./${f}`, import.meta.url), 'utf8'));
  const cache = renderCacheDir('tv');
  // One task per distinct picture; the paths that show it.
  const tasks = new Map<string, { task: PictureTask; copies: string[] }>();
  let files = 0;
  for (const screen of screensOf(board)) {
    for (const { params, props } of pictureRoutes(screen, board)) {
      const key = pictureKeyOf(sources, props.slide, props.chrome, props.options, fonts);
      // Where the dev preview's route serves it: /tv/slides/001.png, /tv/<screen>/slides/001.png.
      const out = join(staging, screen.path, 'slides', `${params.n}.png`);
      files++;
      const known = tasks.get(key);
      if (known) known.copies.push(out);
      else tasks.set(key, { task: { file: join(cache, `${key}.png`), ...props, out }, copies: [] });
    }
  }
  const pool = picturePool();
  // A worker holds its own fonts and drawing (some 300 MB): a second one only for a long
  // loop. The default loop of a street is 21 pictures, some 10 s on one worker alongside
  // 40 s of pages; `rankingTop: 全部` makes it 1,815.
  if (pool && pool.slots.length === 0 && buildSettings().tvWorkers === undefined) pool.size = Math.min(pool.size, Math.ceil(tasks.size / PICTURES_PER_WORKER));
  let drawn = 0;
  let kept = 0;
  // Pictures this thread draws (no workers, or they failed) are drawn one after the other, back
  // to the event loop between them (resvg's pixels are freed there), never all at once.
  let here: Promise<unknown> = Promise.resolve();
  const drawHere = (task: PictureTask): Promise<{ drawn: boolean }> => {
    const next = here.then(async () => {
      const r = await renderPicture(task, defaultPosterFonts());
      mkdirSync(dirname(task.out!), { recursive: true });
      writeFileSync(task.out!, r.png);
      await new Promise((resolve) => setImmediate(resolve));
      return { drawn: r.drawn };
    });
    here = next.catch(() => undefined);
    return next;
  };
  const one = async ({ task, copies }: { task: PictureTask; copies: string[] }) => {
    let done: { drawn: boolean };
    try {
      if (!pool) throw new Error('no workers');
      done = await drawOnPool(pool, task);
    } catch {
      done = await drawHere(task);
    }
    for (const c of copies) {
      mkdirSync(dirname(c), { recursive: true });
      copyFileSync(task.out!, c);
    }
    if (done.drawn) drawn++;
    else kept++;
  };
  const settled = await Promise.allSettled([...tasks.values()].map(one));
  const workers = poolWorkers();
  await closePool();
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return { files, drawn, kept, workers, staging };
}
