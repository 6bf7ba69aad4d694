/**
 * Which periods a scheme has results for: the site publishes one table per period that has
 * anything in it, and no empty ones.
 */
import type { Dataset } from '../data/dataset.ts';
import type { Scheme } from '../data/settings.ts';
import { isCounted, rowPoints, rulesByCode } from './ledger.ts';
import { comparePeriods, periodOf } from './periods.ts';

/**
 * Periods of the scheme's kind with a counted ledger row of one of its rules, a linked
 * household row that rewards a member in it, or an assessment. Sorted, oldest first.
 * @example schemePeriods(dataset, party) // ['2021', '2022']
 */
export function schemePeriods(dataset: Dataset, scheme: Scheme): string[] {
  const rules = rulesByCode(dataset);
  const linked = new Set(dataset.rules.filter((r) => r.scheme === scheme.id && r.linked).map((r) => r.linked));
  const periods = new Set<string>();
  for (const row of dataset.ledger) {
    const rule = rules.get(row.rule);
    if (!rule || !isCounted(row)) continue;
    if (rule.scheme === scheme.id || (linked.has(rule.scheme) && rowPoints(rule, row) > 0)) {
      periods.add(periodOf(row.date, scheme.period));
    }
  }
  for (const a of dataset.assessments) if (a.scheme === scheme.id) periods.add(a.period);
  return [...periods].sort(comparePeriods);
}
