/**
 * Files drawn on worker threads alongside the pages (the TV pictures, the print shop's folder)
 * wait in a staging folder of their own, and are moved into the site folder once the pages are
 * written.
 */
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

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
