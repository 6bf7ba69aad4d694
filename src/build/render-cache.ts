/**
 * The render caches (posters, TV pictures) between builds: a kept file is marked as used each
 * time a build takes it, and a build ends by removing the files no build has used for a month,
 * so a cache carried from build to build (CI keeps node_modules/.cache) stays the size of what
 * the board shows, not of everything it ever showed.
 */
import { readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { buildSettings } from './context.ts';

const MONTH_MS = 30 * 24 * 3600 * 1000;

/** Where a render cache lives: `$BOARD_POSTER_CACHE` / `$BOARD_TV_CACHE`, or node_modules/.cache/<kind>. */
export function renderCacheDir(kind: 'posters' | 'tv'): string {
  const settings = buildSettings();
  const set = kind === 'posters' ? settings.posterCache : settings.tvCache;
  return set ?? join(process.cwd(), 'node_modules', '.cache', kind);
}

/** Marks a kept file as used now. */
export function markUsed(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // A read-only cache only costs time.
  }
}

/** The names the caches write: a SHA-256 key and an extension, or a file being written aside. */
const CACHE_FILE = /^[0-9a-f]{64}\.(png|pdf|json)(\.\d+\.tmp)?$/;

/**
 * Removes the cache files of `dir` not used for `maxAgeMs` (a month); returns how many.
 * Nothing else in the folder is touched, wherever $BOARD_TV_CACHE or $BOARD_POSTER_CACHE point.
 */
export function pruneUnused(dir: string, maxAgeMs: number = MONTH_MS): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const before = Date.now() - maxAgeMs;
  for (const name of names) {
    if (!CACHE_FILE.test(name)) continue;
    const file = join(dir, name);
    try {
      const st = statSync(file);
      if (st.isFile() && st.mtimeMs < before) {
        rmSync(file, { force: true });
        removed++;
      }
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}
