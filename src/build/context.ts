/**
 * The build's context: the project it builds and the settings a run is steered by, the
 * `BOARD_*` environment variables. They are read here and in src/cli/ only, each in one
 * place with its meaning and default, so no module deep in the build reads the environment
 * on its own.
 *
 * Also the one module that keeps things on the process. A build loads some modules twice
 * (bundled with the pages, and again when the posters' and the TV's steps import them after
 * the pages), so what must be computed once per build is kept here, not in a module's scope.
 */
import { resolve } from 'node:path';

/** The settings of this run, as the environment gives them now. */
export interface BuildSettings {
  /** The project folder: `$BOARD_ROOT`, or the working directory. */
  root: string;
  /** `$BOARD_CHANGES_BASE`: the revision 本期变动 compares with, instead of the last publication. */
  changesBase?: string;
  /** `$BOARD_CHANGES_CACHE`: where published figures of earlier revisions are kept. */
  changesCache?: string;
  /** `$BOARD_POSTER_CACHE`, `$BOARD_TV_CACHE`: where drawn posters and TV pictures are kept. */
  posterCache?: string;
  tvCache?: string;
  /** `$BOARD_POSTER_WORKERS`: threads that draw posters (0: as many as suit the machine). */
  posterWorkers: number;
  /** `$BOARD_TV_PICTURES=off`: draw no TV pictures (a quick build). */
  tvPictures: boolean;
  /** `$BOARD_TV_WORKERS`: threads that draw TV pictures (undefined: one a core, up to two). */
  tvWorkers?: number;
  /** `$BOARD_TV_WORKER=off`: draw TV pictures on the build's own thread. */
  tvWorkerThreads: boolean;
  /** `$BOARD_READ_WORKER`: read a large ledger on a second thread when worth it, `always` or `off`. */
  readWorker: 'auto' | 'always' | 'off';
  /** `$BOARD_EMPTY_ASIDE=off`: let Astro empty dist/ itself before a build. */
  emptyAside: boolean;
}

/** The settings as the environment says them at this moment (tests change it between builds). */
export function buildSettings(env: NodeJS.ProcessEnv = process.env): BuildSettings {
  const count = (v: string | undefined) => (v !== undefined && Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : undefined);
  return {
    root: resolve(env.BOARD_ROOT ?? process.cwd()),
    changesBase: env.BOARD_CHANGES_BASE || undefined,
    changesCache: env.BOARD_CHANGES_CACHE || undefined,
    posterCache: env.BOARD_POSTER_CACHE || undefined,
    tvCache: env.BOARD_TV_CACHE || undefined,
    posterWorkers: count(env.BOARD_POSTER_WORKERS) ?? 0,
    tvPictures: env.BOARD_TV_PICTURES !== 'off',
    tvWorkers: count(env.BOARD_TV_WORKERS),
    tvWorkerThreads: env.BOARD_TV_WORKER !== 'off',
    readWorker: env.BOARD_READ_WORKER === 'always' || env.BOARD_READ_WORKER === 'off' ? env.BOARD_READ_WORKER : 'auto',
    emptyAside: env.BOARD_EMPTY_ASIDE !== 'off',
  };
}

/** What the process keeps, by name: the board, 本期变动, the handed-over check (and the one under way), the pages being copied ahead, the TV's pool, the build flag, where Astro's log goes. */
interface Kept {
  board: unknown;
  changes: unknown;
  checked: unknown;
  'check-in-flight': unknown;
  carry: unknown;
  'tv-pool': unknown;
  'tv-drawing': unknown;
  building: unknown;
  'astro-log': unknown;
}

const KEPT = Symbol.for('points-board:kept');
const process_ = globalThis as typeof globalThis & { [KEPT]?: Partial<Record<keyof Kept, unknown>> };
const kept = (): Partial<Record<keyof Kept, unknown>> => (process_[KEPT] ??= {});

/**
 * A slot on the process for one of the things a build keeps once. `get` is undefined until
 * `set`; `forget` empties it (the dev preview, when data changes).
 */
export function processSlot<T>(name: keyof Kept): { get(): T | undefined; set(value: T): void; forget(): void } {
  return {
    get: () => kept()[name] as T | undefined,
    set: (value) => void (kept()[name] = value),
    forget: () => void delete kept()[name],
  };
}

const buildingFlag = processSlot<boolean>('building');

/**
 * Whether this process is building the site (`astro build`), not serving the dev preview: set
 * by the stamp integration when the build starts. (Vite's `import.meta.env.PROD` is no guide: a
 * build run with NODE_ENV=test, as the tests run it, is not "production".)
 */
export const building = (): boolean => buildingFlag.get() === true;
export const markBuilding = (): void => buildingFlag.set(true);
