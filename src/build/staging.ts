/**
 * Files drawn on worker threads alongside the pages (the TV pictures, the print shop's folder)
 * wait in a staging folder of their own, and are moved into the site folder once the pages are
 * written.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/**
 * The young generation (MB) of a worker that draws alongside the pages (the print worker, the
 * TV pictures' workers). V8 sizes it from the largest heap the process may have (75 % of the
 * machine's memory), far more than one picture's or one sheet's garbage needs, and the workers
 * draw while the build's own heap is at its largest. The street's labels and cards on a worker,
 * in a script: 390 MB over the script's own memory with the young generation V8 chose, 260 MB
 * with this, in the same time (17.5 s against 17.4 s).
 */
export const DRAWING_YOUNG_MB = 48;

/** Whether process `pid` is running (one we may not signal is running too). */
export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A new staging folder in the system's temp folder (the render caches may be read-only, and two
 * builds never share one), named `board-<kind>-<process id>-…`. It is removed when this process
 * exits without having placed it; the folders of builds no longer running (stopped by Ctrl-C or
 * the out-of-memory killer) are removed first. Throws when no folder can be made.
 */
export function stagingFolder(kind: string): string {
  const dir = tmpdir();
  const prefix = `board-${kind}-`;
  for (const name of readdirSync(dir)) {
    const m = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length)) : null;
    if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) rmSync(join(dir, name), { recursive: true, force: true });
  }
  const staging = mkdtempSync(join(dir, `${prefix}${process.pid}-`));
  process.once('exit', () => rmSync(staging, { recursive: true, force: true }));
  return staging;
}

/** Moves everything under `staging` to the same paths under `dest` (copied where a rename cannot go), and removes `staging`. */
export function placeStaged(staging: string, dest: string): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  let list: string[];
  try {
    statSync(staging);
    list = walk(staging);
  } catch {
    return;
  }
  for (const from of list) {
    const to = join(dest, relative(staging, from));
    mkdirSync(dirname(to), { recursive: true });
    try {
      renameSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
  rmSync(staging, { recursive: true, force: true });
}
