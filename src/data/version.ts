/**
 * The data version stamped on every page, poster, slide and JSON file: the git commit that
 * last changed `data/` or `content/` when those folders are committed and clean, otherwise a
 * hash of their bytes. Never the wall clock, so the same data gives the same output.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';

export interface DataVersion {
  /** Short id printed on pages: a 12-character commit or `sha256-` + 12 hex characters. */
  id: string;
  /** Full commit or full hash, for `dist/version.json`. */
  full: string;
  /** `git` when the id is a commit, `hash` when it is a content hash. */
  source: 'git' | 'hash';
  /** Date of the commit (YYYY-MM-DD), or the latest date found in the data. */
  date: string;
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** `files`: every data file read (relative path → bytes). `latestDate`: the newest date in the data. */
export function dataVersion(root: string, files: Map<string, Uint8Array>, latestDate: string): DataVersion {
  const dirty = git(root, ['status', '--porcelain', '--', 'data', 'content']);
  if (dirty === '') {
    const line = git(root, ['log', '-1', '--format=%H %cs', '--', 'data', 'content']);
    const [commit, date] = line?.split(' ') ?? [];
    if (commit && date) return { id: commit.slice(0, 12), full: commit, source: 'git', date };
  }
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort()) {
    hash.update(path).update('\0').update(files.get(path)!).update('\0');
  }
  const full = hash.digest('hex');
  return { id: `sha256-${full.slice(0, 12)}`, full: `sha256-${full}`, source: 'hash', date: latestDate };
}
