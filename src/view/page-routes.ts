/**
 * The pages a build may copy from the build before (Astro's incremental build), and what
 * each is given. A route's props are exactly what its page prints (typed so: a ranking's rows
 * are the board's own, typed as the fields a table may show), beside the site's settings and
 * the footer's placeholders, and its cache key is the hash of those: a field a page starts to
 * show comes through its props' type, and so into its key. No page computes a key.
 *
 * Three kinds of page have a key: passbooks, the second and later pages of a ranking (the
 * first carries 本期变动, which follows the previous publication), and a ranking's pages for
 * one unit. The data version and date in their footers are placeholders, filled in after the
 * pages (src/build/stamp.ts), so one changed row renders the pages it changed, not all of them.
 */
import { createHash, hash as digestOf } from 'node:crypto';
import type { SchemeStats } from '../domain/stats.ts';
import type { Board, Passbook, PassbookScheme, RankedRow, ResultView, SchemeView } from './board.ts';
import { pagesOf, PAGE_SIZE } from './paging.ts';
import { passbookAnswer, type PassbookAnswer } from './passbook.ts';
import { rankingPath, unitRankingPath } from './routes.ts';
import { stampMarks } from './stamp-marks.ts';
import { passbookOnly, tableRow, type TableRow } from './ranking-columns.ts';
import { pagesCarried } from '../build/carry.ts';

/** A page of a scheme's ranking: /rankings/party/2022/, …/2/. */
export interface RankingPage {
  scheme: SchemeView;
  period: string;
  /** 0-based. */
  index: number;
  pageCount: number;
  rowCount: number;
  /** The board's own ranked rows, typed as what a page may read of them (`TableRow`): the key covers just that. */
  rows: TableRow[];
  units: { unit: string; unitName: string }[];
  stats: SchemeStats;
}

/** A page of a ranking within one unit: /rankings/party/2022/unit/ZB01/, …/2/. */
export interface UnitRankingPage {
  scheme: SchemeView;
  period: string;
  unit: { unit: string; unitName: string; type: string };
  /** Rows of the unit in all. */
  unitRowCount: number;
  index: number;
  pageCount: number;
  /** As `RankingPage.rows`. */
  rows: TableRow[];
}

/** A passbook: the book, and what it answers first for each of its schemes (which depends on the shop and the units too). */
export interface PassbookPage {
  book: Passbook;
  answers: PassbookAnswer[];
}

interface Route<P> {
  params: Record<string, string | undefined>;
  props: P;
  cacheKey?: string;
}

export function rankingRoutes(board: Board): Route<RankingPage>[] {
  const routes = board.results.flatMap((result) => {
    // One list of units per ranking, shared by its pages: a district's 22,696 ranking pages held a copy each.
    const units = result.byUnit.map((u) => ({ unit: u.unit, unitName: u.unitName }));
    let first = 0;
    return result.pages.map((rows, index) => {
      const at = first;
      first += rows.length;
      const props: RankingPage = {
        scheme: result.scheme,
        period: result.period,
        index,
        pageCount: result.pages.length,
        rowCount: result.rows.length,
        rows,
        units,
        stats: result.stats,
      };
      return {
        params: { scheme: result.scheme.id, period: result.period, page: index === 0 ? undefined : String(index + 1) },
        props,
        ...(index > 0 ? { cacheKey: pageKey(board, props, rowRun(result, rows, at)) } : {}),
      };
    });
  });
  keysUsedBy('rankings');
  return routes;
}

export function unitRankingRoutes(board: Board): Route<UnitRankingPage>[] {
  const routes = board.results.flatMap((result) => {
    // Where each row stands in its ranking, for this ranking's units only: a district's 1.2 million rows are not all mapped at once.
    const position = new Map(result.rows.map((row, i) => [row, i]));
    return result.byUnit.flatMap((unit) =>
      pagesOf(unit.rows, PAGE_SIZE).map((rows, index, pages) => {
        const props: UnitRankingPage = {
          scheme: result.scheme,
          period: result.period,
          unit: { unit: unit.unit, unitName: unit.unitName, type: unit.type },
          unitRowCount: unit.rows.length,
          index,
          pageCount: pages.length,
          rows,
        };
        return {
          params: { scheme: result.scheme.id, period: result.period, unit: unit.unit, page: index === 0 ? undefined : String(index + 1) },
          props,
          cacheKey: pageKey(board, props, rowsPicked(result, rows, position)),
        };
      }),
    );
  });
  keysUsedBy('units');
  return routes;
}

/**
 * The passbooks' routes, given once the pages copied ahead from the build before are in place
 * (src/build/carry.ts): Astro lists every route before it writes a page, so none is written
 * over a copy still under way. The routes are made first, while the copies go on.
 */
export async function passbookRoutes(board: Board): Promise<Route<PassbookPage>[]> {
  const rows = passbookRows(board);
  const routes = board.passbooks.map((book, b) => {
    const props: PassbookPage = { book, answers: book.schemes.map((s) => passbookAnswer(board, s)) };
    return { params: { kind: book.href.split('/')[1]!, id: book.id }, props, cacheKey: pageKey(board, props, rows.of(b)) };
  });
  keysUsedBy('passbooks');
  await pagesCarried();
  return routes;
}

/** The site paths of every page printed with placeholders: passbooks, rankings past their first page, every page of the rankings within a unit. */
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

/**
 * The key of a page given `props`: the hash of the props, the site's settings a page shows
 * and the placeholders it prints. A scheme (in the props, or in a passbook's schemes) enters
 * by its hash, worked out once: every page of a street shows one of a handful. A ranked row
 * enters by the hash of what a table shows of it (`rowDigests`), worked out once for every
 * keyed page it is on (its ranking's page past the first, its units' pages, its passbook):
 * `rows` holds those of the page's rows, in order; a passbook adds what only it shows of
 * each (`passbookOnly`: the breakdown's fingerprint and the raw figures).
 */
function pageKey(board: Board, props: RankingPage | UnitRankingPage | PassbookPage, rows: Uint8Array): string {
  const hash = createHash('sha256').update(boardHash(board));
  let shown: unknown;
  if ('book' in props) {
    for (const s of props.book.schemes) hash.update(schemeHash(s.scheme));
    shown = {
      ...props,
      book: {
        ...props.book,
        schemes: props.book.schemes.map((s) => ({
          ...s,
          scheme: s.scheme.id,
          results: s.results.map((r) => ({ ...r, row: passbookOnly(r.row) })),
        })),
      },
    };
  } else {
    hash.update(schemeHash(props.scheme));
    shown = { ...props, scheme: props.scheme.id, rows: props.rows.length };
  }
  return hash.update(rows).update(JSON.stringify(shown)).digest('hex');
}

/**
 * What every page's key holds alike, the site's settings a page shows and the placeholders it
 * prints, as one hash worked out once per board (17,000 pages each wrote its JSON and hashed it).
 */
function boardHash(board: Board): string {
  let h = boardHashes.get(board);
  if (!h) boardHashes.set(board, (h = createHash('sha256').update(JSON.stringify([pageSite(board), stampMarks(board)])).digest('hex')));
  return h;
}
const boardHashes = new WeakMap<Board, string>();

/** Bytes of a row's digest. */
const DIGEST = 32;

/**
 * A ranking's rows as a table shows them (`tableRow`: no breakdown), each as the SHA-256 of its
 * JSON, 32 bytes a row in the ranking's order, in one buffer: worked out once per row and kept
 * until the three lists of keyed pages are made (`keysUsedBy`). A street's 115,000 rows were
 * written as JSON for each page they are on (0.55 s before the first page). Kept as 44-character
 * strings in a map from row to key, a district's 1.2 million took some 110 MB of the collector's
 * heap through the page list; here they are 38 MB outside it (and as much again, for a moment,
 * while the passbooks' keys are made: `passbookRows`).
 */
function rowDigests(result: ResultView): Buffer {
  let digests = resultDigests.get(result);
  if (digests) return digests;
  digests = Buffer.allocUnsafe(result.rows.length * DIGEST);
  for (const [i, row] of result.rows.entries()) {
    digests.write(digestOf('sha256', JSON.stringify(tableRow(row)), 'binary'), i * DIGEST, DIGEST, 'latin1');
  }
  resultDigests.set(result, digests);
  return digests;
}
let resultDigests = new WeakMap<ResultView, Buffer>();

/** The digests of a ranking page's rows, which stand together in their ranking from `first` on. */
function rowRun(result: ResultView, rows: readonly RankedRow[], first: number): Uint8Array {
  if (rows.length > 0 && (result.rows[first] !== rows[0] || result.rows[first + rows.length - 1] !== rows.at(-1))) {
    throw new Error(`${result.scheme.id}/${result.period}: a ranking page's rows are not its ranking's, in order, from row ${first}`);
  }
  return rowDigests(result).subarray(first * DIGEST, (first + rows.length) * DIGEST);
}

/** The digests of a unit page's rows, picked from their ranking's by each row's place in it. */
function rowsPicked(result: ResultView, rows: readonly RankedRow[], position: ReadonlyMap<RankedRow, number>): Buffer {
  const all = rowDigests(result);
  const picked = Buffer.allocUnsafe(rows.length * DIGEST);
  for (const [i, row] of rows.entries()) {
    const at = position.get(row);
    if (at === undefined) throw new Error(`${result.scheme.id}/${result.period}: a unit's row ${row.id} is not in its ranking`);
    all.copy(picked, i * DIGEST, at * DIGEST, (at + 1) * DIGEST);
  }
  return picked;
}

/**
 * The digests of every passbook's rows, in the order the book lists them (scheme by scheme,
 * period by period), found by walking each ranking once: a row goes to its subject's book, into
 * the place among its scheme's periods that holds that very row. The place is looked for next to
 * the one found last in that book (a book lists its periods newest first, the rankings come
 * oldest first), so a household's six years of months are not searched through for each month.
 */
function passbookRows(board: Board): { of(book: number): Uint8Array } {
  const books = board.passbooks;
  const start = new Int32Array(books.length + 1);
  for (const [b, book] of books.entries()) {
    let n = 0;
    for (const s of book.schemes) n += s.results.length;
    start[b + 1] = start[b]! + n;
  }
  const digests = Buffer.alloc(start[books.length]! * DIGEST);
  const bookOf = new Map(books.map((book, b) => [book.id, b]));
  // By book: the place of the row found last (-1: none yet).
  const last = new Int32Array(books.length).fill(-1);
  let placed = 0;
  for (const result of board.results) {
    const all = rowDigests(result);
    for (const [i, row] of result.rows.entries()) {
      const b = bookOf.get(row.id);
      if (b === undefined) continue;
      // The scheme's periods in the book, from place `from` on.
      let from = start[b]!;
      let periods: PassbookScheme['results'] | undefined;
      for (const s of books[b]!.schemes) {
        if (s.scheme.id === result.scheme.id) {
          periods = s.results;
          break;
        }
        from += s.results.length;
      }
      if (!periods) continue;
      const near = last[b]! - from - 1;
      const k = near >= 0 && near < periods.length && periods[near]!.row === row ? near : periods.findIndex((r) => r.row === row);
      if (k < 0) continue;
      last[b] = from + k;
      all.copy(digests, (from + k) * DIGEST, i * DIGEST, (i + 1) * DIGEST);
      placed++;
    }
  }
  if (placed !== start[books.length]) throw new Error(`passbooks list ${start[books.length]} ranked rows, ${placed} found in the rankings`);
  return { of: (b) => digests.subarray(start[b]! * DIGEST, start[b + 1]! * DIGEST) };
}

/**
 * Says that one of the three lists of keyed routes is made. Once all three are, the rows'
 * digests are let go: they serve nothing after the page list. A list made again (the dev
 * server) works them out again.
 */
function keysUsedBy(list: 'rankings' | 'units' | 'passbooks'): void {
  keyedListsMade.add(list);
  if (keyedListsMade.size < 3) return;
  resultDigests = new WeakMap();
  keyedListsMade.clear();
}
const keyedListsMade = new Set<string>();

/**
 * The site's settings a page shows: all but the TV's and the posters', which no page outside
 * the TV reads. A district that changes its TV playlist does not draw its 122,040 passbooks again.
 */
function pageSite(board: Board): Omit<Board['site'], 'tv' | 'posters'> {
  const { tv: _tv, posters: _posters, ...shown } = board.site;
  return shown;
}

const schemeHashes = new WeakMap<SchemeView, string>();
function schemeHash(scheme: SchemeView): string {
  let h = schemeHashes.get(scheme);
  if (!h) schemeHashes.set(scheme, (h = createHash('sha256').update(JSON.stringify(scheme)).digest('hex')));
  return h;
}
