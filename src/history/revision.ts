/**
 * Git revisions of a project's data: which commit was published before the current one, and
 * a revision's `data/` and `content/` unpacked into a temporary folder so the same check and
 * computation can run on it. Used by `npm run diff` and by the build's 本期变动 section.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `git -C root …`, trimmed output; throws when git fails. */
export function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** `git -C root …`, or undefined when git fails (not a repository, unknown revision…). */
export function tryGit(root: string, ...args: string[]): string | undefined {
  try {
    return git(root, ...args);
  } catch {
    return undefined;
  }
}

/** The tag a community moves when it publishes: `git tag -f published`. */
export const PUBLISHED_TAG = 'published';

/** The commit a revision names, or undefined when it names none. */
export function commitOf(root: string, rev: string): string | undefined {
  return tryGit(root, 'rev-parse', '--verify', '--quiet', `${rev}^{commit}`);
}

/** Whether `data/` and `content/` are the same at two revisions (`b` undefined: the working tree). */
export function sameData(root: string, a: string, b?: string): boolean {
  return tryGit(root, 'diff', '--quiet', a, ...(b ? [b] : []), '--', 'data', 'content') !== undefined && (b !== undefined || untracked(root).length === 0);
}

/** Files under `data/` and `content/` that differ between a revision and `b` (undefined: the working tree, new files included). */
export function changedFiles(root: string, a: string, b?: string): string[] {
  const listed = git(root, 'diff', '--name-only', '--relative', '--no-renames', a, ...(b ? [b] : []), '--', 'data', 'content');
  const files = listed === '' ? [] : listed.split('\n');
  return [...new Set([...files, ...(b ? [] : untracked(root))])].sort();
}

function untracked(root: string): string[] {
  const out = tryGit(root, 'ls-files', '--others', '--exclude-standard', '--', 'data', 'content') ?? '';
  return out === '' ? [] : out.split('\n');
}

/** A file's bytes at a revision, or undefined when it does not exist there. */
export function fileAt(root: string, rev: string, path: string): Uint8Array | undefined {
  try {
    return execFileSync('git', ['-C', root, 'show', `${rev}:./${path}`], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
  } catch {
    return undefined;
  }
}

/**
 * A revision's `data/` and `content/` in a new temporary folder (a project root for the check).
 * `undefined` means the working tree: the root itself.
 */
export function materialise(root: string, rev: string | undefined): string {
  if (rev === undefined) return root;
  const dir = mkdtempSync(join(tmpdir(), 'board-rev-'));
  const paths = ['data', 'content'].filter((p) => tryGit(root, 'cat-file', '-e', `${rev}:./${p}`) !== undefined);
  if (paths.length > 0) {
    execFileSync('sh', ['-c', `git -C "$0" archive "$1" -- ${paths.join(' ')} | tar -x -C "$2"`, root, rev, dir]);
  }
  return dir;
}
