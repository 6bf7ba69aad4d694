/**
 * The print shop's folder, made alongside the pages: the posters, the shelf labels and the
 * points cards are drawn on a worker thread (`print-worker.ts`) from the moment the board is
 * ready, into a staging folder, and moved into `dist/posters/` once the pages are written.
 * They used to be drawn after the pages, on the build's thread, with the second core idle:
 * on a street's data that was 32 s at the end of the build (a street's 1,600 pages of cards).
 *
 * What the worker is given is plain data (the posters' documents and the sheets' cards); it
 * loads the fonts itself, and the build's thread never does. Without a worker (it could not
 * start, or failed) everything is drawn on the build's thread after the pages, as before: the
 * same bytes either way.
 */
import { rmSync } from 'node:fs';
import { DRAWING_YOUNG_MB, stagingFolder } from '../build/staging.ts';
import { Worker } from 'node:worker_threads';
import type { Board } from '../view/board.ts';
import { defaultPosterFonts } from '../render/fonts.ts';
import { renderPosters, writeSheetFiles } from './batch.ts';
import type { PosterDoc } from './doc.ts';
import { posterDocs } from './from-board.ts';
import { sheetFiles, type SheetFile } from './sheets-from-board.ts';

/** Everything the print shop's folder is made of. */
export interface PrintJob {
  docs: PosterDoc[];
  sheets: SheetFile[];
  cacheDir: string;
  posterWorkers: number;
}

/** What was made, for the build's log. */
export interface Printed {
  posters: { files: number; pages: number; rendered: number; cached: number; missingGlyphs: { file: string; chars: string[] }[]; ms: number };
  sheets: { files: number; pages: number; drawn: number; ms: number };
}

export function printJob(board: Board, cacheDir: string, posterWorkers: number): PrintJob {
  return { docs: posterDocs(board), sheets: sheetFiles(board), cacheDir, posterWorkers };
}

/** Draws `job` into `outDir` (the posters, then the sheets, in one manifest). */
export async function runPrintJob(job: PrintJob, outDir: string): Promise<Printed> {
  const fonts = defaultPosterFonts();
  let started = performance.now();
  const result = await renderPosters(job.docs, outDir, { cacheDir: job.cacheDir, workers: job.posterWorkers });
  const posters = {
    files: result.files.length,
    pages: result.files.reduce((n, f) => n + f.pages, 0),
    rendered: result.rendered,
    cached: result.cached,
    missingGlyphs: result.missingGlyphs,
    ms: performance.now() - started,
  };
  started = performance.now();
  const made = await writeSheetFiles(job.sheets, outDir, fonts, job.cacheDir);
  return { posters, sheets: { ...made, ms: performance.now() - started } };
}

/**
 * How much heap (MB) the print worker may keep. What it holds alive is small: the job, the
 * fonts, the sheet it is drawing (45 MB after a street's 211 sheets, in a script). Uncapped, V8
 * let its heap grow with the garbage of one sheet after another, on top of the build's own.
 * Capped (and its young generation below), a district's build took 6.4 GB through the ranking
 * pages instead of 7.1 GB (read every second); what the worker still takes, about 1 GB there, is
 * mostly outside its heap (docs/performance.md). A job's data is some 650 bytes per card (98 MB for a district's 150,000 cards), so
 * 2 KB per card over 256 MB leaves room. A worker that still runs out stops alone, and the
 * folder is drawn on the build's thread after the pages (`fail` below).
 */
export function printHeapMb(job: PrintJob): number {
  const cards = job.sheets.reduce((n, s) => n + s.spec.cards.length, 0);
  return 256 + Math.ceil(cards / 512);
}

/**
 * Starts drawing `job` on a worker thread (its heap capped at `heapMb`) into a new staging
 * folder. Settles with what was made and where, or with why the worker could not (its staging
 * folder removed and the worker stopped, so the caller can draw on its own thread). Never
 * rejects.
 */
export function startPrinting(job: PrintJob, heapMb: number = printHeapMb(job)): Promise<{ printed: Printed; staging: string } | { error: string }> {
  let staging: string;
  try {
    staging = stagingFolder('posters');
  } catch (e) {
    return Promise.resolve({ error: e instanceof Error ? e.message : String(e) });
  }
  return new Promise((resolve) => {
    let settled = false;
    let worker: Worker | undefined;
    const fail = async (error: string) => {
      if (settled) return;
      settled = true;
      // Stopped before anything else is drawn: the caller's drawing never meets the worker's.
      await worker?.terminate();
      rmSync(staging, { recursive: true, force: true });
      resolve({ error });
    };
    try {
      worker = new Worker(new URL('./print-worker.ts', import.meta.url), {
        workerData: { job, outDir: staging },
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: DRAWING_YOUNG_MB },
      });
    } catch (e) {
      void fail(e instanceof Error ? e.message : String(e));
      return;
    }
    worker.once('message', (m: { printed?: Printed; error?: string }) => {
      if (!m.printed) {
        void fail(m.error ?? 'no answer');
        return;
      }
      settled = true;
      resolve({ printed: m.printed, staging });
    });
    worker.once('error', (e: Error) => void fail(e.message));
    worker.once('exit', (code) => void fail(`the worker stopped (${code})`));
  });
}
