/**
 * A hash of the files a result is made by, for caches kept between builds: each file's path
 * relative to the project, then its bytes, folders walked in name order. Two caches use it with
 * different files: the published figures (src/history/changes.ts) and the pages copied ahead
 * (src/build/carry.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The SHA-256 (hex) of the files under `paths` (folders or files, relative to `project`) that `keep` accepts by name (a file named in `paths` is taken as it is); a path that does not exist adds nothing. */
export function hashFiles(project: string, paths: string[], keep: (name: string) => boolean = () => true): string {
  const hash = createHash('sha256');
  const add = (path: string) => hash.update(relative(project, path)).update('\0').update(readFileSync(path)).update('\0');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (keep(e.name)) add(p);
    }
  };
  for (const path of paths.map((p) => join(project, p))) {
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) walk(path);
    else add(path);
  }
  return hash.digest('hex');
}
