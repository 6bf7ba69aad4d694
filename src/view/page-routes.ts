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
import type { Board, Passbook, RankedRow, SchemeView } from './board.ts';
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
    return result.pages.map((rows, index) => {
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
        ...(index > 0 ? { cacheKey: pageKey(board, props, rows) } : {}),
      };
    });
  });
  keysUsedBy('rankings');
  return routes;
}

export function unitRankingRoutes(board: Board): Route<UnitRankingPage>[] {
  const routes = board.results.flatMap((result) =>
    result.byUnit.flatMap((unit) =>
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
          cacheKey: pageKey(board, props, rows),
        };
      }),
    ),
  );
  keysUsedBy('units');
  return routes;
}

/**
 * The passbooks' routes, given once the pages copied ahead from the build before are in place
 * (src/build/carry.ts): Astro lists every route before it writes a page, so none is written
 * over a copy still under way. The routes are made first, while the copies go on.
 */
export async function passbookRoutes(board: Board): Promise<Route<PassbookPage>[]> {
  const routes = board.passbooks.map((book) => {
    const props: PassbookPage = { book, answers: book.schemes.map((s) => passbookAnswer(board, s)) };
    return { params: { kind: book.href.split('/')[1]!, id: book.id }, props, cacheKey: pageKey(board, props) };
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
 * enters by the hash of what a table shows of it (`tableRowKey`), worked out once for every
 * keyed page it is on (its ranking's page past the first, its units' pages, its passbook); a passbook adds what only
 * it shows (`passbookOnly`: the breakdown's fingerprint and the raw figures).
 */
function pageKey(board: Board, props: RankingPage | UnitRankingPage | PassbookPage, ranked?: readonly RankedRow[]): string {
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
          results: s.results.map((r) => ({ ...r, row: [tableRowKey(r.row), passbookOnly(r.row)] })),
        })),
      },
    };
  } else {
    hash.update(schemeHash(props.scheme));
    // The rows' keys in one piece: one call into the hash, not one per row.
    if (ranked) hash.update(ranked.map(tableRowKey).join(''));
    shown = { ...props, scheme: props.scheme.id, ...(ranked ? { rows: ranked.length } : {}) };
  }
  return hash.update(JSON.stringify(shown)).digest('hex');
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

/**
 * A ranked row as a table shows it (`tableRow`: no breakdown), as the SHA-256 of its JSON (in
 * base64, 44 characters), worked out once per row and kept until the page list is made
 * (`keysUsedBy`): a street's 115,000 rows were written as JSON for each page they are on
 * (0.55 s before the first page), and their JSON kept raised the build's peak by about 80 MB.
 */
function tableRowKey(row: RankedRow): string {
  let key = tableRowKeys.get(row);
  if (key === undefined) tableRowKeys.set(row, (key = digestOf('sha256', JSON.stringify(tableRow(row)), 'base64')));
  return key;
}
let tableRowKeys = new WeakMap<RankedRow, string>();

/**
 * Says that one of the three lists of keyed routes is made. Once all three are, the rows' keys
 * are let go: they serve nothing after the page list, and a district's 1.2 million kept
 * would hold some 115 MB through the pages (a street's: 11.5 MB). A list made again (the dev
 * server) works them out again.
 */
function keysUsedBy(list: 'rankings' | 'units' | 'passbooks'): void {
  keyedListsMade.add(list);
  if (keyedListsMade.size < 3) return;
  tableRowKeys = new WeakMap();
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
