/**
 * Counted rows: which ledger rows score in a scheme, how many points each is worth, and
 * how much of it the rule's cap (周期上限) lets through. Scores, balances and statistics
 * all start from these rows, so a point is counted the same way everywhere.
 */
import type { Dataset } from '../data/dataset.ts';
import type { Scheme } from '../data/settings.ts';
import type { LedgerRow, Rule } from '../data/tables.ts';
import { addPoints, multiplyPoints, roundPoints } from './numbers.ts';
import { inDateOrder, periodOf } from './periods.ts';
import { once } from './once.ts';
import type { SubjectIndex } from './subjects.ts';

/** One row as it counts for one subject: the "why this score" line of a breakdown. */
export interface CountedRow {
  subject: string;
  file: string;
  line: number;
  date: string;
  /** Rule code and title. */
  rule: string;
  title: string;
  category: string;
  quantity: number;
  /** Points the row is worth before the rule's cap. */
  points: number;
  /** Points after the cap. */
  counted: number;
  /** Points the cap removed: `points - counted`. */
  cut: number;
  reviewer?: string;
  note?: string;
  activity?: string;
  /** The rule fails the subject for the period (一票否决). */
  veto: boolean;
  /** A linked household's row that earned this reward for its contact member (S7). */
  linkedFrom?: { household: string; file: string; line: number };
}

const DEFAULT_BLOCK = 30;

/** Only verified rows count; 待审核 and 驳回 rows are on record but score nothing. */
export function isCounted(row: LedgerRow): boolean {
  return row.status === '已核实';
}

/**
 * Points a ledger row is worth before any cap. A fixed rule gives its points per occurrence;
 * a 分钟 rule gives them per whole block of minutes (75 minutes at 5 points per 30 is 10);
 * a discretionary rule (blank 分值) takes the row's own points.
 */
export function rowPoints(rule: Rule, row: LedgerRow): number {
  const each = rule.points ?? row.points ?? 0;
  const times = rule.per === '分钟' ? Math.floor(row.quantity / (rule.block ?? DEFAULT_BLOCK)) : row.quantity;
  return multiplyPoints(each, times);
}

/** Rules by code, built once per dataset: the ledger refers to rules by code. */
export function rulesByCode(dataset: Dataset): Map<string, Rule> {
  return once([dataset], 'rulesByCode', () => new Map(dataset.rules.map((r) => [r.code, r])));
}

/** A row before its rule's cap is applied; `cap` is the rule's 周期上限. */
export type UncappedRow = Omit<CountedRow, 'counted' | 'cut'> & { cap?: number };

/**
 * Positions in the ledger of the counted rows of each scheme (the scheme of the row's rule),
 * ascending, and the rule of each counted row by position: one pass over the ledger per
 * dataset, shared by every scheme and period, so no later pass looks a rule up by code again.
 */
function countedPositions(dataset: Dataset): { positions: Map<string, number[]>; ruleAt: Rule[] } {
  return once([dataset], 'countedPositions', () => {
    const rules = rulesByCode(dataset);
    const positions = new Map<string, number[]>();
    const ruleAt = new Array<Rule>(dataset.ledger.length);
    dataset.ledger.forEach((row, i) => {
      const rule = rules.get(row.rule);
      if (!rule || !isCounted(row)) return;
      ruleAt[i] = rule;
      let list = positions.get(rule.scheme);
      if (!list) positions.set(rule.scheme, (list = []));
      list.push(i);
    });
    return { positions, ruleAt };
  });
}

/**
 * The verified rows of one scheme's rules (its own, not linked rewards), in ledger order.
 * @example countedLedgerRows(dataset, 'credit').length // 2
 */
export function countedLedgerRows(dataset: Dataset, schemeId: string): LedgerRow[] {
  return (countedPositions(dataset).positions.get(schemeId) ?? []).map((i) => dataset.ledger[i]!);
}

/** Two ascending lists of positions as one. */
function mergePositions(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** A verified row of the scheme as it counts for its own subject, before the cap. */
function ownRow(row: LedgerRow, rule: Rule, points: number): CountedRow {
  // Built whole, in one literal: one object per row, and every own row shares one shape.
  return {
    file: row.file, line: row.line, date: row.date, rule: rule.code, title: rule.title, category: rule.category,
    quantity: row.quantity, reviewer: row.reviewer, note: row.note, activity: row.activity, veto: rule.veto,
    subject: row.subject, points, counted: points, cut: 0,
  };
}

/** The reward a linked household's row earns its contact member, before the cap. */
function linkedRow(row: LedgerRow, linked: Rule, member: string): CountedRow {
  const points = linked.points ?? 0;
  return {
    file: row.file, line: row.line, date: row.date, rule: linked.code, title: linked.title, category: linked.category,
    quantity: 1, reviewer: row.reviewer, note: row.note, activity: row.activity, veto: linked.veto,
    subject: member, points, linkedFrom: { household: row.subject, file: row.file, line: row.line }, counted: points, cut: 0,
  };
}

/**
 * Every row that scores in the scheme, by period and subject, in ledger order: its own
 * verified rows, plus one reward per verified positive row of a linked household scheme for
 * that household's contact member. Only rows of the scheme and of its linked schemes are
 * visited, in ledger order, so same-day rows keep it.
 */
function collectRows(dataset: Dataset, index: SubjectIndex, scheme: Scheme): Map<string, Map<string, CountedRow[]>> {
  const linkedRules = dataset.rules.filter((r) => r.scheme === scheme.id && r.linked !== undefined);
  const { positions, ruleAt } = countedPositions(dataset);
  const sources = new Set([scheme.id, ...linkedRules.map((r) => r.linked!)]);
  const visit = [...sources].map((id) => positions.get(id) ?? []).reduce(mergePositions);
  const groups = new Map<string, Map<string, CountedRow[]>>();
  const slotOf = dateSlots(index, scheme);
  const add = (slot: DateSlot, row: CountedRow) => {
    slot.rows ??= rowsOfPeriod(groups, slot.period);
    const list = slot.rows.get(row.subject);
    if (list) list.push(row);
    else slot.rows.set(row.subject, [row]);
  };
  let slot: DateSlot | undefined;
  for (const i of visit) {
    const row = dataset.ledger[i]!;
    const rule = ruleAt[i]!;
    // Rows of one day follow each other in a ledger kept in date order.
    if (slot?.date !== row.date) slot = slotOf(row.date);
    const points = rowPoints(rule, row);
    if (rule.scheme === scheme.id && slot.eligible.has(row.subject)) add(slot, ownRow(row, rule, points));
    if (points <= 0) continue;
    for (const linked of linkedRules) {
      if (linked.linked !== rule.scheme) continue;
      const member = index.household(row.subject)?.contact;
      if (member === undefined || !index.isMemberOn(member, row.date) || !slot.eligible.has(member)) continue;
      add(slot, linkedRow(row, linked, member));
    }
  }
  return groups;
}

/** What a date means to a scheme: its period, who is eligible then, and that period's rows by subject. */
interface DateSlot {
  date: string;
  period: string;
  eligible: Set<string>;
  rows?: Map<string, CountedRow[]>;
}

/**
 * The slot of each date, made on first use: every row asks what its date's period is and who
 * takes part then, and a year has only 365 dates.
 */
function dateSlots(index: SubjectIndex, scheme: Scheme): (date: string) => DateSlot {
  const eligible = new Map<string, Set<string>>();
  const slots = new Map<string, DateSlot>();
  return (date) => {
    let slot = slots.get(date);
    if (slot) return slot;
    const period = periodOf(date, scheme.period);
    let who = eligible.get(period);
    if (!who) eligible.set(period, (who = new Set(index.eligibleSubjects(scheme, period))));
    slots.set(date, (slot = { date, period, eligible: who }));
    return slot;
  };
}

/** A period's rows by subject; a period joins `groups` with its first row, so periods keep the order rows give them. */
function rowsOfPeriod(groups: Map<string, Map<string, CountedRow[]>>, period: string): Map<string, CountedRow[]> {
  let bySubject = groups.get(period);
  if (!bySubject) groups.set(period, (bySubject = new Map()));
  return bySubject;
}

/**
 * What a row of `points` counts when `used` of its rule's cap is already taken (both as
 * magnitudes): the rest of the cap at most, and nothing once it is spent.
 */
function capped(points: number, cap: number, used: number): number {
  const room = Math.max(0, roundPoints(Math.abs(cap) - used));
  return Math.sign(points) * Math.min(Math.abs(points), room);
}

/**
 * Applies each rule's cap to one subject's rows of one period, in date order: the cap is the
 * most points (up or down) the rule gives in the period, so with a cap of 4 the third
 * 2-point row earns nothing, and a row that crosses the cap is cut to what is left.
 */
export function applyCaps(rows: readonly UncappedRow[]): CountedRow[] {
  const used = new Map<string, number>();
  return rows.map(({ cap, ...row }) => {
    if (cap === undefined) return { ...row, counted: row.points, cut: 0 };
    const before = used.get(row.rule) ?? 0;
    const counted = capped(row.points, cap, before);
    used.set(row.rule, addPoints(before, Math.abs(counted)));
    return { ...row, counted: roundPoints(counted), cut: roundPoints(row.points - counted) };
  });
}

/** `applyCaps` on rows built here, in place: a million rows need not be copied again. */
function capInPlace(rows: CountedRow[], rules: Map<string, Rule>): void {
  const used = new Map<string, number>();
  for (const row of rows) {
    const cap = rules.get(row.rule)!.cap;
    if (cap === undefined) continue;
    const before = used.get(row.rule) ?? 0;
    const counted = capped(row.points, cap, before);
    used.set(row.rule, addPoints(before, Math.abs(counted)));
    row.counted = roundPoints(counted);
    row.cut = roundPoints(row.points - counted);
  }
}

/**
 * Counted rows of every period of the scheme: period → subject → rows in date order (same-day
 * rows in ledger order, as the sort is stable), caps applied. Computed once per dataset.
 */
export function countedRowsByPeriod(dataset: Dataset, index: SubjectIndex, scheme: Scheme): Map<string, Map<string, CountedRow[]>> {
  return once([dataset, index, scheme], 'countedRowsByPeriod', () => {
    const rules = rulesByCode(dataset);
    const groups = collectRows(dataset, index, scheme);
    for (const bySubject of groups.values()) {
      for (const rows of bySubject.values()) capInPlace(inDateOrder(rows), rules);
    }
    return groups;
  });
}

/**
 * Counted rows of one scheme period, by subject, each subject's rows in date order (same-day
 * rows in ledger order). Only eligible subjects appear.
 */
export function countedRows(dataset: Dataset, index: SubjectIndex, scheme: Scheme, period: string): Map<string, CountedRow[]> {
  return countedRowsByPeriod(dataset, index, scheme).get(period) ?? new Map();
}
