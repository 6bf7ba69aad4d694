/**
 * The view model: one call turns validated data into everything the pages, the JSON API, the
 * posters and the TV print. Computed once per build; nothing downstream sorts, sums or
 * filters. Names are masked here, once, so no output can carry a full name by mistake.
 */
import type { Dataset } from '../schema/dataset.ts';
import type { Scheme, Level } from '../schema/settings.ts';
import { dataVersion, type DataVersion } from '../data/version.ts';
import { checkedFor } from '../check/check.ts';
import { formatReport } from '../check/report.ts';
import type { NewsEntry, NoticeEntry } from '../schema/content.ts';
import { indexSubjects } from '../domain/subjects.ts';
import { scoreScheme, type SubjectResult, type MissingAssessment } from '../domain/score.ts';
import { rankChange, rankSubjects, rankWithin, sharedRanks, type RankChange } from '../domain/ranking.ts';
import { honorTone } from '../domain/honors.ts';
import { schemePeriods } from '../domain/scheme-periods.ts';
import { statsFor, type SchemeStats } from '../domain/stats.ts';
import { earnedListsBySubject, balances, type BalanceRow } from '../domain/balance.ts';
import { countedSource } from '../domain/ledger.ts';
import { BalanceEntryList, type ItemLabels } from './balance-entries.ts';
import { checkRedemptions, shopSummary, shopPeriods, itemOn, stockLevel, stockOnHand, type ShopSummary, type ResolvedRedemption, type ShopViolation } from '../domain/shop.ts';
import { previousPeriod, comparePeriods, periodKind, periodOf } from '../domain/periods.ts';
import { maskName } from '../domain/mask.ts';
import type { SubjectKind } from '../schema/settings.ts';
import { DEFAULT_BLOCK_MINUTES, STATUSES, type Item, type LedgerRow } from '../schema/tables.ts';
import { pagesOf, PAGE_SIZE } from './paging.ts';
import { apiFiles } from './api.ts';
import { noticePosterPath, passbookPath } from './routes.ts';
export { posterSlug } from './routes.ts';
import { buildSettings, processSlot } from '../build/context.ts';

export { PAGE_SIZE } from './paging.ts';

/**
 * Honours per page of the honours list. A district's 8,679 honours on one page made it
 * 1.6 MB; 200 rows are about 40 KB, and a community's list of a year still fits on one page.
 */
export const HONOR_PAGE_SIZE = 200;

export interface SubjectRef {
  id: string;
  kind: SubjectKind;
  /** As published: masked for people when masking is on. */
  name: string;
  unit?: string;
  unitName?: string;
  href: string;
}

export type { RankChange } from '../domain/ranking.ts';

/** A subject's result as a ranking lists it: who it is, its score (src/domain/score.ts) and its places. */
export interface RankedRow extends SubjectRef, Omit<SubjectResult, 'id'> {
  rank: number | null;
  /** Another subject has the same rank. */
  tie: boolean;
  /** Rank inside each enclosing unit of the types in `ranking.within`. */
  within: Record<string, number | null>;
  change: RankChange | null;
}

export interface UnitRanking {
  unit: string;
  unitName: string;
  type: string;
  rows: RankedRow[];
}

export interface LevelCount {
  level: Level;
  count: number;
}

export interface ResultView {
  scheme: SchemeView;
  period: string;
  previous?: string;
  rows: RankedRow[];
  /** `rows` cut into pages of PAGE_SIZE for the site. */
  pages: RankedRow[][];
  byUnit: UnitRanking[];
  stats: SchemeStats;
  levels: LevelCount[];
}

export interface RuleView {
  code: string;
  title: string;
  category: string;
  points?: number;
  min?: number;
  max?: number;
  per: '次' | '分钟';
  block: number;
  minimum: number;
  cap?: number;
  veto: boolean;
  linked?: { id: string; name: string };
}

/**
 * A scheme as the outputs see it: every setting of schemes.yaml as it is (a new setting comes
 * through without being copied by hand), and what the board works out of it.
 */
export interface SchemeView extends Scheme {
  rules: RuleView[];
  periods: string[];
  latest?: string;
  /** Every level carries a star count: shown as a star rating. */
  isStarRating: boolean;
  assessedCategories: string[];
}

export interface PassbookEntry {
  date: string;
  label: string;
  /** Earned (a deduction is earned points below zero) or spent in the shop. */
  kind: 'earned' | 'redeemed';
  /** Positive: earned; negative: a deduction or a redemption. */
  amount: number;
  balance: number;
  file: string;
  line: number;
  reviewer?: string;
}

export interface PassbookScheme {
  scheme: SchemeView;
  results: { period: string; row: RankedRow; count: number }[];
  /** Rows on record that do not count (待审核, 驳回), for transparency. */
  uncounted: { date: string; rule: string; title: string; status: string; note?: string; file: string; line: number }[];
  /** `entries` are made when read (`BalanceEntryList`), for the page being written. */
  balance?: { earned: number; redeemed: number; balance: number; entries: BalanceEntryList };
}

export interface HonorView {
  period: string;
  subject: SubjectRef;
  honor: string;
  note?: string;
  /** red, black or gold, for display. */
  tone: 'red' | 'black' | 'gold';
}

export interface Passbook extends SubjectRef {
  schemes: PassbookScheme[];
  honors: HonorView[];
}

export interface ItemView {
  id: string;
  name: string;
  kind: Item['kind'];
  unit?: string;
  /** Price in effect on the data date. */
  price: number;
  scheme?: string;
  history: { from?: string; price: number }[];
  /** Undefined for items without a counted stock (services, vouchers without stock rows). */
  stock?: number;
  stockStatus: 'in' | 'low' | 'out' | 'unlimited';
}

export interface NoticeView extends NoticeEntry {
  contact: string;
  result?: ResultView;
  posterHref: string;
}

export interface ApiFile {
  /** Path under dist/api/, e.g. `results/party/2022.json`. */
  path: string;
  /** The file's content, made when it is written (a district's results are 26 MB each: not all held at once). */
  body: () => unknown;
}

export interface Board {
  site: Dataset['site'];
  version: DataVersion;
  /** The newest date in the data: "today" for stock status and current prices. */
  asOf: string;
  units: Map<string, { id: string; name: string; type: string }>;
  schemes: SchemeView[];
  results: ResultView[];
  result(scheme: string, period: string): ResultView | undefined;
  passbooks: Passbook[];
  passbook(id: string): Passbook | undefined;
  balances: { scheme: SchemeView; rows: (BalanceRow & SubjectRef)[] }[];
  shop: { items: ItemView[]; summaries: ShopSummary[]; current?: ShopSummary };
  honors: HonorView[];
  news: NewsEntry[];
  notices: NoticeView[];
  api: ApiFile[];
  /** Problems found by the computation (the data check reports them). */
  violations: ShopViolation[];
  missingAssessments: MissingAssessment[];
}

/** The page of a subject's passbook (src/view/routes.ts). */
export const passbookHref = passbookPath;

/** A star rating: every level says how many stars it is. */
const isStarRating = (s: Scheme) => s.levels.length > 0 && s.levels.every((l) => l.stars !== undefined);

/** The newest date anywhere in the data, so "current" never depends on the build's clock. */
export function latestDate(data: Dataset): string {
  let latest = data.ledger.latestDate();
  if (latest < '1970-01-01') latest = '1970-01-01';
  for (const list of [data.stock, data.redemptions] as { date: string }[][]) {
    for (const r of list) if (r.date > latest) latest = r.date;
  }
  for (const i of data.items) if (i.from && i.from > latest) latest = i.from;
  return latest;
}

export function computeBoard(data: Dataset, version: DataVersion): Board {
  const index = indexSubjects(data);
  const mask = data.site.maskNames;
  const asOf = latestDate(data);
  const units = new Map(data.units.map((u) => [u.id, { id: u.id, name: u.name, type: u.type }]));

  const refCache = new Map<string, SubjectRef>();
  const ref = (id: string): SubjectRef => {
    let r = refCache.get(id);
    if (r) return r;
    const kind = index.kindOf(id)!;
    const raw = index.nameOf(id) ?? id;
    const unit = index.unitOf(id);
    r = {
      id,
      kind,
      name: kind === 'person' && mask ? maskName(raw) : raw,
      unit,
      unitName: unit ? units.get(unit)?.name : undefined,
      href: passbookHref(kind, id),
    };
    refCache.set(id, r);
    return r;
  };

  const schemeName = new Map(data.schemes.map((s) => [s.id, s.name]));
  const schemes: SchemeView[] = data.schemes.map((s) => {
    const periods = schemePeriods(data, s);
    return {
      ...s,
      periods,
      latest: periods.at(-1),
      isStarRating: isStarRating(s),
      assessedCategories: s.categories.filter((c) => c.assessed).map((c) => c.id),
      rules: data.rules
        .filter((r) => r.scheme === s.id)
        .map((r) => ({
          code: r.code,
          title: r.title,
          category: r.category,
          points: r.points,
          min: r.min,
          max: r.max,
          per: r.per,
          block: r.block ?? DEFAULT_BLOCK_MINUTES,
          minimum: r.minimum ?? r.block ?? DEFAULT_BLOCK_MINUTES,
          cap: r.cap,
          veto: r.veto,
          linked: r.linked ? { id: r.linked, name: schemeName.get(r.linked) ?? r.linked } : undefined,
        })),
    };
  });

  // Results per scheme and period, with rank changes against the previous period.
  const results: ResultView[] = [];
  const missingAssessments: MissingAssessment[] = [];
  for (const [i, scheme] of data.schemes.entries()) {
    const view = schemes[i]!;
    let before: Map<string, number | null> | undefined;
    for (const period of view.periods) {
      const score = scoreScheme(data, index, scheme, period);
      missingAssessments.push(...score.warnings);
      const within = rankWithin(score.results, index, scheme);
      const ranked = rankSubjects(score.results);
      const shared = sharedRanks(ranked);
      const previous = view.periods.includes(previousPeriod(period)) ? previousPeriod(period) : undefined;
      const rows: RankedRow[] = ranked.map((r) => ({
        ...ref(r.id),
        ...r,
        tie: r.rank !== null && shared.has(r.rank),
        within: within.get(r.id) ?? {},
        change: rankChange(previous === undefined ? undefined : before, r.id, r.rank),
      }));
      const byUnit = new Map<string, RankedRow[]>();
      for (const row of rows) {
        for (const unit of Object.keys(row.within)) {
          const list = byUnit.get(unit) ?? [];
          list.push(row);
          byUnit.set(unit, list);
        }
      }
      results.push({
        scheme: view,
        period,
        previous,
        rows,
        pages: pagesOf(rows, PAGE_SIZE),
        byUnit: [...byUnit.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([unit, list]) => ({
            unit,
            unitName: units.get(unit)?.name ?? unit,
            type: units.get(unit)?.type ?? '',
            rows: [...list].sort((a, b) => rankOrder(a.within[unit] ?? null, b.within[unit] ?? null) || (a.id < b.id ? -1 : 1)),
          })),
        stats: statsFor(data, index, scheme, period, score.results),
        levels: scheme.levels.map((level) => ({ level, count: rows.filter((r) => r.level === level.name).length })),
      });
      before = new Map(rows.map((r) => [r.id, r.rank]));
    }
  }
  const resultIndex = new Map(results.map((r) => [`${r.scheme.id}/${r.period}`, r]));

  // The shop: accepted redemptions, balances, stock and summaries.
  const shopCheck = checkRedemptions(data, index);
  const resolved = shopCheck.redemptionsResolved;
  // A redemption's label says its quantity with the item's unit: 洗衣液 × 2 袋.
  const labels: ItemLabels = { name: new Map(), unit: new Map() };
  for (const item of data.items) if (!labels.name.has(item.id)) labels.name.set(item.id, item.name);
  for (const item of data.items) if (item.unit && !labels.unit.has(item.id)) labels.unit.set(item.id, item.unit);

  const balanceViews = data.schemes
    .map((s, i) => ({ scheme: schemes[i]!, source: s }))
    .filter(({ source }) => source.redeemable)
    .map(({ scheme, source }) => {
      const rows = balances(data, index, source, resolved).map((b) => ({ ...ref(b.id), ...b }));
      return {
        scheme,
        rows,
        rowById: new Map(rows.map((r) => [r.id, r])),
        earned: earnedListsBySubject(data, index, source),
        rowsOf: countedSource(data, index, source),
        charges: groupBy(resolved.filter((r) => r.scheme === scheme.id), (r) => r.subject),
      };
    });

  // Passbooks: one per subject, every scheme it fits or has a record in. Only rows on record
  // that do not count are listed from the ledger; the counted ones come with the results.
  const uncountedRows: LedgerRow[] = [];
  const verified = STATUSES.indexOf('已核实');
  for (let i = 0; i < data.ledger.length; i++) if (data.ledger.statusAt[i] !== verified) uncountedRows.push(data.ledger.row(i));
  const uncountedBySubject = groupBy(uncountedRows, (r) => r.subject);
  const rulesByCode = new Map(data.rules.map((r) => [r.code, r]));
  const honors: HonorView[] = data.honors
    .map((h) => ({ period: h.period, subject: ref(h.subject), honor: h.honor, note: h.note, tone: honorTone(h.honor) }))
    .sort((a, b) => comparePeriods(b.period, a.period) || (a.subject.id < b.subject.id ? -1 : a.subject.id > b.subject.id ? 1 : 0));

  const honorsBySubject = groupBy(honors, (h) => h.subject.id);
  const resultRowsBySubject = new Map<string, { result: ResultView; row: RankedRow }[]>();
  for (const result of results) {
    for (const row of result.rows) {
      const list = resultRowsBySubject.get(row.id) ?? [];
      list.push({ result, row });
      resultRowsBySubject.set(row.id, list);
    }
  }
  // Newest period first: every period's place in one sorted list, so sorting compares numbers.
  const periodRank = new Map([...new Set(schemes.flatMap((s) => s.periods))].sort(comparePeriods).map((p, i) => [p, i]));
  const subjectIds = [...data.units, ...data.people, ...data.households, ...data.merchants].map((s) => s.id).sort();
  const passbooks: Passbook[] = subjectIds.map((id) => {
    const own = resultRowsBySubject.get(id) ?? [];
    const ledger = uncountedBySubject.get(id) ?? [];
    const schemeViews: PassbookScheme[] = [];
    for (const scheme of schemes) {
      const mine = own.filter((o) => o.result.scheme.id === scheme.id);
      const uncounted = ledger
        .filter((r) => r.status !== '已核实' && rulesByCode.get(r.rule)?.scheme === scheme.id)
        .map((r) => ({ date: r.date, rule: r.rule, title: rulesByCode.get(r.rule)!.title, status: r.status, note: r.note, file: r.file, line: r.line }));
      const bal = balanceViews.find((b) => b.scheme.id === scheme.id);
      const balanceRow = bal?.rowById.get(id);
      const hasRecord = mine.some((m) => m.row.breakdown.showsAny());
      if (!hasRecord && uncounted.length === 0 && !(balanceRow && (balanceRow.earned !== 0 || balanceRow.redeemed !== 0))) continue;
      schemeViews.push({
        scheme,
        results: mine
          .map((m) => ({ period: m.result.period, row: m.row, count: m.result.rows.length }))
          .sort((a, b) => periodRank.get(b.period)! - periodRank.get(a.period)!),
        uncounted,
        balance: bal && balanceRow
          ? {
              earned: balanceRow.earned,
              redeemed: balanceRow.redeemed,
              balance: balanceRow.balance,
              entries: new BalanceEntryList(bal.rowsOf, id, bal.earned.get(id), bal.charges.get(id) ?? [], labels),
            }
          : undefined,
      });
    }
    return { ...ref(id), schemes: schemeViews, honors: honorsBySubject.get(id) ?? [] };
  });
  const passbookIndex = new Map(passbooks.map((p) => [p.id, p]));

  // Shop catalogue as of the data date.
  const onHand = stockOnHand(data, resolved);
  const items: ItemView[] = [...groupBy(data.items, (i) => i.id)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, list]) => {
    const rows = [...list].sort((a, b) => ((a.from ?? '') < (b.from ?? '') ? -1 : 1));
    const current = itemOn(data.items, id, asOf) ?? rows[0]!;
    const stock = onHand.get(id);
    return {
      id,
      name: current.name,
      kind: current.kind,
      unit: current.unit,
      price: current.price,
      scheme: current.scheme,
      history: rows.map((r) => ({ from: r.from, price: r.price })),
      stock,
      stockStatus: stockLevel(stock),
    };
  });
  const summaries = shopPeriods(data, resolved).map((p) => shopSummary(data, resolved, p));
  const currentMonth = periodOf(asOf, 'month');
  const current = summaries.find((s) => s.period === currentMonth) ?? summaries.filter((s) => periodKind(s.period) === 'month').at(-1);

  const news = [...data.news].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.slug < b.slug ? -1 : 1));
  // A notice past its `expires` date leaves the build with its poster. "Today" is the data
  // version's date, never the build's clock, so the same data always gives the same site.
  const notices: NoticeView[] = data.notices
    .filter((n) => n.expires === undefined || n.expires >= version.date)
    .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : a.slug < b.slug ? -1 : 1))
    .map((n) => ({
      ...n,
      contact: n.contact ?? data.site.phone,
      result: resultIndex.get(`${n.scheme}/${n.period}`),
      posterHref: noticePosterPath(n.slug),
    }));

  const board: Board = {
    site: data.site,
    version,
    asOf,
    units,
    schemes,
    results,
    result: resultLookup(resultIndex),
    passbooks,
    passbook: passbookLookup(passbookIndex),
    balances: balanceViews.map(({ scheme, rows }) => ({ scheme, rows })),
    shop: { items, summaries, current },
    honors,
    news,
    notices,
    api: [],
    violations: shopCheck.violations,
    missingAssessments,
  };
  board.api = apiFiles(board);
  return board;
}

// The board's lookups are made outside computeBoard: a closure made inside it would keep its
// whole scope alive, and with it the dataset (a million ledger rows) for as long as the build
// prints pages from the board.
function resultLookup(index: Map<string, ResultView>): Board['result'] {
  return (scheme, period) => index.get(`${scheme}/${period}`);
}

function passbookLookup(index: Map<string, Passbook>): Board['passbook'] {
  return (id) => index.get(id);
}

/** Groups a list by key, keeping the list's order inside each group. */
function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const g = groups.get(k);
    if (g) g.push(x);
    else groups.set(k, [x]);
  }
  return groups;
}

function rankOrder(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

// A build loads this module twice: bundled with the pages, and again when the posters step
// imports it after the pages are written. The board is kept on the process, not the module,
// so both find the same one: computed once per build and held in memory once.
const kept = processSlot<{ root: string; board: Board }>('board');

/**
 * The board for the project at `root` (default: `$BOARD_ROOT` or the working directory),
 * computed once per process. Throws the check's text report when the data has errors, so
 * nothing is ever built from data that failed the check.
 */
export function getBoard(root: string = buildSettings().root): Board {
  const cached = kept.get();
  if (cached?.root === root) return cached.board;
  const { dataset, problems, files } = checkedFor(root);
  const report = problems.sorted();
  if (report.errors.length > 0) throw new Error(formatReport(report, 'text'));
  const board = computeBoard(dataset, dataVersion(root, files, latestDate(dataset)));
  kept.set({ root, board });
  return board;
}
