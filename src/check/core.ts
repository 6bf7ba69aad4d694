/**
 * The whole data check: read every file, validate every row, check references, then the
 * checks that need the computation (balances, stock, prices, missing assessments). One call;
 * all problems at once. The poster fonts are not imported here: `checkProject` (check.ts)
 * passes them in, and `npm run check` loads them only when a cell holds a rare character.
 */
import { loadProjectSteps, type Loaded, type Rejected } from '../data/load.ts';
import { runAlongside, runNow, type Steps } from '../data/steps.ts';
import { validateReferencesSteps } from './validate.ts';
import type { Dataset } from '../schema/dataset.ts';
import type { Problems } from './errors.ts';
import { tables } from '../schema/tables.ts';
import { indexSubjects } from '../domain/subjects.ts';
import { checkRedemptions } from '../domain/shop.ts';
import { missingAssessments } from '../domain/score.ts';
import { schemePeriods } from '../domain/scheme-periods.ts';
import { periodBounds } from '../domain/periods.ts';
import { checkGlyphs } from './glyphs.ts';

export interface Checked {
  dataset: Dataset;
  problems: Problems;
  files: Loaded['files'];
}

/** The characters of a text no poster font can draw (`missingGlyphs` of render/fonts.ts). */
export type MissingGlyphs = (text: string) => string[];

/** `checkProject`, with the poster fonts' answer passed in: asked only about rare characters. */
export function checkProjectWith(root: string, missingGlyphs: MissingGlyphs): Checked {
  return runNow(checkSteps(root, missingGlyphs, false));
}

/**
 * The same check, leaving this thread free for other work while the ledger is read (on
 * workers) and between its parts: the build runs it while Astro starts (src/cli/build.ts).
 */
export function checkProjectAlongside(root: string, missingGlyphs: MissingGlyphs): Promise<Checked> {
  return runAlongside(checkSteps(root, missingGlyphs, true));
}

function* checkSteps(root: string, missingGlyphs: MissingGlyphs, alongside: boolean): Steps<Checked> {
  const loaded = yield* loadProjectSteps(root, alongside);
  // Settings that could not be read at all: their error alone, not what it would cause.
  if (loaded.blocked.length > 0) return { dataset: loaded.dataset, problems: loaded.problems, files: loaded.files };
  yield;
  const dataset = yield* validateReferencesSteps(loaded.dataset, loaded.rejected, loaded.problems);
  yield;
  yield* computedChecks(dataset, loaded.rejected, loaded.problems, missingGlyphs);
  // A workbook's problems say which sheet their rows and columns are in.
  for (const list of [loaded.problems.errors, loaded.problems.warnings]) for (const i of list) if (loaded.sheets.has(i.file)) i.sheet = loaded.sheets.get(i.file);
  return { dataset, problems: loaded.problems, files: loaded.files };
}

/** Checks that need the score computation, located like every other error. */
function* computedChecks(dataset: Dataset, rejected: Rejected, problems: Problems, missingGlyphs: MissingGlyphs): Steps<void> {
  // Rare characters the poster fonts lack would print as 〓: warn about their cells.
  checkGlyphs(dataset, problems, missingGlyphs);
  const index = indexSubjects(dataset);
  yield;
  const { violations } = checkRedemptions(dataset, index);
  yield;
  for (const v of violations) {
    // A balance or stock that depends on a reported row is not known: the editor fixes that
    // row first; reporting the redemption too would send them after a mistake that is not there.
    // A reported row dated after the redemption cannot have changed its balance: then it is said.
    const args = v.args as Record<string, string>;
    const unsureFrom = v.code === 'redemption-over-balance' ? rejected.ledgerSubjects.get(args.id!) : undefined;
    if (unsureFrom !== undefined && unsureFrom <= args.date!) continue;
    if ((v.code === 'redemption-over-stock' || v.code === 'stock-below-zero') && rejected.stockItems.has(args.item!)) continue;
    const table = v.file.startsWith('data/shop/stock') ? tables.stock : tables.redemptions;
    const column = (table.columns as Record<string, { zh: string }>)[v.field];
    problems.error({ file: v.file, line: v.line, field: column?.zh ?? v.field }, v.code, v.args);
  }
  // A subject with no score in an assessed category counts 0: say so, without blocking. Not
  // for a period the data has not reached the end of: the year-end 民主评议 is not missing in
  // January, it is not due (144 warnings every January said otherwise).
  let latest = dataset.ledger.latestDate();
  for (const r of dataset.redemptions) if (r.date > latest) latest = r.date;
  for (const scheme of dataset.schemes) {
    if (!scheme.categories.some((c) => c.assessed)) continue;
    for (const period of schemePeriods(dataset, scheme)) {
      if (periodBounds(period).end > latest) continue;
      const file = dataset.assessments.find((a) => a.scheme === scheme.id && a.period === period)?.file ?? 'data/assessments/';
      for (const w of missingAssessments(dataset, index, scheme, period)) {
        problems.warn({ file, line: 0, field: w.category }, 'assessment-missing', { id: w.subject, period: w.period, category: w.category });
      }
    }
  }
}
