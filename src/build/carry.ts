/**
 * The pages a build takes from the build before, copied ahead. Astro's incremental build copies
 * a page whose key did not change from its cache into the new site, one page at a time on the
 * build's thread (an existence check, a folder, a copy, two log lines): a street's one-row
 * build spent 3.5 to 9 s copying its 17,106 unchanged pages, where `cp -r` copies the whole
 * site in 1.4 s. So when the build starts, a child process copies every page the cache holds
 * for this board's keyed pages (`pagesStampedLater`) into the new site, while the board's pages
 * are bundled and listed on the build's thread; Astro finds them there and copies nothing. A
 * page whose key changed is rendered over its copy, as it would have been anyway. The pages'
 * list waits for the copies (`pagesCarried`), so nothing is rendered before they are in.
 *
 * Each page is copied under a temporary name and renamed into place, so a page is there
 * whole or not at all; a copy that fails leaves Astro to copy or render the page itself.
 *
 * Only when the code is the code that made the cache's pages (`codeHash`, recorded by
 * `recordCode` when a build's pages are written): after a change to the templates or the
 * packages Astro renders every page again, and copying them all first (a district's 7.7 GB)
 * would only be in its way.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashFiles } from './code-hash.ts';
import { processSlot } from './context.ts';

const carrying = processSlot<Promise<number>>('carry');

/** The temporary name a page is copied under before it is renamed into place. */
const TEMP = '.carry-tmp';

/** The child's script: reads the relative paths on its input, copies each that the cache holds. */
const CHILD = `
const fs = require('node:fs'), path = require('node:path');
const [from, to] = process.argv.slice(1);
// A build that is gone (killed) leaves its copies: the next build removes its folder.
const parent = process.ppid;
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const made = new Set();
  let copied = 0;
  for (const rel of input.split('\\n')) {
    if (rel === '') continue;
    if (process.ppid !== parent) process.exit(1);
    const src = path.join(from, rel);
    if (!fs.existsSync(src)) continue;
    const dst = path.join(to, rel);
    const dir = path.dirname(dst);
    if (!made.has(dir)) { fs.mkdirSync(dir, { recursive: true }); made.add(dir); }
    fs.copyFileSync(src, dst + '${TEMP}');
    fs.renameSync(dst + '${TEMP}', dst);
    copied++;
  }
  process.stdout.write(String(copied));
});
`;

/**
 * Starts copying the files `files` (relative paths) from `cacheDist` to `outDir` in a child
 * process; `pagesCarried` waits for it and says how many it copied. A copy that fails or cannot
 * start is given up: its temporary files are removed, and Astro copies or renders those pages
 * itself (the pages it copied stay: each is whole).
 */
export function carryPages(cacheDist: string, outDir: string, files: string[], code: string): void {
  if (!existsSync(cacheDist) || files.length === 0 || readCode(cacheDist) !== code) {
    carrying.forget();
    return;
  }
  const done = new Promise<number>((resolve) => {
    const cleanUp = () => {
      for (const rel of files) rmSync(join(outDir, rel) + TEMP, { force: true });
      resolve(0);
    };
    try {
      const child = spawn(process.execPath, ['-e', CHILD, cacheDist, outDir], { stdio: ['pipe', 'pipe', 'ignore'] });
      let said = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (said += d));
      child.on('error', cleanUp);
      child.on('close', (status) => (status === 0 ? resolve(Number(said) || 0) : cleanUp()));
      child.stdin.on('error', () => {});
      child.stdin.end(files.join('\n'));
    } catch {
      cleanUp();
    }
  });
  carrying.set(done);
}

/** Waits until the pages being copied ahead are in place (at once when none are); how many were. */
export async function pagesCarried(): Promise<number> {
  return (await carrying.get()) ?? 0;
}

/** Where the code that made the cache's pages is recorded: beside the cache's pages. */
const codeFile = (cacheDist: string) => join(cacheDist, '..', 'carry-code.txt');

function readCode(cacheDist: string): string | undefined {
  try {
    return readFileSync(codeFile(cacheDist), 'utf8');
  } catch {
    return undefined;
  }
}

/** Records that the cache's pages are now `code`'s (when the build's pages are written). */
export function recordCode(cacheDist: string, code: string): void {
  try {
    writeFileSync(codeFile(cacheDist), code);
  } catch {
    // A cache that cannot be written to is not carried from: nothing lost but time.
  }
}

/**
 * A hash of what a page's HTML is made by, apart from the data: the project's src/ (pages,
 * components, styles, code), its Astro config and its installed packages' lockfile.
 */
export function codeHash(project: string): string {
  return hashFiles(project, ['src', 'astro.config.mjs', 'package.json', 'package-lock.json']);
}
