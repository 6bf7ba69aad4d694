/**
 * Counted rows: which ledger rows score in a scheme, how many points each is worth, and
 * how much of it the rule's cap (周期上限) lets through. Scores, balances and statistics
 * all start from these rows, so a point is counted the same way everywhere.
 */
import type { Dataset } from '../data/dataset.ts';
import type { Scheme } from '../data/settings.ts';
import type { LedgerRow, Rule } from '../data/tables.ts';
import { addPoints, multiplyPoints, roundPoints } from './numbers.ts';
import { periodOf } from './periods.ts';
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

/** Rules by code, built once per call: the ledger refers to rules by code. */
export function rulesByCode(dataset: Dataset): Map<string, Rule> {
  return new Map(dataset.rules.map((r) => [r.code, r]));
}

/** A row before its rule's cap is applied; `cap` is the rule's 周期上限. */
export type UncappedRow = Omit<CountedRow, 'counted' | 'cut'> & { cap?: number };

/** An uncapped row with its place in the ledger, so same-day rows keep ledger order. */
interface Candidate {
  row: UncappedRow;
  order: number;
  period: string;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.row.date !== b.row.date) return a.row.date < b.row.date ? -1 : 1;
  return a.order - b.order;
}

/**
 * Every row that scores in the scheme: its own verified rows, plus one reward per verified
 * positive row of a linked household scheme for that household's contact member.
 */
function collectCandidates(dataset: Dataset, index: SubjectIndex, scheme: Scheme, keep: (period: string) => boolean): Candidate[] {
  const rules = rulesByCode(dataset);
  const linkedRules = dataset.rules.filter((r) => r.scheme === scheme.id && r.linked !== undefined);
  const eligible = new Map<string, boolean>();
  const isEligible = (subject: string, period: string) => {
    const key = `${subject}\u0000${period}`;
    if (!eligible.has(key)) eligible.set(key, index.isEligible(scheme, subject, period));
    return eligible.get(key)!;
  };
  const out: Candidate[] = [];
  dataset.ledger.forEach((row, order) => {
    const rule = rules.get(row.rule);
    if (!rule || !isCounted(row)) return;
    const period = periodOf(row.date, scheme.period);
    if (!keep(period)) return;
    const points = rowPoints(rule, row);
    if (rule.scheme === scheme.id && isEligible(row.subject, period)) {
      out.push({ row: { ...describeRow(row, rule), subject: row.subject, points }, order, period });
    }
    if (points <= 0) return;
    for (const linked of linkedRules) {
      if (linked.linked !== rule.scheme) continue;
      const member = index.household(row.subject)?.contact;
      if (member === undefined || !index.isMemberOn(member, row.date) || !isEligible(member, period)) continue;
      out.push({
        row: {
          ...describeRow(row, linked),
          subject: member,
          quantity: 1,
          points: linked.points ?? 0,
          linkedFrom: { household: row.subject, file: row.file, line: row.line },
        },
        order,
        period,
      });
    }
  });
  return out;
}

function describeRow(row: LedgerRow, rule: Rule): Omit<UncappedRow, 'subject' | 'points'> {
  return {
    file: row.file,
    line: row.line,
    date: row.date,
    rule: rule.code,
    title: rule.title,
    category: rule.category,
    quantity: row.quantity,
    reviewer: row.reviewer,
    note: row.note,
    activity: row.activity,
    veto: rule.veto,
    cap: rule.cap,
  };
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
    const room = Math.max(0, roundPoints(Math.abs(cap) - before));
    const counted = Math.sign(row.points) * Math.min(Math.abs(row.points), room);
    used.set(row.rule, addPoints(before, Math.abs(counted)));
    return { ...row, counted: roundPoints(counted), cut: roundPoints(row.points - counted) };
  });
}

/** Groups candidates by period and subject, sorts each group by date and applies caps. */
function countGroups(candidates: Candidate[]): Map<string, Map<string, CountedRow[]>> {
  const groups = new Map<string, Map<string, Candidate[]>>();
  for (const c of candidates) {
    let bySubject = groups.get(c.period);
    if (!bySubject) groups.set(c.period, (bySubject = new Map()));
    let list = bySubject.get(c.row.subject);
    if (!list) bySubject.set(c.row.subject, (list = []));
    list.push(c);
  }
  const out = new Map<string, Map<string, CountedRow[]>>();
  for (const [period, bySubject] of groups) {
    const counted = new Map<string, CountedRow[]>();
    for (const [subject, list] of bySubject) counted.set(subject, applyCaps(list.sort(compareCandidates).map((c) => c.row)));
    out.set(period, counted);
  }
  return out;
}

/**
 * Counted rows of one scheme period, by subject, each subject's rows in date order (same-day
 * rows in ledger order). Only eligible subjects appear.
 */
export function countedRows(dataset: Dataset, index: SubjectIndex, scheme: Scheme, period: string): Map<string, CountedRow[]> {
  const groups = countGroups(collectCandidates(dataset, index, scheme, (p) => p === period));
  return groups.get(period) ?? new Map();
}

/** Counted rows of every period of the scheme: period → subject → rows in date order. */
export function countedRowsByPeriod(dataset: Dataset, index: SubjectIndex, scheme: Scheme): Map<string, Map<string, CountedRow[]>> {
  return countGroups(collectCandidates(dataset, index, scheme, () => true));
}
