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
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Board } from '../view/board.ts';
import { pagesStampedLater } from '../view/page-routes.ts';
import { stampMarks, stampValues } from '../view/stamp-marks.ts';
import { markBuilding } from './context.ts';

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
 * Fills the data version and date into every page printed with placeholders under `dist`;
 * returns how many. Each value is written over its placeholder in place, which is as long;
 * sixteen files at a time (a street's 14,000 pages took a quarter less time than one by one).
 */
export async function stampPages(board: Board, dist: string): Promise<number> {
  const values = stampValues(board);
  const printed = stampMarks(board);
  const marks: [Buffer, Buffer][] = [
    [Buffer.from(printed.version), Buffer.from(values.version)],
    [Buffer.from(printed.date), Buffer.from(values.date)],
  ];
  const inPlace = marks.every(([mark, value]) => mark.length === value.length);
  const files = pagesStampedLater(board).map((path) => join(dist, path, 'index.html'));
  let next = 0;
  const stampNext = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++]!;
      const handle = await open(file, 'r+');
      try {
        const html = await handle.readFile();
        if (!inPlace) await writeFile(file, replaced(html, marks));
        else for (const [at, value] of marksIn(html, marks)) await handle.write(value, 0, value.length, at);
      } finally {
        await handle.close();
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, stampNext));
  return files.length;
}

export default function stampIntegration(): AstroIntegration {
  return {
    name: 'points-board-stamp',
    hooks: {
      'astro:build:start': () => {
        markBuilding();
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { getBoard } = await import('../view/board.ts');
        const started = performance.now();
        const n = await stampPages(getBoard(), fileURLToPath(dir));
        logger.info(`${n} pages stamped with the data version (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
