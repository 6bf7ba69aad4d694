/**
 * Pages from the build before: Astro's incremental build (`experimental.incrementalBuild`)
 * copies a page from its cache instead of rendering it again when the page's `cacheKey` is the
 * same as last time (the pages with a key, and their keys: src/view/page-routes.ts). A key
 * covers everything the page shows except the data version and date in the footer, which
 * change with every edit and would make every page new. Those are written as placeholders
 * (src/view/stamp-marks.ts) and filled in after the pages (`stampPages`), in every such page,
 * rendered or copied. So one changed ledger row renders the pages it changed, not all ten
 * thousand. A placeholder is exactly as long as the value that replaces it, so the value is
 * written over it in place (a few bytes per page, not the page again); the key holds the
 * placeholders, so a copied page always has this build's. This relies on dist/ being emptied
 * before each build (src/build/out-dir.ts, or Astro's default): a page already stamped with the
 * previous version would otherwise stay in place, and nothing would fill it in again.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Board } from '../view/board.ts';
import { pagesStampedLater } from '../view/page-routes.ts';
import { stampMarks, stampValues } from '../view/stamp-marks.ts';
import { markBuilding } from './context.ts';
import { carryPages, codeHash, pagesCarried, recordCode } from './carry.ts';

/** `html` with each of `marks` replaced by its value, worked on the bytes (no decoding). */
function replaced(html: Buffer, marks: [Buffer, Buffer][]): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (;;) {
    let at = -1;
    let mark: [Buffer, Buffer] | undefined;
    for (const m of marks) {
      const i = html.indexOf(m[0], from);
      if (i !== -1 && (at === -1 || i < at)) [at, mark] = [i, m];
    }
    if (!mark) break;
    parts.push(html.subarray(from, at), mark[1]);
    from = at + mark[0].length;
  }
  if (from === 0) return html;
  parts.push(html.subarray(from));
  return Buffer.concat(parts);
}

/** Where each of `marks` is in `html`: [offset, its value] for every occurrence. */
function marksIn(html: Buffer, marks: [Buffer, Buffer][]): [number, Buffer][] {
  const found: [number, Buffer][] = [];
  for (const [mark, value] of marks) for (let at = html.indexOf(mark); at !== -1; at = html.indexOf(mark, at + mark.length)) found.push([at, value]);
  return found;
}

/**
 * Where the placeholders are: the page's head (its data-version meta) and its footer
 * (src/layouts/Page.astro), so a page is read at both ends, not whole. A street's 17,108 pages
 * are 538 MB: read whole, sixteen at a time, stamping took 4.5 s; both ends, 0.3 s.
 */
const END = 16 * 1024;
const HEAD_END = Buffer.from('</head>');
const FOOTER = Buffer.from('<footer');

/**
 * Fills the data version and date into every page printed with placeholders under `dist`;
 * returns how many. Each value is written over its placeholder in place, which is as long. A
 * page whose first 16 KB do not hold its whole head, or whose last 16 KB do not hold its whole
 * footer, is read whole; when the values are not as long as the placeholders, every page is
 * rewritten.
 */
export function stampPages(board: Board, dist: string): number {
  const values = stampValues(board);
  const printed = stampMarks(board);
  const files = pagesStampedLater(board).map((path) => join(dist, path, 'index.html'));
  stampFiles(files, [
    [Buffer.from(printed.version), Buffer.from(values.version)],
    [Buffer.from(printed.date), Buffer.from(values.date)],
  ]);
  return files.length;
}

/** Writes each mark's value over it in each of `files` (see `stampPages`). */
export function stampFiles(files: string[], marks: [Buffer, Buffer][]): void {
  const inPlace = marks.every(([mark, value]) => mark.length === value.length);
  const head = Buffer.alloc(END);
  const tail = Buffer.alloc(END);
  for (const file of files) {
    if (!inPlace) {
      writeFileSync(file, replaced(readFileSync(file), marks));
      continue;
    }
    const fd = openSync(file, 'r+');
    try {
      const size = fstatSync(fd).size;
      let found: [number, Buffer][];
      if (size <= 2 * END) {
        found = marksIn(readFileSync(fd), marks);
      } else {
        const h = readSync(fd, head, 0, END, 0);
        const t = readSync(fd, tail, 0, END, size - END);
        const [start, end] = [head.subarray(0, h), tail.subarray(0, t)];
        // Both ends hold the whole of what may carry a placeholder, or the page is read whole.
        if (start.includes(HEAD_END) && end.includes(FOOTER)) found = [...marksIn(start, marks), ...marksIn(end, marks).map(([at, v]): [number, Buffer] => [at + size - END, v])];
        else found = marksIn(readFileSync(fd), marks);
      }
      for (const [at, value] of found) writeSync(fd, value, 0, value.length, at);
    } finally {
      closeSync(fd);
    }
  }
}

export default function stampIntegration(): AstroIntegration {
  let cacheDist: string | undefined;
  let outDir: string | undefined;
  let code: string | undefined;
  return {
    name: 'points-board-stamp',
    hooks: {
      'astro:config:done': ({ config }) => {
        // Where Astro's incremental build keeps the pages it copies (src/build/carry.ts).
        cacheDist = fileURLToPath(new URL('dist/', config.cacheDir));
        outDir = fileURLToPath(config.outDir);
        code = codeHash(fileURLToPath(config.root));
      },
      'astro:build:start': async () => {
        markBuilding();
        // The pages with a key, copied ahead from the build before while the pages are listed.
        const { getBoard } = await import('../view/board.ts');
        if (cacheDist !== undefined && outDir !== undefined && code !== undefined) carryPages(cacheDist, outDir, pagesStampedLater(getBoard()).map((path) => `${path.slice(1)}index.html`), code);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { getBoard } = await import('../view/board.ts');
        const started = performance.now();
        const n = stampPages(getBoard(), fileURLToPath(dir));
        logger.info(`${n} pages stamped with the data version (${Math.round(performance.now() - started)} ms); ${await pagesCarried()} of them copied ahead from the build before`);
        // The cache's pages are this code's now: the next build may copy them ahead.
        if (cacheDist !== undefined && code !== undefined) recordCode(cacheDist, code);
      },
    },
  };
}
