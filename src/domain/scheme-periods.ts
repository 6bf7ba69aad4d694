/**
 * Which periods a scheme has results for: the site publishes one table per period that has
 * anything in it, and no empty ones.
 */
import type { Dataset } from '../schema/dataset.ts';
import type { Scheme } from '../schema/settings.ts';
import { countedLedgerPositions, rowPointsAt } from './ledger.ts';
import { once } from './once.ts';
import { comparePeriods, periodOf } from './periods.ts';

/**
 * Periods of the scheme's kind with a counted ledger row of one of its rules, a linked
 * household row that rewards a member in it, or an assessment. Sorted, oldest first.
 * @example schemePeriods(dataset, party) // ['2021', '2022']
 */
export function schemePeriods(dataset: Dataset, scheme: Scheme): string[] {
  // The check and the view model both ask; the answer is the same for one dataset.
  return once([dataset, scheme], 'schemePeriods', () => findPeriods(dataset, scheme));
}

function findPeriods(dataset: Dataset, scheme: Scheme): string[] {
  const { ledger } = dataset;
  const linked = new Set(dataset.rules.filter((r) => r.scheme === scheme.id && r.linked).map((r) => r.linked!));
  // A few hundred distinct dates stand for a million rows.
  // Rows of one day follow each other: a date just added is not looked up again.
  const dates = new Set<number>();
  let last = -1;
  const own = countedLedgerPositions(dataset, scheme.id).positions;
  for (let p = 0; p < own.length; p++) if (ledger.dateAt[own[p]!] !== last) dates.add((last = ledger.dateAt[own[p]!]!));
  for (const id of linked) {
    last = -1;
    const { positions, ruleNo, rules } = countedLedgerPositions(dataset, id);
    for (let p = 0; p < positions.length; p++) {
      const i = positions[p]!;
      if (ledger.dateAt[i] !== last && rowPointsAt(rules[ruleNo[i]!]!, ledger, i) > 0) dates.add((last = ledger.dateAt[i]!));
    }
  }
  const periods = new Set<string>();
  for (const date of dates) periods.add(periodOf(ledger.strings[date]!, scheme.period));
  for (const a of dataset.assessments) if (a.scheme === scheme.id) periods.add(a.period);
  return [...periods].sort(comparePeriods);
}
