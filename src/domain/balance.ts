/**
 * Balances of redeemable schemes (积分卡, 存折): what a subject has earned and not yet spent.
 * Earned points are the counted ledger points after rule caps and after each category's
 * min and max in each scheme period, taken in date order, so a bonus capped at 15 a year
 * cannot be earned twice over by spending it in between.
 */
import type { Dataset } from '../schema/dataset.ts';
import type { Category, Scheme } from '../schema/settings.ts';
import { categorySlots, countedTable, type CountedTable } from './ledger.ts';
import { addPoints, roundPoints } from './numbers.ts';
import { once } from './once.ts';
import { inDateOrder } from './periods.ts';
import type { SubjectIndex } from './subjects.ts';

/** Points a subject earned (or, when negative, lost) on a date: one entry of an `EarnedList`. */
export interface EarnedEvent {
  date: string;
  amount: number;
}

/** Points spent: a redemption already accepted. */
export interface Charge {
  date: string;
  subject: string;
  points: number;
  /** The redeemable scheme whose points were spent. */
  scheme: string;
}

export interface BalanceRow {
  id: string;
  earned: number;
  redeemed: number;
  balance: number;
}

/**
 * A subject's changes to earned points, without an object per change: the date of each, what
 * it adds and its entry in `countedTable` (ledger.ts), side by side, in date order (same day:
 * ledger order). The shop check reads a million of them and needs no more; a passbook's balance
 * lines are made of one subject's (src/view/balance-entries.ts).
 */
export interface EarnedList {
  dates: string[];
  amounts: number[];
  entries: number[];
}

/**
 * What each of a group's entries adds to its category's clamped value: a start value is not
 * earned (a base of 65 is not 65 points to spend), and a row past the category's max earns
 * nothing. The entries that change the value join `into`. `slotOfRule` is `categorySlots`'s.
 */
function earnedInPeriod(categories: readonly Category[], slotOfRule: Int32Array, table: CountedTable, start: number, end: number, into: EarnedList): void {
  // Running sum per category, by slot: undefined until the category's first row.
  const sums = new Array<number | undefined>(categories.length);
  for (let k = start; k < end; k++) {
    const slot = slotOfRule[table.ruleNo[k]!]!;
    if (slot < 0) continue;
    const category = categories[slot]!;
    const before = sums[slot] ?? category.start;
    const after = addPoints(before, table.counted[k]!);
    sums[slot] = after;
    const amount = roundPoints(clamped(after, category) - clamped(before, category));
    if (amount !== 0) {
      into.dates.push(table.texts[table.date[k]!]!);
      into.amounts.push(amount);
      into.entries.push(k);
    }
  }
}

/** The value kept within the category's min and max (`clampPoints(…).value`, without the object). */
function clamped(value: number, category: Category): number {
  if (category.min !== undefined && value < category.min) return category.min;
  if (category.max !== undefined && value > category.max) return category.max;
  return value;
}

/**
 * Each subject's changes to earned points as `EarnedList`s, in date order (same day: ledger
 * order). Computed once per dataset: the shop check, the balances and the passbooks read it.
 */
export function earnedListsBySubject(dataset: Dataset, index: SubjectIndex, scheme: Scheme): Map<string, EarnedList> {
  return once([dataset, index, scheme], 'earnedListsBySubject', () => {
    const table = countedTable(dataset, index, scheme);
    const slotOfRule = categorySlots(scheme, table.rules);
    const { periods, subject, start, end, subjects } = table.grouped;
    // By subject number; a subject joins the map when its list first has an entry.
    const lists = new Array<EarnedList | undefined>(subjects.length);
    const joined: number[] = [];
    for (const { groups } of periods) {
      for (let j = 0; j < groups.length; j++) {
        const g = groups[j]!;
        const s = subject[g]!;
        let list = lists[s];
        if (!list) lists[s] = list = { dates: [], amounts: [], entries: [] };
        const had = list.dates.length;
        earnedInPeriod(scheme.categories, slotOfRule, table, start[g]!, end[g]!, list);
        if (had === 0 && list.dates.length > 0) joined.push(s);
      }
    }
    const bySubject = new Map<string, EarnedList>();
    for (const s of joined) bySubject.set(subjects[s]!, lists[s]!);
    // Periods come in ledger order, not date order; the sort is stable, so same-day changes
    // (always of one period) keep ledger order.
    for (const list of bySubject.values()) inDateOrderSideBySide(list);
    return bySubject;
  });
}

/** Sorts an `EarnedList` by date, stably, in place; a list already in date order is left as it is. */
function inDateOrderSideBySide(list: EarnedList): void {
  const { dates, amounts, entries } = list;
  let sorted = true;
  for (let i = 1; i < dates.length && sorted; i++) if (dates[i - 1]! > dates[i]!) sorted = false;
  if (sorted) return;
  const order = inDateOrder(dates.map((date, k) => ({ date, k })));
  list.dates = order.map((o) => dates[o.k]!);
  list.amounts = order.map((o) => amounts[o.k]!);
  list.entries = order.map((o) => entries[o.k]!);
}

/**
 * Final balances of a scheme: one row per subject that fits the scheme or has points or
 * redemptions in it, sorted by id. `charges` may hold every scheme's accepted redemptions;
 * only this scheme's are subtracted.
 */
export function balances(dataset: Dataset, index: SubjectIndex, scheme: Scheme, charges: readonly Charge[]): BalanceRow[] {
  const earned = new Map<string, number>();
  const redeemed = new Map<string, number>();
  for (const [subject, { amounts }] of earnedListsBySubject(dataset, index, scheme)) {
    earned.set(subject, amounts.reduce((sum, amount) => addPoints(sum, amount), 0));
  }
  for (const c of charges.filter((c) => c.scheme === scheme.id)) redeemed.set(c.subject, addPoints(redeemed.get(c.subject) ?? 0, c.points));
  const ids = new Set([...earned.keys(), ...redeemed.keys()]);
  for (const subject of [...dataset.people, ...dataset.households, ...dataset.merchants, ...dataset.units]) {
    if (index.fitsScheme(scheme, subject.id)) ids.add(subject.id);
  }
  return [...ids].sort().map((id) => {
    const e = earned.get(id) ?? 0;
    const r = redeemed.get(id) ?? 0;
    return { id, earned: e, redeemed: r, balance: roundPoints(e - r) };
  });
}

/** One line of a balance's history: points earned or spent, and the balance after it. */
export type BalanceEntry<C extends Charge, E extends EarnedEvent = EarnedEvent> = ({ kind: 'earned'; event: E } | { kind: 'redeemed'; charge: C }) & { date: string; amount: number; balance: number };

/**
 * Earned and spent points merged by date, with the running balance after each. Earned points
 * of a day count before that day's redemptions, as the balance check does. Both lists come in
 * date order, so one merge puts them together without sorting a passbook's thousand rows.
 */
export function balanceEntries<C extends Charge, E extends EarnedEvent = EarnedEvent>(events: readonly E[], charges: readonly C[]): BalanceEntry<C, E>[] {
  const entries: BalanceEntry<C, E>[] = [];
  let balance = 0;
  const after = (amount: number) => (balance = roundPoints(addPoints(balance, amount)));
  for (let e = 0, c = 0; e < events.length || c < charges.length; ) {
    if (c === charges.length || (e < events.length && events[e]!.date <= charges[c]!.date)) {
      const event = events[e++]!;
      entries.push({ kind: 'earned', event, date: event.date, amount: event.amount, balance: after(event.amount) });
    } else {
      const charge = charges[c++]!;
      entries.push({ kind: 'redeemed', charge, date: charge.date, amount: -charge.points, balance: after(-charge.points) });
    }
  }
  return entries;
}
