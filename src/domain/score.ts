/**
 * Scoring one scheme period: categories, total, level, stars and the one-vote veto
 * (一票否决), with a breakdown that traces every point to one ledger row.
 */
import type { Dataset } from '../schema/dataset.ts';
import type { Category, Level, Scheme } from '../schema/settings.ts';
import type { Assessment } from '../schema/tables.ts';
import { addEntry, categorySlots, countedRowOf, countedSource, CountedRowList, ruleOfEntry, EMPTY_ROWS, entryFingerprints, Fingerprint, type CountedRow, type CountedSource } from './ledger.ts';
import { addPoints, clampPoints, sumPoints, type Clamped } from './numbers.ts';
import type { SubjectIndex } from './subjects.ts';

/** How one category's value came about. */
export interface CategoryBreakdown {
  id: string;
  /** Value before any row: 65 for a base score that only goes down. */
  start: number;
  /** Sum of the counted points (after rule caps), before the category's min and max. */
  rawSum: number;
  value: number;
  /** Which bound stopped the value: the base stops at 0 (扣完为止), a bonus at 15. */
  clamped: Clamped;
  /** The value comes from an assessment sheet, not from the ledger. */
  assessed: boolean;
  /** Where the assessed value was written, when there is one. */
  assessment?: { file: string; line: number; reviewer?: string };
  /** The counted rows behind the value, made into objects when read (`CountedRowList`). */
  rows: CountedRowList;
}

export interface SubjectResult {
  id: string;
  total: number;
  /** Value per category id. */
  categories: Record<string, number>;
  level: string | null;
  stars?: number;
  guidance?: string;
  vetoed: boolean;
  /** The first row of a veto rule in the period. */
  vetoRow?: CountedRow;
  /** How each category's value came about, made when read (`Breakdown`). */
  breakdown: Breakdown;
  /** Sum of the categories before the scheme's total min and max. */
  rawTotal: number;
  totalClamp: Clamped;
}

/** An assessed category with no score on the sheet: it counts 0 and the check warns. */
export interface MissingAssessment {
  scheme: string;
  subject: string;
  period: string;
  category: string;
}

export interface SchemeScore {
  /** One result per eligible subject, sorted by id. */
  results: SubjectResult[];
  warnings: MissingAssessment[];
}

/**
 * The level of a total: the first level whose min is at or below it, so with 90 / 80 / 70
 * levels a total of 89.5 is in the 80 level. Null when no level is low enough.
 */
export function levelFor(scheme: Scheme, total: number): Level | null {
  return scheme.levels.find((l) => l.min <= total) ?? null;
}

/**
 * The level of a vetoed subject: the scheme's vetoLevel, or its lowest level when the scheme
 * names none, since a veto fails the subject whatever the score.
 */
export function vetoLevelOf(scheme: Scheme): Level | null {
  const named = scheme.levels.find((l) => l.name === scheme.vetoLevel);
  return named ?? scheme.levels.at(-1) ?? null;
}

/**
 * A ledger category: start plus counted points, kept within min and max. The base score of
 * 65 only goes down and stops at 0; a bonus capped at 15 counts 20 points as 15.
 */
export function scoreCategory(category: Category, rows: CountedRowList): CategoryBreakdown {
  const rawSum = rows.sum();
  const { value, clamped } = clampPoints(sumPoints([category.start, rawSum]), category.min, category.max);
  return { id: category.id, start: category.start, rawSum, value, clamped, assessed: false, rows };
}

/** An assessed category takes the sheet's value; a missing one counts 0. */
function scoreAssessed(category: Category, assessment: Assessment | undefined): CategoryBreakdown {
  const raw = assessment?.values[category.id] ?? 0;
  const { value, clamped } = clampPoints(raw, category.min, category.max);
  return {
    id: category.id,
    start: 0,
    rawSum: raw,
    value,
    clamped,
    assessed: true,
    assessment: assessment && { file: assessment.file, line: assessment.line, reviewer: assessment.reviewer },
    rows: EMPTY_ROWS,
  };
}

/** The first row of a veto rule among the subject's entries `start` to `end`. */
function firstVeto(source: CountedSource, id: string, start: number, end: number): CountedRow | undefined {
  for (let k = start; k < end; k++) if (ruleOfEntry(source.table, k).veto) return countedRowOf(source, id, k);
  return undefined;
}

/**
 * A subject's breakdown (how each category's value came about) without keeping it: what it is
 * made from, and `list()` makes it. A street's board holds 113,000 results; their 680,000
 * category objects and row lists were 116 MB held for the whole build, and a page reads one
 * subject's. Its JSON (what a passbook's cache key hashes) is the list's.
 */
export class Breakdown {
  readonly #scheme: Scheme;
  readonly #id: string;
  readonly #source: CountedSource;
  readonly #range: { start: number; end: number };
  readonly #assessment: Assessment | undefined;

  constructor(scheme: Scheme, id: string, source: CountedSource, range: { start: number; end: number }, assessment: Assessment | undefined) {
    this.#scheme = scheme;
    this.#id = id;
    this.#source = source;
    this.#range = range;
    this.#assessment = assessment;
  }

  /** One entry per category of the scheme, in its order, made now. */
  list(): CategoryBreakdown[] {
    const { start, end } = this.#range;
    return this.#scheme.categories.map((c) =>
      c.assessed ? scoreAssessed(c, this.#assessment) : scoreCategory(c, new CountedRowList(this.#source, this.#id, start, end, c.id)),
    );
  }

  /** Whether `list()` shows anything: an assessed category (its score, or that it is missing), or a counted row. */
  showsAny(): boolean {
    return this.#scheme.categories.some((c) => c.assessed) || this.rowCount() > 0;
  }

  /** Rows counted in the period, in every category of the scheme. */
  rowCount(): number {
    // As `visit` counts them, without looking up each row's activity (a passbook counts every period's rows).
    const { table } = this.#source;
    const slots = categorySlots(this.#scheme, table.rules);
    const { start, end } = this.#range;
    let n = 0;
    for (let k = start; k < end; k++) if (slots[table.ruleNo[k]!]! >= 0) n++;
    return n;
  }

  /**
   * Visits each row counted in the period, in the rows' order rather than category by category:
   * its points after and before the cap, whether a linked household earned it, and its activity.
   * The same rows as `list()`'s categories hold, without working out each category's figures.
   */
  visit(fn: (counted: number, points: number, linked: boolean, activity: string | undefined) => void): void {
    const { table, ledger } = this.#source;
    const slots = categorySlots(this.#scheme, table.rules);
    const { start, end } = this.#range;
    for (let k = start; k < end; k++) {
      if (slots[table.ruleNo[k]!]! < 0) continue;
      fn(table.counted[k]!, table.points[k]!, table.linked[k] === 1, ledger.activity(table.position[k]!));
    }
  }

  /**
   * What a passbook's cache key needs, as one fingerprint: the subject, its assessment sheet row
   * and every row of the period in one pass (each row's content, rule, points and what counted).
   * The categories' figures follow from these and the scheme, which the key holds apart
   * (`pageKey`): working them out again for the key, category by category, took a street's
   * passbook keys 1.2 s.
   */
  toJSON(): [number, number] {
    const f = new Fingerprint().text(this.#id);
    const a = this.#assessment;
    f.text(a?.file).number(a?.line ?? NaN).text(a?.reviewer);
    for (const c of this.#scheme.categories) if (c.assessed) f.text(c.id).number(a?.values[c.id] ?? NaN);
    const { start, end } = this.#range;
    const source = this.#source;
    const words = entryFingerprints(source);
    f.word(end - start);
    for (let k = start; k < end; k++) addEntry(f, words, k);
    return f.lanes();
  }
}

/**
 * Each category's value, in the scheme's order: as `Breakdown.list()` works them out (the same
 * sums, row by row in the same order), in one pass over the subject's rows and no list made.
 */
function categoryValues(scheme: Scheme, source: CountedSource, range: { start: number; end: number }, assessment: Assessment | undefined): number[] {
  const { table } = source;
  const slots = categorySlots(scheme, table.rules);
  const sums = new Array<number>(scheme.categories.length).fill(0);
  for (let k = range.start; k < range.end; k++) {
    const slot = slots[table.ruleNo[k]!]!;
    if (slot >= 0) sums[slot] = addPoints(sums[slot]!, table.counted[k]!);
  }
  return scheme.categories.map((c, i) =>
    c.assessed ? clampPoints(assessment?.values[c.id] ?? 0, c.min, c.max).value : clampPoints(sumPoints([c.start, sums[i]!]), c.min, c.max).value,
  );
}

/** Scores one subject from its counted rows (entries `start` to `end` of `source`) and its assessment sheet row. */
function scoreSubject(scheme: Scheme, id: string, source: CountedSource, range: { start: number; end: number }, assessment: Assessment | undefined): SubjectResult {
  const breakdown = new Breakdown(scheme, id, source, range, assessment);
  const values = categoryValues(scheme, source, range, assessment);
  const rawTotal = sumPoints(values);
  const { value: total, clamped: totalClamp } = clampPoints(rawTotal, scheme.total.min, scheme.total.max);
  const vetoRow = firstVeto(source, id, range.start, range.end);
  const level = vetoRow ? vetoLevelOf(scheme) : levelFor(scheme, total);
  return {
    id,
    total,
    categories: Object.fromEntries(scheme.categories.map((c, i) => [c.id, values[i]!])),
    level: level?.name ?? null,
    ...(level?.stars !== undefined && { stars: level.stars }),
    ...(level?.guidance !== undefined && { guidance: level.guidance }),
    vetoed: vetoRow !== undefined,
    ...(vetoRow && { vetoRow }),
    breakdown,
    rawTotal,
    totalClamp,
  };
}

const NO_ROWS = { start: 0, end: 0 };

/** The period's assessment sheet rows of the scheme, by subject. */
function assessmentsOf(dataset: Dataset, scheme: Scheme, period: string): Map<string, Assessment> {
  return new Map(dataset.assessments.filter((a) => a.scheme === scheme.id && a.period === period).map((a) => [a.subject, a]));
}

/** The assessed categories a subject has no score for on its sheet row. */
function missingFor(scheme: Scheme, id: string, period: string, assessment: Assessment | undefined): MissingAssessment[] {
  return scheme.categories
    .filter((c) => c.assessed && assessment?.values[c.id] === undefined)
    .map((c) => ({ scheme: scheme.id, subject: id, period, category: c.id }));
}

/**
 * Every eligible subject's assessed categories with no score on the sheet, in id order: each
 * counts 0 and the check warns. Needs no ledger row, so the check finds them without scoring.
 * @example missingAssessments(dataset, index, party, '2022') // [{ scheme: 'party', subject: 'DY-3', period: '2022', category: '民主评议' }]
 */
export function missingAssessments(dataset: Dataset, index: SubjectIndex, scheme: Scheme, period: string): MissingAssessment[] {
  if (!scheme.categories.some((c) => c.assessed)) return [];
  const assessments = assessmentsOf(dataset, scheme, period);
  return index.eligibleSubjects(scheme, period).flatMap((id) => missingFor(scheme, id, period, assessments.get(id)));
}

/**
 * Scores every subject eligible in the period, sorted by id. Rows count when verified, dated
 * in the period and of one of the scheme's rules; a veto row (even one its cap cut to 0)
 * forces the veto level.
 * @example scoreScheme(dataset, index, party, '2022').results[0].total // 85
 */
export function scoreScheme(dataset: Dataset, index: SubjectIndex, scheme: Scheme, period: string): SchemeScore {
  const source = countedSource(dataset, index, scheme);
  const groups = source.table.groups.get(period);
  const assessments = assessmentsOf(dataset, scheme, period);
  const results: SubjectResult[] = [];
  const warnings: MissingAssessment[] = [];
  for (const id of index.eligibleSubjects(scheme, period)) {
    const assessment = assessments.get(id);
    warnings.push(...missingFor(scheme, id, period, assessment));
    results.push(scoreSubject(scheme, id, source, groups?.get(id) ?? NO_ROWS, assessment));
  }
  return { results, warnings };
}
