/**
 * Checks between files that need no score computation: references, uniqueness, kinds,
 * roles, membership dates, rule ranges, assessment sheets. Every problem is located on the
 * row (and column) that holds it. Rows whose references fail are removed from the dataset,
 * so nothing that was reported can count.
 */
import type { Dataset } from '../schema/dataset.ts';
import type { Problems, Place } from './errors.ts';
import { rejectLedgerRow, type Rejected } from '../data/load.ts';
import { DEFAULT_BLOCK_MINUTES, PARTY_ROLES, tables, type Column, type Person, type Rule } from '../schema/tables.ts';
import type { Ledger } from '../schema/ledger-columns.ts';
import type { Steps } from '../data/steps.ts';
import { dayNumber, periodKind } from '../domain/periods.ts';
import type { Scheme, SubjectKind } from '../schema/settings.ts';

const KIND_ZH: Record<SubjectKind, string> = { person: '人员', household: '家庭户', merchant: '商户', unit: '组织' };
const PERIOD_ZH = { year: '年度', quarter: '季度', month: '月度' } as const;

/** Where a column of a row is, for messages: its column number is looked up by header later. */
function at(row: { file: string; line: number }, column: Column, index?: number): Place {
  return { file: row.file, line: row.line, column: index ?? 0, field: column.zh };
}

/**
 * Dates an editor mistyped: a row dated after the month its file is named for
 * (2022-12.csv holding 2023-12-05), or in a year far from every year the files are named for
 * (1900 or 2030 among 2022's files). Either would publish a period nobody meant. Files not
 * named for a year are not judged.
 */
/** A number from row `i`'s cells (FNV-1a over them), equal for equal rows: a text is its place in the ledger's texts. */
function rowHash(ledger: Ledger, i: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ ledger.dateAt[i]!, 0x01000193);
  h = Math.imul(h ^ ledger.subjectAt[i]!, 0x01000193);
  h = Math.imul(h ^ ledger.ruleAt[i]!, 0x01000193);
  h = Math.imul(h ^ ledger.activityAt[i]!, 0x01000193);
  h = Math.imul(h ^ ledger.noteAt[i]!, 0x01000193);
  h = Math.imul(h ^ (ledger.quantityAt[i]! | 0), 0x01000193);
  return h >>> 0;
}

/** Rows `a` and `b` hold the same cells (two blanks are the same). */
function sameRow(ledger: Ledger, a: number, b: number): boolean {
  const same = (x: number, y: number) => x === y || (x !== x && y !== y);
  return (
    ledger.dateAt[a] === ledger.dateAt[b] && ledger.subjectAt[a] === ledger.subjectAt[b] && ledger.ruleAt[a] === ledger.ruleAt[b] &&
    same(ledger.pointsAt[a]!, ledger.pointsAt[b]!) && same(ledger.quantityAt[a]!, ledger.quantityAt[b]!) &&
    ledger.activityAt[a] === ledger.activityAt[b] && ledger.noteAt[a] === ledger.noteAt[b] && ledger.reviewerAt[a] === ledger.reviewerAt[b] &&
    ledger.statusAt[a] === ledger.statusAt[b]
  );
}

/** Where row `i` of the ledger is, for a problem's place. */
const placeOf = (ledger: Ledger, i: number) => ({ file: ledger.file(i), line: ledger.line(i) });

/** The first day of the month before `year`-`month`: 2023-01 → 2022-12-01. */
function monthBefore(year: number, month: number): string {
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

function datePlausibility(data: Dataset): (file: string, date: string) => { code: 'date-after-file-month' | 'date-implausible-year' | 'date-before-file-month'; args: Record<string, string | number>; warn?: true } | undefined {
  // Per file: the year and month its name gives, and (for a month's file) its last day and the first day of the month before.
  const named = new Map<string, { year: number; month?: string; end: string; before: string } | null>();
  const nameOf = (file: string) => {
    let n = named.get(file);
    if (n === undefined) {
      const m = /^(\d{4})(?:-(0[1-9]|1[0-2]))?(?!\d)/.exec(file.slice(file.lastIndexOf('/') + 1));
      const year = Number(m?.[1]);
      named.set(file, (n = m ? { year, month: m[2], end: `${year}-${m[2]}-31`, before: m[2] ? monthBefore(year, Number(m[2])) : '' } : null));
    }
    return n;
  };
  const years = new Set<number>();
  // The ledger's files, each once (a file's rows follow each other).
  const ledgerFiles: string[] = [];
  for (let i = 0, last = -1; i < data.ledger.length; i++) if (data.ledger.fileAt[i] !== last) ledgerFiles.push(data.ledger.strings[(last = data.ledger.fileAt[i]!)]!);
  for (const files of [ledgerFiles, data.redemptions.map((r) => r.file)]) {
    let last = '';
    for (const file of files) {
      if (file === last) continue;
      last = file;
      const n = nameOf(file);
      if (n) years.add(n.year);
    }
  }
  const first = Math.min(...years);
  const lastYear = Math.max(...years);
  const yearList = [...years].sort().join('、');
  type Odd = { code: 'date-after-file-month' | 'date-implausible-year' | 'date-before-file-month'; args: Record<string, string | number>; warn?: true };
  return (file, date): Odd | undefined => {
    const n = nameOf(file);
    if (n?.month !== undefined && date > n.end) return { code: 'date-after-file-month', args: { date: date, month: `${n.year}-${n.month}` } };
    const year = Number(date.slice(0, 4));
    // A late row of last December in January's file is ordinary: one year before the first is not far.
    if (years.size > 0 && (year < first - 1 || year > lastYear)) return { code: 'date-implausible-year', args: { date: date, year, years: yearList } };
    // Last month's late row is ordinary; one from further back (2022-01-05 in 2023-01.csv: the
    // year not changed) reopens a period published long ago. Said, not refused.
    if (n?.month !== undefined && date < n.before) return { code: 'date-before-file-month', args: { date: date, month: `${n.year}-${n.month}` }, warn: true };
    return undefined;
  };
}

/** How many rows of row `i`'s file follow from `i` on (its own included): a file's rows come together. */
function rowsOfFileFrom(ledger: Ledger, i: number): number {
  let j = i;
  while (j < ledger.length && ledger.fileAt[j] === ledger.fileAt[i]) j++;
  return j - i;
}

/** One file's rows by their number (`rowHash`), for the duplicate-row check: open addressing in typed arrays. */
class RowTable {
  #rows = new Int32Array(0);
  #hashes = new Uint32Array(0);
  #mask = 0;

  /** Empty, with room for `rows` rows at half load. */
  clear(rows: number): void {
    let size = 16;
    while (size < rows * 2) size *= 2;
    if (size !== this.#rows.length) {
      this.#rows = new Int32Array(size);
      this.#hashes = new Uint32Array(size);
    } else this.#rows.fill(0);
    this.#mask = size - 1;
  }

  /** The first row before `i` with the same cells, or -1 (and `i` is kept). */
  twinOrAdd(ledger: Ledger, i: number, hash: number): number {
    for (let slot = (hash ^ (hash >>> 15)) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const held = this.#rows[slot]!;
      if (held === 0) {
        this.#rows[slot] = i + 1;
        this.#hashes[slot] = hash;
        return -1;
      }
      if (this.#hashes[slot] === hash && sameRow(ledger, held - 1, i)) return held - 1;
    }
  }
}

/** A person's membership as day numbers (`dayNumber`), for a million rows' dates to be compared with; null: not a person, or always a member. */
interface Membership {
  person: Person;
  since: number;
  until: number;
}

function membership(person: Person | undefined): Membership | null {
  if (!person || (!person.since && !person.until)) return null;
  return { person, since: person.since ? dayNumber(person.since) : 0, until: person.until ? dayNumber(person.until) : Infinity };
}

/** Ledger rows checked between pauses, when the check runs alongside Astro's start (some 5 ms of work: Astro's start moves a step at each pause). */
const ROWS_A_STEP = 10_000;

/** Checks the references between the tables, as steps (src/data/steps.ts) that pause every `ROWS_A_STEP` ledger rows. */
export function* validateReferencesSteps(data: Dataset, rejected: Rejected, problems: Problems): Steps<Dataset> {
  const T = tables;
  // Subject ids are unique across units, people, households and merchants together.
  const kindOf = new Map<string, SubjectKind>();
  const firstPlace = new Map<string, string>();
  const unique = <R extends { id: string; file: string; line: number }>(rows: R[], kind: SubjectKind, idColumn: Column) =>
    rows.filter((r) => {
      const first = firstPlace.get(r.id);
      if (first) {
        problems.error(at(r, idColumn), 'duplicate-id', { id: r.id, first });
        return false;
      }
      firstPlace.set(r.id, `${r.file} 第 ${r.line} 行`);
      kindOf.set(r.id, kind);
      return true;
    });
  const units = unique(data.units, 'unit', T.units.columns.id);
  const people = unique(data.people, 'person', T.people.columns.id);
  const households = unique(data.households, 'household', T.households.columns.id);
  const merchants = unique(data.merchants, 'merchant', T.merchants.columns.id);
  const known = (id: string) => kindOf.has(id) || rejected.ids.has(id);
  // An id typed in the wrong case (hj04 for HJ04) or with a stray space: said with the one meant.
  const meant = (ids: Iterable<string>) => {
    const byUpper = new Map<string, string>();
    for (const id of ids) byUpper.set(id.toUpperCase(), id);
    return (id: string): string => {
      const hit = byUpper.get(id.trim().toUpperCase());
      return hit !== undefined && hit !== id ? `是不是“${hit}”？编号要一字不差，区分大小写。` : '';
    };
  };
  const subjectMeant = meant(kindOf.keys());

  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitKnown = (id: string) => unitById.has(id) || rejected.ids.has(id);
  const goodUnits = units.filter((u) => {
    if (u.parent === undefined) return true;
    if (!unitKnown(u.parent)) {
      problems.error(at(u, T.units.columns.parent), 'unknown-unit', { id: u.parent });
      return false;
    }
    // Walk up the parents; meeting the unit again is a cycle (reported on each unit in it).
    const path = [u.id];
    for (let p: string | undefined = u.parent; p !== undefined; p = unitById.get(p)?.parent) {
      path.push(p);
      if (p === u.id) {
        problems.error(at(u, T.units.columns.parent), 'unit-cycle', { path: path.join(' → ') });
        return false;
      }
      if (path.length > units.length + 1) break;
    }
    return true;
  });

  const personById = new Map(people.map((p) => [p.id, p]));
  const householdIds = new Set(households.map((h) => h.id));
  const goodPeople = people.filter((p) => {
    let ok = true;
    if (!unitKnown(p.unit)) {
      problems.error(at(p, T.people.columns.unit), 'unknown-unit', { id: p.unit });
      ok = false;
    }
    if (p.household !== undefined && !householdIds.has(p.household) && !rejected.ids.has(p.household)) {
      problems.error(at(p, T.people.columns.household), 'unknown-household', { id: p.household });
      ok = false;
    }
    if (p.since && p.until && p.until < p.since) {
      problems.error(at(p, T.people.columns.until), 'until-before-since', { since: p.since, until: p.until });
      ok = false;
    }
    return ok;
  });
  const goodHouseholds = households.filter((h) => {
    let ok = true;
    if (!unitKnown(h.unit)) {
      problems.error(at(h, T.households.columns.unit), 'unknown-unit', { id: h.unit });
      ok = false;
    }
    if (h.contact !== undefined) {
      const c = personById.get(h.contact);
      if (!c && !rejected.ids.has(h.contact)) {
        problems.error(at(h, T.households.columns.contact), 'unknown-person', { id: h.contact });
        ok = false;
      } else if (c && !PARTY_ROLES.includes(c.role)) {
        problems.error(at(h, T.households.columns.contact), 'contact-not-party-member', { id: h.contact, role: c.role });
        ok = false;
      }
    }
    return ok;
  });
  const goodMerchants = merchants.filter((m) => {
    if (unitKnown(m.unit)) return true;
    problems.error(at(m, T.merchants.columns.unit), 'unknown-unit', { id: m.unit });
    return false;
  });

  // Schemes and rules.
  const schemeById = new Map<string, Scheme>();
  for (const s of data.schemes) {
    if (schemeById.has(s.id)) problems.error({ file: 'data/schemes.yaml', line: 0, field: 'id' }, 'duplicate-scheme', { id: s.id });
    else schemeById.set(s.id, s);
  }
  const schemeList = [...schemeById.keys()].join('、');
  const schemeOk = (row: { file: string; line: number }, id: string, column: Column) => {
    if (schemeById.has(id)) return true;
    if (!rejected.schemes.has(id)) problems.error(at(row, column), 'unknown-scheme', { id, accepted: schemeList });
    return false;
  };
  const ruleFirst = new Map<string, string>();
  const rules = data.rules.filter((r) => {
    const C = T.rules.columns;
    const first = ruleFirst.get(r.code);
    if (first) {
      problems.error(at(r, C.code), 'duplicate-rule', { id: r.code, first });
      return false;
    }
    ruleFirst.set(r.code, `${r.file} 第 ${r.line} 行`);
    let ok = schemeOk(r, r.scheme, C.scheme);
    const scheme = schemeById.get(r.scheme);
    const category = scheme?.categories.find((c) => c.id === r.category);
    if (scheme && !category) {
      problems.error(at(r, C.category), 'unknown-category', { scheme: scheme.id, id: r.category, accepted: scheme.categories.map((c) => c.id).join('、') });
      ok = false;
    } else if (category?.assessed) {
      problems.error(at(r, C.category), 'rule-on-assessed-category', { id: r.category });
      ok = false;
    }
    if (r.points === undefined && (r.min === undefined || r.max === undefined)) {
      problems.error(at(r, C.points), 'rule-range-required');
      ok = false;
    }
    if (r.min !== undefined && r.max !== undefined && r.min > r.max) {
      problems.error(at(r, C.min), 'rule-range', { min: r.min, max: r.max });
      ok = false;
    }
    if (r.linked !== undefined) {
      const linked = schemeById.get(r.linked);
      if (!linked) {
        if (!rejected.schemes.has(r.linked)) problems.error(at(r, C.linked), 'unknown-scheme', { id: r.linked, accepted: schemeList });
        ok = false;
      } else if (linked.subject !== 'household') {
        problems.error(at(r, C.linked), 'linked-needs-household-scheme', { linked: r.linked });
        ok = false;
      } else if (scheme && scheme.subject !== 'person') {
        problems.error(at(r, C.linked), 'linked-needs-person-scheme', { linked: r.linked });
        ok = false;
      }
    }
    return ok;
  });
  const ruleByCode = new Map(rules.map((r) => [r.code, r]));
  const ruleKnown = (code: string) => ruleByCode.has(code) || rejected.rules.has(code) || ruleFirst.has(code);
  const ruleMeant = meant(ruleByCode.keys());

  // Is this subject of the right kind, role and unit type for the scheme?
  const subjectFits = (row: { file: string; line: number }, id: string, scheme: Scheme, column: Column): boolean => {
    const kind = kindOf.get(id);
    if (!kind) {
      if (!rejected.ids.has(id)) problems.error(at(row, column), 'unknown-subject', { id, suggest: subjectMeant(id) });
      return false;
    }
    if (kind !== scheme.subject) {
      problems.error(at(row, column), 'subject-kind-mismatch', { id, kind: KIND_ZH[kind], scheme: scheme.id, expected: KIND_ZH[scheme.subject] });
      return false;
    }
    const person = personById.get(id);
    if (person && scheme.roles && !scheme.roles.includes(person.role)) {
      problems.error(at(row, column), 'role-not-in-scheme', { id, role: person.role, scheme: scheme.id, roles: scheme.roles.join('、') });
      return false;
    }
    const unit = kind === 'unit' ? unitById.get(id) : undefined;
    if (unit && scheme.unitTypes && !scheme.unitTypes.includes(unit.type)) {
      problems.error(at(row, column), 'unit-type-not-in-scheme', { id, type: unit.type, scheme: scheme.id, types: scheme.unitTypes.join('、') });
      return false;
    }
    return true;
  };

  const L = T.ledger.columns;
  const implausible = datePlausibility(data);
  // Subjects that fit a scheme, with their person (null for other kinds): a million ledger
  // rows name a few thousand subjects, each fit is worked out once per scheme.
  // By scheme, then by the subject's place in the ledger's texts: undefined until asked.
  const fitting = new Map<Scheme, (Membership | null | undefined)[]>();
  const source = data.ledger;
  // A million rows share a few dozen rule codes, files and a few thousand dates: each is worked
  // out once, by its place in the ledger's texts. A rule's code: its rule, with its scheme and
  // that scheme's fits (null: no such rule).
  const ruleOfText = new Map<number, { rule: Rule; scheme: Scheme; fits: (Membership | null | undefined)[] } | null>();
  // A date as a number (2022-03-01 → 20220301), compared as the text would be; 0: not yet.
  const dayOfText = new Int32Array(source.strings.length);
  // What `implausible` says of a date in the file being read (null: nothing), reset when the file changes (a file's rows come together).
  const oddOfDate = new Map<number, ReturnType<typeof implausible> | null>();
  let oddFile = -1;
  const keep = new Uint8Array(source.length);
  for (let i = 0; i < source.length; i++) {
    if (ledgerRowOk(source, i)) keep[i] = 1;
    else rejectLedgerRow(rejected, source.subject(i), source.date(i));
    if (i % ROWS_A_STEP === ROWS_A_STEP - 1) yield;
  }
  const ledger = source.keep(keep);
  // A row pasted twice counts twice. Two events can be alike, so it is said, not refused; one
  // file's rows at a time (files come whole, in order), so a district's ledger is never all held.
  // Rows are bucketed by a number worked out from their cells' places in the ledger's texts
  // and compared cell by cell within a bucket.
  // The table is open addressing in typed arrays (a district's file is 830,000 rows: a map of
  // lists was that many objects): rows of one number are met along the probe in the order they came.
  const twins = new RowTable();
  yield;
  for (let i = 0; i < source.length; i++) {
    if (i % ROWS_A_STEP === ROWS_A_STEP - 1) yield;
    if (i === 0 || source.fileAt[i] !== source.fileAt[i - 1]) twins.clear(rowsOfFileFrom(source, i));
    const twin = twins.twinOrAdd(source, i, rowHash(source, i));
    if (twin !== -1) problems.warn(at({ file: source.file(i), line: source.line(i) }, L.date), 'duplicate-row', { first: source.line(twin) });
  }
  /** Checks row `i` of the source ledger, read from its columns; an object is made only for a problem's place. */
  function ledgerRowOk(ledger: Ledger, i: number): boolean {
    const dateText = ledger.dateAt[i]!;
    if (ledger.fileAt[i] !== oddFile) {
      oddFile = ledger.fileAt[i]!;
      oddOfDate.clear();
    }
    let odd = oddOfDate.get(dateText);
    if (odd === undefined) oddOfDate.set(dateText, (odd = implausible(ledger.file(i), ledger.strings[dateText]!) ?? null));
    if (odd?.warn) problems.warn(at(placeOf(ledger, i), L.date), odd.code, odd.args);
    else if (odd) {
      problems.error(at(placeOf(ledger, i), L.date), odd.code, odd.args);
      return false;
    }
    const codeText = ledger.ruleAt[i]!;
    let known = ruleOfText.get(codeText);
    if (known === undefined) {
      const rule = ruleByCode.get(ledger.strings[codeText]!);
      if (rule) {
        const scheme = schemeById.get(rule.scheme)!;
        let fits = fitting.get(scheme);
        if (!fits) fitting.set(scheme, (fits = new Array<Membership | null | undefined>(ledger.strings.length).fill(undefined)));
        known = { rule, scheme, fits };
      } else known = null;
      ruleOfText.set(codeText, known);
    }
    if (!known) {
      const code = ledger.strings[codeText]!;
      if (!ruleKnown(code)) problems.error(at(placeOf(ledger, i), L.rule), 'unknown-rule', { id: code, suggest: ruleMeant(code) });
      return false;
    }
    const { rule, scheme, fits } = known;
    const subjectText = ledger.subjectAt[i]!;
    let member = fits[subjectText];
    let ok = member !== undefined;
    if (!ok && subjectFits(placeOf(ledger, i), ledger.strings[subjectText]!, scheme, L.subject)) {
      fits[subjectText] = member = membership(personById.get(ledger.strings[subjectText]!));
      ok = true;
    }
    if (ok && member) {
      const day = dayOfText[dateText] || (dayOfText[dateText] = dayNumber(ledger.strings[dateText]!));
      if (day < member.since || day > member.until) {
        const { person } = member;
        problems.error(at(placeOf(ledger, i), L.date), 'outside-membership', { date: ledger.strings[dateText]!, id: person.id, since: person.since ?? '—', until: person.until ?? '—' });
        ok = false;
      }
    }
    const status = ledger.status(i);
    const quantity = ledger.quantity(i);
    const points = ledger.points(i);
    if (status !== '驳回' && rule.per === '分钟') {
      const minimum = rule.minimum ?? rule.block ?? DEFAULT_BLOCK_MINUTES;
      if (quantity < minimum) {
        problems.error(at(placeOf(ledger, i), L.quantity), 'below-minimum-minutes', { minutes: quantity, minimum });
        ok = false;
      }
    }
    if (rule.points === undefined) {
      if (points === undefined) {
        problems.error(at(placeOf(ledger, i), L.points), 'points-required', { rule: rule.code, min: rule.min ?? '', max: rule.max ?? '' });
        ok = false;
      } else if (points < rule.min! || points > rule.max!) {
        problems.error(at(placeOf(ledger, i), L.points), 'points-out-of-range', { points, rule: rule.code, min: rule.min!, max: rule.max! });
        ok = false;
      }
    } else if (points !== undefined && points !== rule.points) {
      problems.error(at(placeOf(ledger, i), L.points), 'points-mismatch', { points, rule: rule.code, expected: rule.points });
      ok = false;
    }
    if (status === '已核实' && !ledger.reviewer(i)) {
      problems.error(at(placeOf(ledger, i), L.reviewer), 'reviewer-required');
      ok = false;
    }
    return ok;
  }

  // Assessment sheets: score columns are exactly the scheme's assessed categories.
  const A = T.assessments.columns;
  const assessmentFirst = new Map<string, string>();
  const sheetReported = new Set<string>();
  const assessments = data.assessments.filter((row) => {
    if (!schemeOk(row, row.scheme, A.scheme)) return false;
    const scheme = schemeById.get(row.scheme)!;
    let ok = true;
    if (periodKind(row.period) !== scheme.period) {
      problems.error(at(row, A.period), 'period-kind-mismatch', { period: row.period, scheme: scheme.id, expected: PERIOD_ZH[scheme.period] });
      ok = false;
    }
    if (!subjectFits(row, row.subject, scheme, A.subject)) ok = false;
    const assessed = scheme.categories.filter((c) => c.assessed);
    const names = assessed.map((c) => c.id);
    for (const [header, column] of Object.entries(row.sheet)) {
      if (names.includes(header)) continue;
      ok = false;
      const key = `${row.file}|${header}|${scheme.id}`;
      if (sheetReported.has(key)) continue;
      sheetReported.add(key);
      problems.error({ file: row.file, line: 1, column, field: header }, 'assessment-column-unknown', { header, scheme: scheme.id, accepted: names.join('、') || '（无）' });
    }
    for (const c of assessed) {
      const column = row.sheet[c.id];
      if (column === undefined) {
        ok = false;
        const key = `${row.file}|missing|${c.id}`;
        if (!sheetReported.has(key)) {
          sheetReported.add(key);
          problems.error({ file: row.file, line: 1, field: c.id }, 'assessment-column-missing', { scheme: scheme.id, category: c.id });
        }
        continue;
      }
      const value = row.values[c.id];
      const place = { file: row.file, line: row.line, column, field: c.id };
      if (value === undefined) {
        problems.error(place, 'missing-value', { field: c.id });
        ok = false;
      } else if ((c.min !== undefined && value < c.min) || (c.max !== undefined && value > c.max)) {
        problems.error(place, 'assessment-out-of-range', { category: c.id, value, min: c.min ?? '—', max: c.max ?? '—' });
        ok = false;
      }
    }
    const key = `${row.scheme}|${row.subject}|${row.period}`;
    const first = assessmentFirst.get(key);
    if (first) {
      problems.error(at(row, A.subject), 'duplicate-assessment', { id: row.subject, period: row.period, first });
      return false;
    }
    assessmentFirst.set(key, `${row.file} 第 ${row.line} 行`);
    return ok;
  });

  // Shop items: the same id on several rows is a price history with distinct dates.
  const I = T.items.columns;
  const itemRows = new Map<string, (typeof data.items)[number][]>();
  const items = data.items.filter((row) => {
    let ok = true;
    if (row.scheme !== undefined) {
      if (!schemeOk(row, row.scheme, I.scheme)) ok = false;
      else if (!schemeById.get(row.scheme)!.redeemable) {
        problems.error(at(row, I.scheme), 'scheme-not-redeemable', { id: row.scheme });
        ok = false;
      }
    }
    const earlier = itemRows.get(row.id) ?? [];
    const same = earlier.find((e) => (e.from ?? '') === (row.from ?? ''));
    if (same) {
      problems.error(at(row, I.from), 'duplicate-item-price', { id: row.id, from: row.from ?? '（无日期）', first: `${same.file} 第 ${same.line} 行` });
      ok = false;
    }
    const named = earlier[0];
    if (named && named.name !== row.name) {
      problems.error(at(row, I.name), 'item-name-changed', { id: row.id, first: named.name, name: row.name });
      ok = false;
    }
    if (ok) itemRows.set(row.id, [...earlier, row]);
    return ok;
  });
  const itemKnown = (id: string) => itemRows.has(id) || rejected.items.has(id);
  const itemMeant = meant(itemRows.keys());
  const stock = data.stock.filter((row) => {
    if (itemKnown(row.item) && itemRows.has(row.item)) return true;
    if (!itemKnown(row.item)) problems.error(at(row, T.stock.columns.item), 'unknown-item', { id: row.item, suggest: itemMeant(row.item) });
    rejected.stockItems.add(row.item);
    return false;
  });
  const R = T.redemptions.columns;
  const redemptions = data.redemptions.filter((row) => {
    let ok = true;
    const odd = implausible(row.file, row.date);
    if (odd?.warn) problems.warn(at(row, R.date), odd.code, odd.args);
    else if (odd) {
      problems.error(at(row, R.date), odd.code, odd.args);
      ok = false;
    }
    if (!itemKnown(row.item)) {
      problems.error(at(row, R.item), 'unknown-item', { id: row.item, suggest: itemMeant(row.item) });
      ok = false;
    } else if (!itemRows.has(row.item)) ok = false;
    if (!known(row.subject)) {
      problems.error(at(row, R.subject), 'unknown-subject', { id: row.subject, suggest: subjectMeant(row.subject) });
      ok = false;
    }
    if (row.scheme !== undefined) {
      if (!schemeOk(row, row.scheme, R.scheme)) ok = false;
      else if (!schemeById.get(row.scheme)!.redeemable) {
        problems.error(at(row, R.scheme), 'scheme-not-redeemable', { id: row.scheme });
        ok = false;
      }
    }
    return ok;
  });
  const honors = data.honors.filter((row) => {
    if (known(row.subject)) return kindOf.has(row.subject);
    problems.error(at(row, T.honors.columns.subject), 'unknown-honor-subject', { id: row.subject });
    return false;
  });

  // Stories and notices.
  const news = data.news.filter((n) => {
    if (n.unit === undefined || unitKnown(n.unit)) return true;
    problems.error({ file: n.file, line: 1, field: 'unit' }, 'unknown-unit', { id: n.unit });
    return false;
  });
  const notices = data.notices.filter((n) => {
    const scheme = schemeById.get(n.scheme);
    if (!scheme) {
      if (!rejected.schemes.has(n.scheme)) problems.error({ file: n.file, line: 1, field: 'scheme' }, 'unknown-scheme', { id: n.scheme, accepted: schemeList });
      return false;
    }
    if (periodKind(n.period) !== scheme.period) {
      problems.error({ file: n.file, line: 1, field: 'period' }, 'period-kind-mismatch', { period: n.period, scheme: scheme.id, expected: PERIOD_ZH[scheme.period] });
      return false;
    }
    return true;
  });

  return {
    ...data,
    schemes: [...schemeById.values()],
    units: goodUnits,
    people: goodPeople,
    households: goodHouseholds,
    merchants: goodMerchants,
    rules,
    ledger,
    assessments,
    items,
    stock,
    redemptions,
    honors,
    news,
    notices,
  };
}
