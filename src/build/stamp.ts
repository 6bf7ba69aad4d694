/**
 * Pages from the build before: Astro's incremental build (`experimental.incrementalBuild`)
 * copies a page from its cache instead of rendering it again when the page's `cacheKey` is the
 * same as last time. Three kinds of page have a key: passbooks, the second and later pages of
 * a ranking (the first carries 本期变动, which follows the previous publication), and a
 * ranking's page for one unit. A key covers everything the page shows (the passbook's book, or
 * the ranking's rows on the page, and the site's settings) except the data version and date
 * in the footer, which change with every edit and would make every page new. Those are
 * written as placeholders and filled in after the pages (`stampPages`), in every such page,
 * rendered or copied. So one changed ledger row renders the pages it changed, not all ten
 * thousand. A placeholder is exactly as long as the value that replaces it, so the value is
 * written over it in place (a few bytes per page, not the page again); the key holds the
 * placeholders, so a copied page always has this build's. This relies on dist/ being emptied
 * before each build (src/build/out-dir.ts, or Astro's default): a page already stamped with the
 * previous version would otherwise stay in place, and nothing would fill it in again.
 */
import { rankingPath, unitRankingPath } from '../view/routes.ts';
import { createHash } from 'node:crypto';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Board, Passbook, RankedRow, ResultView, SchemeView, UnitRanking } from '../view/board.ts';
import { PAGE_SIZE, pagesOf } from '../view/paging.ts';
import { formatDate } from '../i18n/index.ts';

const BUILDING = Symbol.for('points-board:building');
const flags = globalThis as typeof globalThis & { [BUILDING]?: boolean };

/**
 * Whether this process is building the site (`astro build`), not serving the dev preview. Set
 * by the integration below and read by the page bundle, both in this process. (Vite's
 * `import.meta.env.PROD` is no guide: a build run with NODE_ENV=test, as the tests run it, is
 * not "production".)
 */
export const building = (): boolean => flags[BUILDING] === true;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The data version and its date as a stamped page shows them (HTML), in this build. */
function stampValues(board: Board): { version: string; date: string } {
  return { version: escapeHtml(board.version.id), date: escapeHtml(formatDate(board.site.locale, board.version.date)) };
}

/**
 * A placeholder for a value of `bytes` bytes: `@@board:v` or `@@board:d`, then `@` up to the
 * value's length (a value shorter than ten bytes, which no version or date is, gets a longer
 * placeholder and the page is written again whole).
 */
function markOf(kind: 'version' | 'date', bytes: number): string {
  const head = `@@board:${kind[0]}`;
  return head + '@'.repeat(Math.max(1, bytes - head.length));
}

/** What a page stamped later prints for the data version and its date until `stampPages` fills them in. */
export function stampMarks(board: Board): { version: string; date: string } {
  const v = stampValues(board);
  return { version: markOf('version', Buffer.byteLength(v.version)), date: markOf('date', Buffer.byteLength(v.date)) };
}

/** The cache key of a passbook page: its book and the site's settings, in full (each scheme by its hash), and the placeholders it prints. */
export function passbookKey(book: Passbook, board: Board): string {
  const hash = createHash('sha256');
  for (const s of book.schemes) hash.update(schemeHash(s.scheme));
  return hash.update(JSON.stringify([{ ...book, schemes: book.schemes.map((s) => ({ ...s, scheme: s.scheme.id })) }, pageSite(board), stampMarks(board)])).digest('hex');
}

/**
 * The site's settings a page shows: all but the TV's and the posters', which no page outside
 * the TV reads. A district that changes its TV playlist does not draw its 122,040 passbooks again.
 */
function pageSite(board: Board): Omit<Board['site'], 'tv' | 'posters'> {
  const { tv: _tv, posters: _posters, ...shown } = board.site;
  return shown;
}

/** The hash of a scheme's view, worked out once (every ranking page and passbook shows one). */
const schemeHashes = new WeakMap<SchemeView, string>();
function schemeHash(scheme: SchemeView): string {
  let h = schemeHashes.get(scheme);
  if (!h) schemeHashes.set(scheme, (h = createHash('sha256').update(JSON.stringify(scheme)).digest('hex')));
  return h;
}

/**
 * The cache key of a ranking's page `index` (0-based), or undefined for the first page, which
 * is always rendered (its 本期变动 compares with the previous publication). It covers what the
 * page shows: its rows (but their `breakdown`, which the ranking table does not show, and which
 * is most of a row: the keys of a street's rankings took 22 s with it, under 1 s without), the
 * scheme, the period, how many rows and pages, the units, the figures, the site's settings,
 * the placeholders.
 */
export function rankingPageKey(result: ResultView, index: number, board: Board): string | undefined {
  if (index === 0) return undefined;
  const units = result.byUnit.map((u) => [u.unit, u.unitName]);
  return rankingTableKey(result, [result.period, index, result.rows.length, result.pages.length, units, result.stats], result.pages[index]!, board);
}

/**
 * The cache key of a page of a ranking for one unit (/rankings/party/2022/unit/ZB01/, …/2/):
 * what it shows, its rows without their breakdown, as for `rankingPageKey`. The rows carry the
 * overall rank and its change too, which the table shows, so a changed total also gives new
 * keys to the units of those it passed; the others (a street has some 750 unit pages) are copied.
 */
export function unitRankingKey(result: ResultView, unit: UnitRanking, rows: readonly RankedRow[], index: number, count: number, board: Board): string {
  return rankingTableKey(result, [result.period, unit.unit, unit.unitName, unit.type, index, count, unit.rows.length], rows, board);
}

/**
 * The key of a page that shows ranking rows: the scheme, what else the page shows (`shown`),
 * the rows as the ranking table shows them (without their breakdown), the site's settings and
 * the placeholders.
 */
function rankingTableKey(result: ResultView, shown: unknown[], rows: readonly RankedRow[], board: Board): string {
  return createHash('sha256')
    .update(schemeHash(result.scheme))
    .update(JSON.stringify([...shown, rows.map((r) => ({ ...r, breakdown: undefined })), pageSite(board), stampMarks(board)]))
    .digest('hex');
}

/** The site paths of every page printed with placeholders: passbooks, rankings past their first page, and every page of the rankings within a unit. */
export function pagesStampedLater(board: Board): string[] {
  const paths = board.passbooks.map((b) => b.href);
  for (const r of board.results) {
    for (let i = 1; i < r.pages.length; i++) paths.push(rankingPath(r.scheme.id, r.period, i + 1));
    for (const u of r.byUnit) {
      const base = unitRankingPath(r.scheme.id, r.period, u.unit);
      paths.push(base);
      for (let i = 1; i < pagesOf(u.rows, PAGE_SIZE).length; i++) paths.push(`${base}${i + 1}/`);
    }
  }
  return paths;
}

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
        flags[BUILDING] = true;
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
