/**
 * How many TV pictures a build drew and took from the cache, and the time they took. The page
 * bundle's copy of `png.ts` counts them and the build's log (`integration.ts`, loaded with the
 * config) reads them: two copies of the code, so the counts are kept on the process.
 */
export interface PictureCounts {
  drawn: number;
  kept: number;
  ms: number;
  /** Whether a worker thread drew them. */
  worker: boolean;
}

const COUNTS = Symbol.for('points-board:tv-pictures');
const shared = globalThis as typeof globalThis & { [COUNTS]?: PictureCounts };

/** This process's counts, to add to or to read. */
export const pictureCounts = (): PictureCounts => (shared[COUNTS] ??= { drawn: 0, kept: 0, ms: 0, worker: false });
