/**
 * The worker threads that draw TV pictures (`picture-worker.ts`), shared by the build
 * (`build.ts`, which keeps them all busy while Astro writes the pages) and the dev preview
 * (`png.ts`, one picture at a time). Each worker's heap holds only the fonts and the picture
 * it draws, where the build's holds the whole board. Loaded both by Node itself (the build's
 * integration) and in Astro's page bundle, so the pool is kept on the process: both find the
 * same workers, and the dev preview, which loads its modules again after a data edit, too.
 *
 * A worker's file is found from the project folder (the build runs there), as the page bundle
 * has no src/ beside it. Without it, with `BOARD_TV_WORKER=off`, or once a worker failed,
 * there is no pool and pictures are drawn in the calling thread; the bytes are the same.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PictureTask } from './draw.ts';
import { buildSettings, processSlot } from '../build/context.ts';
import { DRAWING_YOUNG_MB } from '../build/staging.ts';

/** What a worker sends back: the PNG (unless it wrote it to the task's `out` file) and whether it was drawn or kept. */
export interface PictureDone {
  png?: Uint8Array;
  drawn: boolean;
}

interface Job {
  task: PictureTask;
  resolve: (r: PictureDone) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Map<number, Job>;
}

interface Pool {
  slots: Slot[];
  size: number;
  queue: Job[];
  nextId: number;
  failed: boolean;
}

/**
 * Tasks sent ahead to a worker, which draws them one after the other: while the build's thread
 * is busy writing pages it cannot hand out the next task, and a worker with one task at a time
 * waited (1,815 pictures re-stamped took 35 to 54 s on two workers, against 0.7 s for 102 with
 * the build's thread free).
 */
const PER_WORKER = 16;
const held = processSlot<Pool | null>('tv-pool');

/** How many workers may draw: $BOARD_TV_WORKERS, else one per core up to two (a build with under 100 pictures starts one: src/tv/build.ts). */
export function poolSize(): number {
  return buildSettings().tvWorkers ?? Math.min(2, availableParallelism());
}

/** The pool, or null when pictures are to be drawn in this thread. */
export function picturePool(): Pool | null {
  const known = held.get();
  if (known !== undefined) return known;
  const file = workerFile();
  const pool: Pool | null = !buildSettings().tvWorkerThreads || !existsSync(file) ? null : { slots: [], size: poolSize(), queue: [], nextId: 0, failed: false };
  held.set(pool);
  return pool;
}

const workerFile = () => join(process.cwd(), 'src', 'tv', 'picture-worker.ts');

/** Has the pool started a worker? (the build's log says so) */
export const poolWorkers = (): number => held.get()?.slots.length ?? 0;

/** Draws a picture on the pool; rejects when the workers failed (the caller then draws it). */
export function drawOnPool(pool: Pool, task: PictureTask): Promise<PictureDone> {
  if (pool.failed) return Promise.reject(new Error('the TV picture workers stopped'));
  return new Promise((resolve, reject) => {
    pool.queue.push({ task, resolve, reject });
    pump(pool);
  });
}

function pump(pool: Pool): void {
  while (pool.queue.length > 0 && !pool.failed) {
    // An idle worker first, then a new one, then the least busy with room.
    const open = pool.slots.filter((s) => s.busy.size < PER_WORKER).sort((a, b) => a.busy.size - b.busy.size);
    const slot = open[0]?.busy.size === 0 ? open[0] : pool.slots.length < pool.size ? start(pool) : open[0];
    if (!slot) return;
    const job = pool.queue.shift()!;
    const id = pool.nextId++;
    try {
      slot.worker.postMessage({ id, task: job.task });
    } catch (e) {
      job.reject(e instanceof Error ? e : new Error(String(e)));
      continue;
    }
    slot.busy.set(id, job);
    slot.worker.ref();
  }
}

/**
 * Stops the pool's workers: the build calls it once it has every picture. An idle worker kept
 * its fonts and drawing to the end of the build, past the pictures by 40 s of
 * pages on a street. A later picture starts a new pool.
 */
export async function closePool(): Promise<void> {
  const pool = held.get();
  held.forget();
  if (!pool) return;
  // A caller still holding this pool draws on its own thread from now on (drawOnPool rejects).
  pool.failed = true;
  const stopped = new Error('the TV picture workers were stopped');
  for (const job of pool.queue.splice(0)) job.reject(stopped);
  await Promise.all(
    pool.slots.splice(0).map((s) => {
      // Its exit is expected now; an error racing the stop is ignored, not thrown.
      s.worker.removeAllListeners('message').removeAllListeners('exit').removeAllListeners('error').on('error', () => {});
      for (const job of s.busy.values()) job.reject(stopped);
      return s.worker.terminate();
    }),
  );
}

/** One worker failed (or would not start): no more are used, and whatever waits is drawn by its caller. */
function failPool(pool: Pool, e: Error, failed?: Slot): void {
  pool.failed = true;
  for (const s of pool.slots) {
    for (const job of s.busy.values()) job.reject(e);
    s.busy.clear();
    if (s !== failed) void s.worker.terminate();
  }
  for (const job of pool.queue.splice(0)) job.reject(e);
  held.set(null);
}

function start(pool: Pool): Slot | undefined {
  let worker: Worker;
  try {
    worker = new Worker(workerFile(), { resourceLimits: { maxYoungGenerationSizeMb: DRAWING_YOUNG_MB } });
  } catch (e) {
    failPool(pool, e instanceof Error ? e : new Error(String(e)));
    return undefined;
  }
  worker.unref(); // an idle worker never keeps a build from ending
  const slot: Slot = { worker, busy: new Map() };
  const fail = (e: Error) => failPool(pool, e, slot);
  worker.on('message', (m: { id: number; png?: Uint8Array; drawn?: boolean; error?: string }) => {
    const job = slot.busy.get(m.id);
    slot.busy.delete(m.id);
    if (slot.busy.size === 0) worker.unref();
    if (job) {
      if (m.error !== undefined) job.reject(new Error(m.error));
      else job.resolve({ png: m.png, drawn: m.drawn! });
    }
    pump(pool);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`a TV picture worker stopped (${code})`)));
  pool.slots.push(slot);
  return slot;
}
