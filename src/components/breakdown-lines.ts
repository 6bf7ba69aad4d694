/**
 * The lines of a category in "why this score": each row on record as it is, except that a run
 * of rows a cap cut to nothing (a party member's linked-household rewards after the period's
 * cap, say) becomes one line that says how many, from when to when, of which rules and how
 * many points they were worth. A reader on a phone sees what counted and why the rest did
 * not, without scrolling past hundreds of rows worth nothing; the rows themselves stay in the
 * ledger (and the CSV exports).
 */
import type { CountedRow } from '../domain/ledger.ts';
import { addPoints } from '../domain/numbers.ts';

/** A run shorter than this is shown row by row. */
export const FOLD_MIN = 3;

export interface FoldedRun {
  folded: true;
  /** First and last date of the run. */
  from: string;
  to: string;
  count: number;
  /** Points the rows were worth before the cap (all of it cut). */
  points: number;
  /** Rule titles with their number of rows, in order of first appearance. */
  titles: { title: string; count: number }[];
  /** Rows of the run earned by linked households. */
  linked: number;
}

export type BreakdownLine = { folded: false; row: CountedRow } | FoldedRun;

/** Cut to nothing by a cap, not a veto: nothing in the row counted. */
const wasted = (r: CountedRow) => r.counted === 0 && r.cut !== 0 && !r.veto;

/**
 * @example breakdownLines(rows) // [{ folded: false, row }, …, { folded: true, count: 212, … }]
 */
export function breakdownLines(rows: readonly CountedRow[]): BreakdownLine[] {
  const out: BreakdownLine[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && wasted(rows[j]!)) j++;
    if (j - i >= FOLD_MIN) {
      out.push(fold(rows.slice(i, j)));
      i = j;
    } else {
      out.push({ folded: false, row: rows[i]! });
      i++;
    }
  }
  return out;
}

function fold(run: CountedRow[]): FoldedRun {
  const titles = new Map<string, number>();
  let points = 0;
  let linked = 0;
  let from = run[0]!.date;
  let to = from;
  for (const r of run) {
    titles.set(r.title, (titles.get(r.title) ?? 0) + 1);
    points = addPoints(points, r.points);
    if (r.linkedFrom) linked++;
    if (r.date < from) from = r.date;
    if (r.date > to) to = r.date;
  }
  return { folded: true, from, to, count: run.length, points, titles: [...titles].map(([title, count]) => ({ title, count })), linked };
}
