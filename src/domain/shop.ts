/**
 * The points shop (积分超市): prices with a history, redemptions checked against balance
 * and stock in date order, and the shop's figures per period.
 */
import type { Dataset } from '../schema/dataset.ts';
import type { Scheme, SubjectKind } from '../schema/settings.ts';
import type { Item, Redemption, StockRow } from '../schema/tables.ts';
import { earnedListsBySubject, type Charge } from './balance.ts';
import { addPoints, roundPoints } from './numbers.ts';
import { comparePeriods, periodBounds, periodOf, periodsOfDate } from './periods.ts';
import { once } from './once.ts';
import type { SubjectIndex } from './subjects.ts';

/** A redemption or stock row the shop cannot accept, located like a data error. */
export interface ShopViolation {
  file: string;
  line: number;
  /** Column key in `tables.redemptions` or `tables.stock` (`points`, `quantity`, …). */
  field: string;
  code: ShopViolationCode;
  args: Record<string, string | number>;
}

/** What the shop can refuse: codes of the error catalogue (src/check/errors.ts checks that each is one). */
export type ShopViolationCode =
  | 'scheme-not-redeemable'
  | 'subject-kind-mismatch'
  | 'redemption-no-scheme'
  | 'redemption-scheme-ambiguous'
  | 'stock-below-zero'
  | 'no-price-on-date'
  | 'redemption-item-scheme'
  | 'redemption-points-mismatch'
  | 'redemption-over-balance'
  | 'redemption-over-stock';

/** An accepted redemption with its scheme and price settled. */
export interface ResolvedRedemption extends Charge {
  file: string;
  line: number;
  item: string;
  quantity: number;
  /** Price per unit on the day. */
  price: number;
}

export interface ShopCheck {
  violations: ShopViolation[];
  /** Accepted redemptions, in the order they were applied. */
  redemptionsResolved: ResolvedRedemption[];
}

/**
 * The item row in effect on a date: the one with the latest `from` on or before it; a row
 * without `from` applies from the beginning.
 */
export function itemOn(items: readonly Item[], itemId: string, date: string): Item | undefined {
  let best: Item | undefined;
  for (const item of items) {
    if (item.id !== itemId) continue;
    const from = item.from ?? '';
    if (from > date) continue;
    if (!best || from >= (best.from ?? '')) best = item;
  }
  return best;
}

/**
 * The price of an item on a date, or undefined before its first price.
 * @example priceOn(items, 'oil', '2022-10-09') // 50
 */
export function priceOn(items: readonly Item[], itemId: string, date: string): number | undefined {
  return itemOn(items, itemId, date)?.price;
}

/**
 * Items whose stock is counted: goods always; vouchers and services only when stock rows
 * exist for them (a property-fee discount has no shelf, a batch of fruit vouchers may).
 */
export function stockedItems(dataset: Dataset): Set<string> {
  const ids = new Set(dataset.stock.map((s) => s.item));
  for (const item of dataset.items) if (item.kind === '实物') ids.add(item.id);
  return ids;
}

/** At or below this many left, an item shows as running low (仅剩 N 件). */
export const LOW_STOCK = 5;

export type StockLevel = 'in' | 'low' | 'out' | 'unlimited';

/** How an item's stock reads: out, low, in stock, or unlimited (services and vouchers without stock rows). */
export function stockLevel(stock: number | undefined): StockLevel {
  return stock === undefined ? 'unlimited' : stock <= 0 ? 'out' : stock <= LOW_STOCK ? 'low' : 'in';
}

/** Each stocked item's stock after every stock row and accepted redemption (unstocked items are absent). */
export function stockOnHand(dataset: Dataset, resolved: readonly ResolvedRedemption[]): Map<string, number> {
  const stocked = stockedItems(dataset);
  const onHand = new Map<string, number>([...stocked].map((id) => [id, 0]));
  for (const s of dataset.stock) onHand.set(s.item, (onHand.get(s.item) ?? 0) + s.quantity);
  for (const r of resolved) if (stocked.has(r.item)) onHand.set(r.item, (onHand.get(r.item) ?? 0) - r.quantity);
  return onHand;
}

const KIND_NAMES: Record<SubjectKind, string> = { person: '人员', household: '家庭户', merchant: '商户', unit: '组织' };

/**
 * Cumulative earned points per subject, for fast "earned up to this date" lookups. A subject's
 * running totals are worked out at its first redemption, so one who never redeems costs nothing.
 */
function earnedIndex(dataset: Dataset, index: SubjectIndex, scheme: Scheme) {
  const lists = earnedListsBySubject(dataset, index, scheme);
  const totals = new Map<string, number[]>();
  const runningTotals = (subject: string, amounts: readonly number[]) => {
    let running = totals.get(subject);
    if (!running) {
      running = new Array<number>(amounts.length);
      let sum = 0;
      for (let k = 0; k < amounts.length; k++) running[k] = sum = addPoints(sum, amounts[k]!);
      totals.set(subject, running);
    }
    return running;
  };
  return (subject: string, date: string): number => {
    const list = lists.get(subject);
    if (!list) return 0;
    const dates = list.dates;
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dates[mid]! <= date) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : runningTotals(subject, list.amounts)[lo - 1]!;
  };
}

type Step = { stock: StockRow } | { redemption: Redemption };

/** Stock rows and redemptions in date order; on one day stock rows (入库) come first. */
function timeline(dataset: Dataset): Step[] {
  const steps: Array<{ date: string; rank: number; order: number; step: Step }> = [
    ...dataset.stock.map((stock, order) => ({ date: stock.date, rank: 0, order, step: { stock } })),
    ...dataset.redemptions.map((redemption, order) => ({ date: redemption.date, rank: 1, order, step: { redemption } })),
  ];
  steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.rank - b.rank || a.order - b.order);
  return steps.map((s) => s.step);
}

/**
 * The scheme a redemption is charged to: its own `scheme`, or the only redeemable scheme
 * the subject takes part in on that day.
 */
function resolveScheme(dataset: Dataset, index: SubjectIndex, r: Redemption): Scheme | ShopViolation {
  const at = { file: r.file, line: r.line };
  const period = (s: Scheme) => periodOf(r.date, s.period);
  if (r.scheme !== undefined) {
    const scheme = dataset.schemes.find((s) => s.id === r.scheme);
    if (!scheme?.redeemable) return { ...at, field: 'scheme', code: 'scheme-not-redeemable', args: { id: r.scheme } };
    if (index.kindOf(r.subject) !== scheme.subject) {
      const kind = index.kindOf(r.subject);
      return {
        ...at,
        field: 'subject',
        code: 'subject-kind-mismatch',
        args: { id: r.subject, kind: kind ? KIND_NAMES[kind] : '', scheme: scheme.id, expected: KIND_NAMES[scheme.subject] },
      };
    }
    if (!index.isEligible(scheme, r.subject, period(scheme))) return { ...at, field: 'subject', code: 'redemption-no-scheme', args: { id: r.subject } };
    return scheme;
  }
  const candidates = dataset.schemes.filter((s) => s.redeemable && index.isEligible(s, r.subject, period(s)));
  if (candidates.length === 0) return { ...at, field: 'subject', code: 'redemption-no-scheme', args: { id: r.subject } };
  if (candidates.length > 1) {
    return { ...at, field: 'scheme', code: 'redemption-scheme-ambiguous', args: { id: r.subject, schemes: candidates.map((s) => s.id).join('、') } };
  }
  return candidates[0]!;
}

/**
 * Walks every stock row and redemption in date order (same-day redemptions in file order,
 * files in dataset order). A redemption must be covered by the subject's balance on that
 * day and by the stock; a row that fails changes neither, so one mistake does not cascade
 * into false errors on later rows.
 */
export function checkRedemptions(dataset: Dataset, index: SubjectIndex): ShopCheck {
  // The check reports what it finds and the view model uses what it accepts: one walk for both.
  return once([dataset, index], 'checkRedemptions', () => walkRedemptions(dataset, index));
}

function walkRedemptions(dataset: Dataset, index: SubjectIndex): ShopCheck {
  const violations: ShopViolation[] = [];
  const redemptionsResolved: ResolvedRedemption[] = [];
  const stocked = stockedItems(dataset);
  const stock = new Map<string, number>();
  // Scheme → subject → points spent so far.
  const spent = new Map(dataset.schemes.map((s) => [s.id, new Map<string, number>()]));
  const earned = new Map(dataset.schemes.filter((s) => s.redeemable).map((s) => [s.id, earnedIndex(dataset, index, s)]));

  for (const step of timeline(dataset)) {
    if ('stock' in step) {
      const s = step.stock;
      const after = (stock.get(s.item) ?? 0) + s.quantity;
      if (after < 0) {
        violations.push({ file: s.file, line: s.line, field: 'quantity', code: 'stock-below-zero', args: { item: s.item, date: s.date, stock: after } });
      } else stock.set(s.item, after);
      continue;
    }
    const r = step.redemption;
    const found: ShopViolation[] = [];
    const at = { file: r.file, line: r.line };
    const item = itemOn(dataset.items, r.item, r.date);
    const scheme = resolveScheme(dataset, index, r);
    let points = 0;
    if (!item) found.push({ ...at, field: 'date', code: 'no-price-on-date', args: { id: r.item, date: r.date } });
    if ('code' in scheme) found.push(scheme);
    if (item && !('code' in scheme) && item.scheme !== undefined && item.scheme !== scheme.id) {
      found.push({ ...at, field: 'item', code: 'redemption-item-scheme', args: { item: r.item, expected: item.scheme, scheme: scheme.id } });
    }
    if (item) {
      points = item.price * r.quantity;
      if (r.points !== undefined && r.points !== points) {
        found.push({ ...at, field: 'points', code: 'redemption-points-mismatch', args: { points: r.points, price: item.price, quantity: r.quantity, expected: points } });
      }
    }
    const spentIn = 'code' in scheme ? undefined : spent.get(scheme.id)!;
    if (item && spentIn && !('code' in scheme)) {
      const balance = roundPoints(earned.get(scheme.id)!(r.subject, r.date) - (spentIn.get(r.subject) ?? 0));
      if (balance < points) {
        found.push({ ...at, field: 'points', code: 'redemption-over-balance', args: { id: r.subject, date: r.date, balance, points, shortfall: roundPoints(points - balance) } });
      }
    }
    const onShelf = stock.get(r.item) ?? 0;
    if (stocked.has(r.item) && onShelf < r.quantity) {
      found.push({ ...at, field: 'quantity', code: 'redemption-over-stock', args: { item: r.item, date: r.date, stock: onShelf, quantity: r.quantity, shortfall: r.quantity - onShelf } });
    }
    if (found.length > 0 || !item || !spentIn || 'code' in scheme) {
      violations.push(...found);
      continue;
    }
    if (stocked.has(r.item)) stock.set(r.item, onShelf - r.quantity);
    spentIn.set(r.subject, addPoints(spentIn.get(r.subject) ?? 0, points));
    // Fields written out, not spread: 50,000 of these, each of one shape.
    redemptionsResolved.push({ file: r.file, line: r.line, date: r.date, subject: r.subject, item: r.item, quantity: r.quantity, price: item.price, points, scheme: scheme.id });
  }
  return { violations, redemptionsResolved };
}

export interface ShopSummary {
  period: string;
  /** Accepted redemption rows in the period. */
  redemptions: number;
  pointsRedeemed: number;
  /** What went out, per item, sorted by id. */
  items: Array<{ id: string; name: string; quantity: number; points: number }>;
  /** Stock account per stocked item: closing = opening + in − out. */
  stock: Array<{ id: string; name: string; opening: number; in: number; out: number; closing: number }>;
}

function itemNames(dataset: Dataset): Map<string, string> {
  const names = new Map<string, string>();
  for (const item of dataset.items) if (!names.has(item.id)) names.set(item.id, item.name);
  return names;
}

const compareIds = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The shop's figures for a month, quarter or year. `in` counts stock received (positive
 * stock rows); `out` counts what was redeemed plus losses and corrections (negative stock
 * rows), as a positive number. Items appear once they have any stock movement by the end of
 * the period.
 */
export function shopSummary(dataset: Dataset, resolved: readonly ResolvedRedemption[], period: string): ShopSummary {
  // By the period's first and last day: the summaries of a street's 60 periods each ask of 50,000 redemptions.
  const { start, end } = periodBounds(period);
  const inPeriod = (date: string) => start <= date && date <= end;
  const before = (date: string) => date < start;
  const names = itemNames(dataset);
  const redeemed = resolved.filter((r) => inPeriod(r.date));

  const items = new Map<string, { id: string; name: string; quantity: number; points: number }>();
  for (const r of redeemed) {
    const line = items.get(r.item) ?? { id: r.item, name: names.get(r.item) ?? r.item, quantity: 0, points: 0 };
    line.quantity += r.quantity;
    line.points = addPoints(line.points, r.points);
    items.set(r.item, line);
  }

  const stocked = stockedItems(dataset);
  const accounts = new Map<string, ShopSummary['stock'][number]>();
  const account = (id: string) => {
    let a = accounts.get(id);
    if (!a) accounts.set(id, (a = { id, name: names.get(id) ?? id, opening: 0, in: 0, out: 0, closing: 0 }));
    return a;
  };
  for (const s of dataset.stock) {
    if (before(s.date)) account(s.item).opening += s.quantity;
    else if (inPeriod(s.date)) {
      if (s.quantity >= 0) account(s.item).in += s.quantity;
      else account(s.item).out -= s.quantity;
    }
  }
  for (const r of resolved) {
    if (!stocked.has(r.item)) continue;
    if (before(r.date)) account(r.item).opening -= r.quantity;
    else if (inPeriod(r.date)) account(r.item).out += r.quantity;
  }
  for (const a of accounts.values()) a.closing = a.opening + a.in - a.out;

  return {
    period,
    redemptions: redeemed.length,
    pointsRedeemed: roundPoints(redeemed.reduce((sum, r) => addPoints(sum, r.points), 0)),
    items: [...items.values()].sort(compareIds),
    stock: [...accounts.values()].sort(compareIds),
  };
}

/** Every month, quarter and year with a stock row or an accepted redemption, in order. */
export function shopPeriods(dataset: Dataset, resolved: readonly ResolvedRedemption[]): string[] {
  const periods = new Set<string>();
  for (const { date } of [...dataset.stock, ...resolved]) for (const p of periodsOfDate(date)) periods.add(p);
  return [...periods].sort(comparePeriods);
}
