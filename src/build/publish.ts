/**
 * A safe publish: `npm run build` writes the site into a new folder beside the output folder
 * and puts it in place only when it is whole. A build that fails, runs out of memory or is
 * killed leaves the last good site serving, untouched.
 *
 * The output folder (`dist/`) is either a plain folder or a symbolic link:
 * - a folder (the default, what GitHub's and GitLab's Pages steps upload): two renames, the
 *   old folder aside and the new one in its place, microseconds apart; a build stopped between
 *   them finds the old folder aside at its start and puts it back. The old folder is then
 *   renamed to a trash folder and deleted by a child process that outlives the build;
 * - a link (`--link` makes it one, for a web server that serves `dist/` while it builds): the
 *   new folder goes under `.dist-releases/` and a new link replaces the old in one atomic
 *   rename, so a reader never finds `dist/` missing or half-written. The release before stays
 *   (for a quick way back); older ones are removed.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { processAlive } from './staging.ts';

const RM = { recursive: true, force: true, maxRetries: 3 } as const;

export interface Publish {
  /** Where the build writes. */
  staging: string;
  /** Puts the finished build in place of the output folder. */
  commit(): void;
  /** Removes the unfinished build (a failed build's files). */
  abandon(): void;
}

/**
 * `.dist-next-123`, `.dist-old-123` and `.dist-trash-123` beside `dist`: a build's own folders,
 * by its process id. `old` is the last site while the new one goes in (the one folder ever put
 * back); `trash` is the last site once the new one is in, being deleted.
 */
type Own = 'next' | 'old' | 'trash';
const ownName = (out: string, kind: Own) => `.${basename(out)}-${kind}-`;
const pidOf = (out: string, kind: Own, name: string): number | undefined => {
  const prefix = ownName(out, kind);
  return name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)) ? Number(name.slice(prefix.length)) : undefined;
};

/**
 * Gets the output folder `out` ready for a build into a new folder: a build stopped between
 * its two renames gets its old folder back; the folders of builds no longer running are removed.
 */
export function preparePublish(outDir: string, options: { link?: boolean } = {}): Publish {
  const out = resolve(outDir);
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  const releases = join(parent, `.${basename(out)}-releases`);
  const gone = (name: string, kind: Own) => {
    const pid = pidOf(out, kind, name);
    return pid !== undefined && !processAlive(pid);
  };
  const isLink = isSymlink(out);
  // A folder set aside by a build stopped before it put the new one in place: the site it was.
  if (!isLink && !existsSync(out)) {
    const aside = readdirSync(parent).filter((n) => gone(n, 'old')).sort();
    if (aside.length > 0) renameSync(join(parent, aside.at(-1)!), out);
  }
  for (const name of readdirSync(parent)) if (gone(name, 'next') || gone(name, 'old') || gone(name, 'trash')) rmSync(join(parent, name), RM);

  const linkMode = options.link === true || isLink;
  const staging = linkMode ? join(releases, `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${process.pid}`) : join(parent, `${ownName(out, 'next')}${process.pid}`);
  rmSync(staging, RM);
  mkdirSync(staging, { recursive: true });
  return {
    staging,
    abandon: () => rmSync(staging, RM),
    commit: () => (linkMode ? swapLink(out, staging, releases) : swapFolder(out, staging)),
  };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Old folder aside, new folder in place, old folder removed. */
function swapFolder(out: string, staging: string): void {
  const aside = join(dirname(out), `${ownName(out, 'old')}${process.pid}`);
  const had = existsSync(out);
  if (had) renameSync(out, aside);
  renameSync(staging, out);
  // A .git in the old folder (a gh-pages checkout) goes with the new site.
  if (had && existsSync(join(aside, '.git')) && !existsSync(join(out, '.git'))) renameSync(join(aside, '.git'), join(out, '.git'));
  if (!had) return;
  // Renamed out of the way first: a folder being deleted is never mistaken for a site to put back.
  const trash = join(dirname(out), `${ownName(out, 'trash')}${process.pid}`);
  renameSync(aside, trash);
  removeDetached(trash);
}

/**
 * Removes `path` in a child process that outlives the build: the old site is 18,000 files for a
 * street, 3 s to delete, and nothing waits for them. Should the child be stopped or never start,
 * the next build removes what is left (the folder carries this build's process id).
 */
function removeDetached(path: string): void {
  try {
    const child = spawn(process.execPath, ['-e', `require('node:fs').rmSync(process.argv[1], ${JSON.stringify(RM)})`, path], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    rmSync(path, RM);
  }
}

/** A new link to the new release, renamed over the old link in one step; older releases removed. */
function swapLink(out: string, staging: string, releases: string): void {
  const parent = dirname(out);
  const previous = isSymlink(out) ? resolve(parent, readlinkSync(out)) : undefined;
  if (existsSync(out) && !isSymlink(out)) {
    // The first time: the plain folder becomes the release before.
    const first = join(releases, `0-${process.pid}`);
    renameSync(out, first);
  }
  const temp = join(parent, `${ownName(out, 'next')}link-${process.pid}`);
  rmSync(temp, RM);
  symlinkSync(relative(parent, staging), temp);
  renameSync(temp, out);
  // Keep this release and the one before it.
  const keep = new Set([staging, previous].filter(Boolean) as string[]);
  for (const name of readdirSync(releases)) {
    const p = join(releases, name);
    if (!keep.has(p) && !(previous === undefined && name.startsWith('0-'))) rmSync(p, RM);
  }
}
