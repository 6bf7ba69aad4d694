/**
 * Counted rows: which ledger rows score in a scheme, how many points each is worth, and
 * how much of it the rule's cap (周期上限) lets through. Scores, balances and statistics
 * all start from these rows, so a point is counted the same way everywhere.
 */
import type { Dataset } from '../schema/dataset.ts';
import type { Scheme } from '../schema/settings.ts';
import { DEFAULT_BLOCK_MINUTES, STATUSES, type LedgerRow, type Person, type Rule } from '../schema/tables.ts';
import { Ledger, widened } from '../schema/ledger-columns.ts';
import { addPoints, multiplyPoints, roundPoints } from './numbers.ts';
import { dayNumber, inDateOrder, periodBounds, periodOf } from './periods.ts';
import { once } from './once.ts';
import { memberDuring, type SubjectIndex } from './subjects.ts';

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


/**
 * Points a ledger row is worth before any cap. A fixed rule gives its points per occurrence;
 * a 分钟 rule gives them per whole block of minutes (75 minutes at 5 points per 30 is 10);
 * a discretionary rule (blank 分值) takes the row's own points.
 */
export function rowPoints(rule: Rule, row: Pick<LedgerRow, 'points' | 'quantity'>): number {
  return pointsOf(rule, row.points, row.quantity);
}

/** `rowPoints` of row `i` of the ledger, read from its columns. */
export function rowPointsAt(rule: Rule, ledger: Ledger, i: number): number {
  return pointsOf(rule, ledger.points(i), ledger.quantity(i));
}

function pointsOf(rule: Rule, points: number | undefined, quantity: number): number {
  const each = rule.points ?? points ?? 0;
  const times = rule.per === '分钟' ? Math.floor(quantity / (rule.block ?? DEFAULT_BLOCK_MINUTES)) : quantity;
  return multiplyPoints(each, times);
}

/** Rules by code, built once per dataset: the ledger refers to rules by code. */
export function rulesByCode(dataset: Dataset): Map<string, Rule> {
  return once([dataset], 'rulesByCode', () => new Map(dataset.rules.map((r) => [r.code, r])));
}

/** A row before its rule's cap is applied; `cap` is the rule's 周期上限. */

/**
 * The rows that count, found once per dataset: each verified row's rule by number (its place
 * in `dataset.rules`), and each scheme's counted positions, ascending. Every scheme and period
 * starts from these, so no later pass looks a rule up by its code again.
 */
interface CountedPositions {
  /** Scheme id → the ledger positions of its rules' verified rows, ascending. */
  positions: Map<string, Int32Array>;
  /** By ledger position: the number of the row's rule in `rules`, or -1 when the row does not count. */
  ruleNo: Int32Array;
  /** `dataset.rules`: a rule's number is its place here. */
  rules: readonly Rule[];
}

/** Each rule's number: its place in `dataset.rules` (the rule `rulesByCode` finds for its code). */
export function ruleNumbers(dataset: Dataset): Map<Rule, number> {
  return once([dataset], 'ruleNumbers', () => new Map(dataset.rules.map((r, n) => [r, n])));
}

function countedPositions(dataset: Dataset): CountedPositions {
  return once([dataset], 'countedPositions', () => {
    const byCode = rulesByCode(dataset);
    const numbers = ruleNumbers(dataset);
    const { ledger, rules } = dataset;
    // Schemes by number, and each rule's scheme.
    const schemeIds: string[] = [];
    const schemeOfRule = rules.map((r) => {
      const s = schemeIds.indexOf(r.scheme);
      return s >= 0 ? s : schemeIds.push(r.scheme) - 1;
    });
    const ruleNo = new Int32Array(ledger.length).fill(-1);
    const counts = new Int32Array(schemeIds.length);
    // A rule is looked up once per distinct code, by the code's place in the ledger's texts (-2: not yet, -1: no such rule).
    const byText = new Int32Array(ledger.strings.length).fill(-2);
    // Only verified rows count; 待审核 and 驳回 rows are on record but score nothing.
    const verified = STATUSES.indexOf('已核实');
    const { statusAt, ruleAt, strings } = ledger;
    for (let i = 0; i < ledger.length; i++) {
      if (statusAt[i] !== verified) continue;
      const code = ruleAt[i]!;
      // A row without a rule code (the reader always gives one) counts under no rule, as before.
      if (code < 0) continue;
      let r = byText[code]!;
      if (r === -2) {
        const rule = byCode.get(strings[code]!);
        byText[code] = r = rule === undefined ? -1 : numbers.get(rule)!;
      }
      if (r < 0) continue;
      ruleNo[i] = r;
      counts[schemeOfRule[r]!]!++;
    }
    const lists = Array.from(counts, (n) => new Int32Array(n));
    const filled = new Int32Array(schemeIds.length);
    for (let i = 0; i < ledger.length; i++) {
      const r = ruleNo[i]!;
      if (r < 0) continue;
      const s = schemeOfRule[r]!;
      lists[s]![filled[s]!++] = i;
    }
    return { positions: new Map(schemeIds.map((id, s) => [id, lists[s]!])), ruleNo, rules };
  });
}

/**
 * The ledger positions of the verified rows of one scheme's rules (its own, not linked
 * rewards), ascending, with the rule of each position by number (`rules[ruleNo[i]]`).
 * @example countedLedgerPositions(dataset, 'credit').positions.length // 2
 */
export function countedLedgerPositions(dataset: Dataset, schemeId: string): { positions: Int32Array; ruleNo: Int32Array; rules: readonly Rule[] } {
  const { positions, ruleNo, rules } = countedPositions(dataset);
  return { positions: positions.get(schemeId) ?? NO_POSITIONS, ruleNo, rules };
}

const NO_POSITIONS = new Int32Array(0);

/** Two ascending lists of positions as one. */
function mergePositions(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * The rows that score in one scheme, without an object per row: side-by-side lists with one
 * entry per row as it counts for one subject, grouped by period and subject. The check reads
 * a million of them through `earnedListsBySubject` (balance.ts) and needs no `CountedRow`;
 * scores and passbooks keep `CountedRowList`s of them, whose rows are made when a page reads them.
 */
export interface CountedTable {
  /** Period → subject → the group's entries, `start` up to `end` (excluded). Made on first use (the check needs none). */
  readonly groups: Map<string, Map<string, { start: number; end: number }>>;
  /** The same groups by number, for passes over all of them: see `GroupColumns`. */
  grouped: GroupColumns;
  /** Per entry, grouped, each group in date order (same day: ledger order): the ledger position. */
  position: Int32Array;
  /** The row's date, as its place in `texts` (read here without going back to the ledger row). */
  date: Int32Array;
  /** The ledger's texts. */
  texts: readonly string[];
  /** The rule it counts under, by number (`rules[ruleNo[k]]`, or `ruleOfEntry`): the row's own, or the linked rule that rewards a contact member. */
  ruleNo: Int32Array;
  /** `dataset.rules`. */
  rules: readonly Rule[];
  /** 1 when a linked household's row earns it for the contact member. */
  linked: Uint8Array;
  /** Points before the cap, and after. */
  points: Float64Array;
  counted: Float64Array;
}

/** The rule entry `k` of a table counts under. */
export function ruleOfEntry(table: CountedTable, k: number): Rule {
  return table.rules[table.ruleNo[k]!]!;
}

/**
 * A counted table's groups by number (group g: one subject's entries in one period): what a
 * pass over every group reads instead of the maps of `groups`, and in the same order.
 */
export interface GroupColumns {
  /** Each period and its group numbers, periods and groups in the order of `groups`. */
  periods: Array<{ period: string; groups: Int32Array }>;
  /** By group: its subject's number in `subjects`, and its entries `start` up to `end`. */
  subject: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** The subjects by number. */
  subjects: readonly string[];
}

/**
 * Every row that scores in the scheme, by period and subject, in ledger order: its own
 * verified rows, plus one reward per verified positive row of a linked household scheme for
 * that household's contact member. Only rows of the scheme and of its linked schemes are
 * visited, in ledger order, so same-day rows keep it. Groups are then put side by side (each
 * group's rows in date order) and the caps applied.
 */
export function countedTable(dataset: Dataset, index: SubjectIndex, scheme: Scheme): CountedTable {
  return once([dataset, index, scheme], 'countedTable', () => {
    const linkedRules = dataset.rules.filter((r) => r.scheme === scheme.id && r.linked !== undefined);
    const { positions, ruleNo, rules } = countedPositions(dataset);
    const numbers = ruleNumbers(dataset);
    const sources = new Set([scheme.id, ...linkedRules.map((r) => r.linked!)]);
    const visit = [...sources].map((id) => positions.get(id) ?? NO_POSITIONS).reduce(mergePositions);
    // By rule number: whether the rule is the scheme's own, and the linked rules its positive rows reward (none: undefined).
    const own = Uint8Array.from(rules, (r) => (r.scheme === scheme.id ? 1 : 0));
    const rewards = rules.map((r) => {
      const found = linkedRules.filter((l) => l.linked === r.scheme);
      return found.length > 0 ? found : undefined;
    });
    const { ledger } = dataset;
    // A subject is a small number here (its first appearance): a million rows look their
    // subject up by the number of its text in the ledger, not by hashing the text. A contact
    // member rewarded through a linked rule may have no row of their own: by name.
    const subjects: string[] = [];
    const subjectOfText = new Int32Array(ledger.strings.length).fill(-1);
    const subjectOfName = new Map<string, number>();
    const subjectNamed = (name: string): number => {
      let s = subjectOfName.get(name);
      if (s === undefined) subjectOfName.set(name, (s = subjects.push(name) - 1));
      return s;
    };
    const subjectAt = (i: number): number => {
      const t = ledger.subjectAt[i]!;
      let s = subjectOfText[t]!;
      if (s < 0) subjectOfText[t] = s = subjectNamed(ledger.strings[t]!);
      return s;
    };
    // A household's contact member (rewarded by a linked rule), by the household's text in the ledger: looked up once per household.
    const contactOf = new Array<{ name: string; subject: number } | null | undefined>(linkedRules.length > 0 ? ledger.strings.length : 0).fill(undefined);
    // Room for the scheme's own rows; a linked rule's rewards (a few of the linked scheme's rows) grow it.
    const entries = new EntryColumns((positions.get(scheme.id)?.length ?? 0) + 1024);
    // Each group (one subject's rows of one period): its period, subject, size, latest day so far, and whether a row came before it.
    const groupPeriod: PeriodRows[] = [];
    const groupSubject: number[] = [];
    const groupSizes: number[] = [];
    const groupLast: number[] = [];
    const groupUnsorted: boolean[] = [];
    const slotOf = dateSlots(index, scheme);
    const add = (slot: DateSlot, subject: number, i: number, rule: number, linked: number, points: number) => {
      const rows = slot.rows;
      if (!rows.eligible(subject, subjects)) return;
      let group = rows.groupOf(subject);
      if (group < 0) {
        rows.setGroup(subject, (group = groupSizes.length));
        groupPeriod.push(rows);
        groupSubject.push(subject);
        groupSizes.push(0);
        groupLast.push(slot.day);
        groupUnsorted.push(false);
      } else if (slot.day < groupLast[group]!) groupUnsorted[group] = true;
      else groupLast[group] = slot.day;
      groupSizes[group]!++;
      entries.push(i, ledger.dateAt[i]!, rule, linked, points, group);
    };
    let slot: DateSlot | undefined;
    let slotDate = -1;
    for (let v = 0; v < visit.length; v++) {
      const i = visit[v]!;
      const r = ruleNo[i]!;
      const rule = rules[r]!;
      // Rows of one day follow each other in a ledger kept in date order.
      if (slotDate !== ledger.dateAt[i]) [slot, slotDate] = [slotOf(ledger.date(i)), ledger.dateAt[i]!];
      const points = rowPointsAt(rule, ledger, i);
      if (own[r] === 1) add(slot!, subjectAt(i), i, r, 0, points);
      const rewarded = rewards[r];
      if (rewarded === undefined || points <= 0) continue;
      for (const linked of rewarded) {
        const t = ledger.subjectAt[i]!;
        let contact = contactOf[t];
        if (contact === undefined) {
          const member = index.household(ledger.strings[t]!)?.contact;
          contactOf[t] = contact = member === undefined ? null : { name: member, subject: subjectNamed(member) };
        }
        if (contact === null || !index.isMemberOn(contact.name, slot!.date)) continue;
        add(slot!, contact.subject, i, numbers.get(linked)!, 1, linked.points ?? 0);
      }
    }
    // Each group's entries side by side, in the order they came (a stable counting sort).
    const groupCount = groupSizes.length;
    const start = new Int32Array(groupCount);
    const end = new Int32Array(groupCount);
    for (let g = 0, at = 0; g < groupCount; g++) {
      start[g] = at;
      end[g] = at += groupSizes[g]!;
    }
    const next = start.slice();
    const n = entries.length;
    // Periods in the order their first row came, and in each its subjects in the order theirs did.
    const periodGroups = new Map<string, number[]>();
    for (let g = 0; g < groupCount; g++) {
      const period = groupPeriod[g]!.period;
      let list = periodGroups.get(period);
      if (!list) periodGroups.set(period, (list = []));
      list.push(g);
    }
    const grouped: GroupColumns = {
      periods: Array.from(periodGroups, ([period, list]) => ({ period, groups: Int32Array.from(list) })),
      subject: Int32Array.from(groupSubject),
      start,
      end,
      subjects,
    };
    let groups: CountedTable['groups'] | undefined;
    const table: CountedTable = {
      get groups() {
        return (groups ??= groupMaps(grouped));
      },
      grouped,
      position: new Int32Array(n),
      date: new Int32Array(n),
      texts: ledger.strings,
      ruleNo: new Int32Array(n),
      rules,
      linked: new Uint8Array(n),
      points: new Float64Array(n),
      counted: new Float64Array(n),
    };
    for (let e = 0; e < n; e++) {
      const k = next[entries.group[e]!]!++;
      table.position[k] = entries.position[e]!;
      table.date[k] = entries.date[e]!;
      table.ruleNo[k] = entries.rule[e]!;
      table.linked[k] = entries.linked[e]!;
      table.points[k] = entries.points[e]!;
    }
    // Each group in date order, then its caps.
    const caps = new Caps(dataset);
    for (let g = 0; g < groupCount; g++) {
      if (groupUnsorted[g]) inDateOrderAt(table, start[g]!, end[g]!);
      caps.apply(table, g, start[g]!, end[g]!);
    }
    return table;
  });
}

/** A table's groups as maps: period → subject → its entries. */
function groupMaps({ periods, subject, start, end, subjects }: GroupColumns): CountedTable['groups'] {
  const out: CountedTable['groups'] = new Map();
  for (const { period, groups } of periods) {
    const ranges = new Map<string, { start: number; end: number }>();
    for (const g of groups) ranges.set(subjects[subject[g]!]!, { start: start[g]!, end: end[g]! });
    out.set(period, ranges);
  }
  return out;
}

/** The entries of a counted table as they come, before they are grouped: typed columns that grow. */
class EntryColumns {
  length = 0;
  position: Int32Array;
  /** The date's place in the ledger's texts. */
  date: Int32Array;
  /** The rule's number (`ruleNumbers`). */
  rule: Int32Array;
  linked: Uint8Array;
  points: Float64Array;
  group: Int32Array;

  constructor(capacity: number) {
    const n = Math.max(capacity, 16);
    this.position = new Int32Array(n);
    this.date = new Int32Array(n);
    this.rule = new Int32Array(n);
    this.linked = new Uint8Array(n);
    this.points = new Float64Array(n);
    this.group = new Int32Array(n);
  }

  push(position: number, date: number, rule: number, linked: number, points: number, group: number): void {
    if (this.length === this.position.length) this.#grow();
    const e = this.length++;
    this.position[e] = position;
    this.date[e] = date;
    this.rule[e] = rule;
    this.linked[e] = linked;
    this.points[e] = points;
    this.group[e] = group;
  }

  #grow(): void {
    const n = this.position.length * 2;
    this.position = widened(this.position, n);
    this.date = widened(this.date, n);
    this.rule = widened(this.rule, n);
    this.linked = widened(this.linked, n);
    this.points = widened(this.points, n);
    this.group = widened(this.group, n);
  }
}

/** Sorts the entries from `start` to `end` by date, stably. */
function inDateOrderAt(table: CountedTable, start: number, end: number): void {
  const order = inDateOrder(Array.from({ length: end - start }, (_, j) => ({ date: table.texts[table.date[start + j]!]!, at: table.date[start + j]!, k: start + j })));
  const position = order.map((o) => table.position[o.k]!);
  const ruleNo = order.map((o) => table.ruleNo[o.k]!);
  const linked = order.map((o) => table.linked[o.k]!);
  const points = order.map((o) => table.points[o.k]!);
  for (let j = 0; j < order.length; j++) {
    table.position[start + j] = position[j]!;
    table.date[start + j] = order[j]!.at;
    table.ruleNo[start + j] = ruleNo[j]!;
    table.linked[start + j] = linked[j]!;
    table.points[start + j] = points[j]!;
  }
}

/**
 * Caps on a group's entries (one subject's rows of one period, in date order): a rule's cap
 * is the most points (up or down) it gives in the period, so with a cap of 4 the third 2-point
 * row earns nothing, and a row that crosses the cap is cut to what is left. What each rule has
 * used is kept by rule number, and counts for the group that last wrote it.
 */
class Caps {
  /** By rule number: the cap of the rule its code names (NaN: none). */
  readonly #cap: Float64Array;
  readonly #used: Float64Array;
  /** By rule number: the group (+ 1) whose use `#used` holds. */
  readonly #usedBy: Int32Array;

  constructor(dataset: Dataset) {
    const byCode = rulesByCode(dataset);
    this.#cap = Float64Array.from(dataset.rules, (r) => byCode.get(r.code)!.cap ?? NaN);
    this.#used = new Float64Array(dataset.rules.length);
    this.#usedBy = new Int32Array(dataset.rules.length);
  }

  apply(table: CountedTable, group: number, start: number, end: number): void {
    const cap = this.#cap;
    const used = this.#used;
    const usedBy = this.#usedBy;
    for (let k = start; k < end; k++) {
      const r = table.ruleNo[k]!;
      const points = table.points[k]!;
      const limit = cap[r]!;
      if (Number.isNaN(limit)) {
        table.counted[k] = points;
        continue;
      }
      const before = usedBy[r] === group + 1 ? used[r]! : 0;
      const counted = capped(points, limit, before);
      used[r] = addPoints(before, Math.abs(counted));
      usedBy[r] = group + 1;
      table.counted[k] = roundPoints(counted);
    }
  }
}

/**
 * By rule number (`ruleNumbers`): the place in the scheme's categories of the ledger category
 * the rule's rows count in (all but the assessed ones: their score is the sheet's), or -1.
 * Worked out once per scheme and rules, so no row looks its category up by name: scores,
 * breakdowns and balances read it.
 */
export function categorySlots(scheme: Scheme, rules: readonly Rule[]): Int32Array {
  return once([scheme, rules], 'categorySlots', () => {
    const listed = new Map<string, number>();
    scheme.categories.forEach((c, i) => {
      if (!c.assessed && !listed.has(c.id)) listed.set(c.id, i);
    });
    return Int32Array.from(rules, (r) => listed.get(r.category) ?? -1);
  });
}

/** The row of entry `k` as it counts: the object scores, breakdowns and passbooks show. */
function countedRowAt(table: CountedTable, ledger: Ledger, subject: string, k: number): CountedRow {
  // Read from the ledger's columns: no row object made on the way (a street's pages read 1.4 million rows).
  const i = table.position[k]!;
  const rule = ruleOfEntry(table, k);
  const points = table.points[k]!;
  const counted = table.counted[k]!;
  const cut = counted === points ? 0 : roundPoints(points - counted);
  if (table.linked[k] === 0) {
    // Built whole, in one literal: one object per row, and every own row shares one shape.
    return {
      file: ledger.file(i), line: ledger.lineAt[i]!, date: ledger.date(i), rule: rule.code, title: rule.title, category: rule.category,
      quantity: ledger.quantity(i), reviewer: ledger.reviewer(i), note: ledger.note(i), activity: ledger.activity(i), veto: rule.veto,
      subject, points, counted, cut,
    };
  }
  const file = ledger.file(i);
  const line = ledger.lineAt[i]!;
  return {
    file, line, date: ledger.date(i), rule: rule.code, title: rule.title, category: rule.category,
    quantity: 1, reviewer: ledger.reviewer(i), note: ledger.note(i), activity: ledger.activity(i), veto: rule.veto,
    subject, points, linkedFrom: { household: ledger.subject(i), file, line }, counted, cut,
  };
}

/**
 * Where a scheme's counted rows come from: its `CountedTable` and the ledger the table's
 * positions point into. Scores, breakdowns and balances keep this, not a row object per row.
 */
export interface CountedSource {
  table: CountedTable;
  ledger: Ledger;
}

/** The source of a scheme's counted rows, one per dataset and scheme. */
export function countedSource(dataset: Dataset, index: SubjectIndex, scheme: Scheme): CountedSource {
  return once([dataset, index, scheme], 'countedSource', () => ({ table: countedTable(dataset, index, scheme), ledger: dataset.ledger }));
}

/** The row of entry `k` of `source`, as it counts for `subject`. */
export function countedRowOf(source: CountedSource, subject: string, k: number): CountedRow {
  return countedRowAt(source.table, source.ledger, subject, k);
}

/**
 * Some of a subject's counted rows without an object per row: the entries `start` to `end` of a
 * `CountedTable` (one subject's rows of one period, in date order), those of one category when
 * it is given. A street's board holds 1.4 million of these rows; as objects they were 284 MB
 * held for the whole build. The objects are made when the list is read, for the page being
 * written, and not kept. Its JSON (what a page's cache key hashes) is its length and a
 * fingerprint of every row's content and count, not the rows.
 */
export class CountedRowList implements Iterable<CountedRow> {
  readonly #source: CountedSource;
  readonly #subject: string;
  readonly #start: number;
  readonly #end: number;
  readonly #category: string | undefined;
  readonly length: number;

  constructor(source: CountedSource, subject: string, start: number, end: number, category?: string) {
    this.#source = source;
    this.#subject = subject;
    this.#start = start;
    this.#end = end;
    this.#category = category;
    let n = 0;
    if (category === undefined) n = end - start;
    else for (let k = start; k < end; k++) if (ruleOfEntry(source.table, k).category === category) n++;
    this.length = n;
  }

  /** The table's entries in the list, in order. */
  *entries(): Generator<number> {
    const table = this.#source.table;
    for (let k = this.#start; k < this.#end; k++) if (this.#category === undefined || ruleOfEntry(table, k).category === this.#category) yield k;
  }

  *[Symbol.iterator](): Generator<CountedRow> {
    for (const k of this.entries()) yield countedRowOf(this.#source, this.#subject, k);
  }

  /** The rows as objects, made now. */
  toArray(): CountedRow[] {
    // A loop, not the generators: a page reads its rows this way, a street's pages 1.4 million of them.
    const out: CountedRow[] = [];
    const table = this.#source.table;
    for (let k = this.#start; k < this.#end; k++) if (this.#category === undefined || ruleOfEntry(table, k).category === this.#category) out.push(countedRowOf(this.#source, this.#subject, k));
    return out;
  }

  /** The sum of the counted points (after the caps). */
  sum(): number {
    let total = 0;
    for (const k of this.entries()) total = addPoints(total, this.#source.table.counted[k]!);
    return total;
  }

  /** What a cache key needs: every row's content and count, as a fingerprint (`addEntry`). */
  toJSON(): { rows: number; fingerprint: [number, number] | null } {
    if (this.length === 0) return { rows: 0, fingerprint: null };
    const f = new Fingerprint().word(this.length);
    const table = this.#source.table;
    const words = entryFingerprints(this.#source);
    for (let k = this.#start; k < this.#end; k++) if (this.#category === undefined || ruleOfEntry(table, k).category === this.#category) addEntry(f, words, k);
    return { rows: this.length, fingerprint: f.lanes() };
  }
}

/** No rows: an assessed category's, or a subject's with nothing counted. */
export const EMPTY_ROWS = new CountedRowList(
  { table: { groups: new Map(), grouped: { periods: [], subject: new Int32Array(0), start: new Int32Array(0), end: new Int32Array(0), subjects: [] }, position: new Int32Array(0), date: new Int32Array(0), texts: [], ruleNo: new Int32Array(0), rules: [], linked: new Uint8Array(0), points: new Float64Array(0), counted: new Float64Array(0) }, ledger: Ledger.from([]) },
  '',
  0,
  0,
);

/**
 * A 64-bit fingerprint of a list of numbers, in two 32-bit lanes mixed differently: cheap
 * enough to run over every counted row of a street at each build (a page's cache key is the
 * SHA-256 of its props, and the props carry these in place of the rows).
 */
export class Fingerprint {
  #a = 0x811c9dc5;
  #b = 0x9747b28c;

  /** Adds a 32-bit integer. */
  word(w: number): this {
    this.#a = Math.imul(this.#a ^ w, 0x01000193);
    let b = Math.imul(this.#b ^ w, 0x5bd1e995);
    b ^= b >>> 13;
    this.#b = Math.imul(b, 0xc2b2ae35);
    return this;
  }

  /** Adds a number, by its 64 bits. */
  number(x: number): this {
    FLOAT[0] = x + 0; // -0 as 0, as JSON writes it
    return this.word(WORDS[0]!).word(WORDS[1]!);
  }

  /** Adds a string, character by character, then its length (so "ab","c" differs from "a","bc"). */
  text(s: string | undefined): this {
    if (s === undefined) return this.word(-1);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
    return this.word(s.length);
  }

  /** The two lanes as they stand: what a page key holds (JSON writes two numbers faster than it would a hex string made for it). */
  lanes(): [number, number] {
    return [this.#a, this.#b];
  }

  /** Back to the start, for the next list. */
  reset(): this {
    this.#a = 0x811c9dc5;
    this.#b = 0x9747b28c;
    return this;
  }

}

const FLOAT = new Float64Array(1);
const WORDS = new Int32Array(FLOAT.buffer);

/**
 * Each ledger row's content as two 32-bit words (a `Fingerprint` of every column), made once
 * per ledger on first use: a row edited in place changes the keys of the pages that show it.
 */
function rowFingerprints(ledger: Ledger): Int32Array {
  return once([ledger], 'rowFingerprints', () => {
    const out = new Int32Array(ledger.length * 2);
    const f = new Fingerprint();
    // A street's million rows share a few thousand dates, activities, reviewers and files:
    // each of the ledger's texts is hashed once, and a row mixes in its text's two words.
    const lanes = new Int32Array(ledger.strings.length * 2);
    const hashed = new Uint8Array(ledger.strings.length);
    const text = (at: number) => {
      if (at < 0) return f.word(-1);
      if (!hashed[at]) {
        const [a, b] = new Fingerprint().text(ledger.strings[at]).lanes();
        lanes[2 * at] = a;
        lanes[2 * at + 1] = b;
        hashed[at] = 1;
      }
      return f.word(lanes[2 * at]!).word(lanes[2 * at + 1]!);
    };
    const statusLanes = STATUSES.map((s) => new Fingerprint().text(s).lanes());
    for (let i = 0; i < ledger.length; i++) {
      f.reset();
      text(ledger.fileAt[i]!);
      f.number(ledger.lineAt[i]!);
      text(ledger.dateAt[i]!);
      text(ledger.subjectAt[i]!);
      text(ledger.ruleAt[i]!);
      f.number(ledger.pointsAt[i]!).number(ledger.quantityAt[i]!);
      text(ledger.activityAt[i]!);
      text(ledger.noteAt[i]!);
      text(ledger.reviewerAt[i]!);
      const [sa, sb] = statusLanes[ledger.statusAt[i]!]!;
      f.word(sa).word(sb);
      const [a, b] = f.lanes();
      out[2 * i] = a;
      out[2 * i + 1] = b;
    }
    return out;
  });
}

/**
 * Adds entry `k` of `source` to a fingerprint: its row's content, its rule, whether it is
 * linked, its points before and after the cap. `words` is `entryFingerprints(source)`.
 */
export function addEntry(f: Fingerprint, words: Int32Array, k: number): void {
  f.word(words[2 * k]!).word(words[2 * k + 1]!);
}

/**
 * Each entry of `source`'s table as two 32-bit words (its row's content, its rule, whether it
 * is linked, its points before and after the cap), made once per table on first use: every
 * page key that covers an entry (a breakdown, a category's rows, a balance line) mixes in two
 * words, not the row's and the rule's again.
 */
export function entryFingerprints(source: CountedSource): Int32Array {
  return once([source.table, source.ledger], 'entryFingerprints', () => {
    const { table } = source;
    const rows = rowFingerprints(source.ledger);
    const n = table.position.length;
    const out = new Int32Array(n * 2);
    const f = new Fingerprint();
    // A table's entries name a few dozen rules: each code is hashed once.
    const ruleLanes = new Map<Rule, [number, number]>();
    for (let k = 0; k < n; k++) {
      const rule = ruleOfEntry(table, k);
      let lanes = ruleLanes.get(rule);
      if (!lanes) ruleLanes.set(rule, (lanes = new Fingerprint().text(rule.code).lanes()));
      const p = table.position[k]!;
      f.reset().word(rows[2 * p]!).word(rows[2 * p + 1]!).word(lanes[0]).word(lanes[1]).word(table.linked[k]!).number(table.points[k]!).number(table.counted[k]!);
      const [a, b] = f.lanes();
      out[2 * k] = a;
      out[2 * k + 1] = b;
    }
    return out;
  });
}

/** What a date means to a scheme: its period, and that period's subjects and groups. */
interface DateSlot {
  date: string;
  /** The date as a number (2022-03-01 → 20220301), compared as the text would be. */
  day: number;
  rows: PeriodRows;
}

/** A period of a scheme: who takes part in it, and each subject's group of rows in it (by the subject's number). */
class PeriodRows {
  readonly period: string;
  /** Whether a subject (by number and name) takes part in the period: asked once per subject. */
  readonly #takesPart: (subject: number, name: string) => boolean;
  /** By subject number: its group's number + 1 (0: none yet). Typed arrays: a district's 120,000 subjects come in any order, which a plain array would hold as a dictionary. */
  #groups = new Int32Array(1024);
  /** By subject number: 1 takes part, 2 does not, 0 not yet asked. */
  #eligible = new Uint8Array(1024);

  constructor(period: string, takesPart: (subject: number, name: string) => boolean) {
    this.period = period;
    this.#takesPart = takesPart;
  }

  /** Room for subject numbers up to `subject`. */
  #reach(subject: number): void {
    if (subject < this.#groups.length) return;
    let n = this.#groups.length;
    while (n <= subject) n *= 2;
    this.#groups = widened(this.#groups, n);
    this.#eligible = widened(this.#eligible, n);
  }

  eligible(subject: number, names: readonly string[]): boolean {
    this.#reach(subject);
    let e = this.#eligible[subject]!;
    if (e === 0) this.#eligible[subject] = e = this.#takesPart(subject, names[subject]!) ? 1 : 2;
    return e === 1;
  }

  /** The subject's group in this period (asked after `eligible`), or -1. */
  groupOf(subject: number): number {
    return this.#groups[subject]! - 1;
  }

  setGroup(subject: number, group: number): void {
    this.#groups[subject] = group + 1;
  }
}

/**
 * `index.isEligible` for one scheme, by subject number: whether a subject fits the scheme (its
 * kind, role, unit type) and who they are is asked once per subject, not once per period (a
 * district's households are asked about in each of twelve months); a period then only compares
 * a person's membership with its first and last day.
 */
class SubjectFits {
  readonly #index: SubjectIndex;
  readonly #scheme: Scheme;
  /** By subject number: 1 fits, 2 does not, 0 not yet asked. */
  #fits = new Uint8Array(1024);
  /** By subject number: the person (null: not a person), once asked. */
  readonly #person: Array<Person | null> = [];

  constructor(index: SubjectIndex, scheme: Scheme) {
    this.#index = index;
    this.#scheme = scheme;
  }

  /** Whether a subject takes part in `period`: `index.isEligible(scheme, name, period)`. */
  inPeriod(period: string): (subject: number, name: string) => boolean {
    const { start, end } = periodBounds(period);
    return (subject, name) => {
      if (subject >= this.#fits.length) {
        let n = this.#fits.length;
        while (n <= subject) n *= 2;
        this.#fits = widened(this.#fits, n);
      }
      let f = this.#fits[subject]!;
      if (f === 0) {
        this.#fits[subject] = f = this.#index.fitsScheme(this.#scheme, name) ? 1 : 2;
        this.#person[subject] = this.#index.person(name) ?? null;
      }
      if (f === 2) return false;
      const person = this.#person[subject];
      return !person || memberDuring(person, start, end);
    };
  }
}

/**
 * The slot of each date, made on first use: every row asks what its date's period is and who
 * takes part then, and a year has only 365 dates.
 */
function dateSlots(index: SubjectIndex, scheme: Scheme): (date: string) => DateSlot {
  const periods = new Map<string, PeriodRows>();
  const slots = new Map<string, DateSlot>();
  const fits = new SubjectFits(index, scheme);
  return (date) => {
    let slot = slots.get(date);
    if (slot) return slot;
    const period = periodOf(date, scheme.period);
    let rows = periods.get(period);
    // Asked of the subjects met, not listed for all (`eligibleSubjects` is those of all ids that are).
    if (!rows) periods.set(period, (rows = new PeriodRows(period, fits.inPeriod(period))));
    slots.set(date, (slot = { date, day: dayNumber(date), rows }));
    return slot;
  };
}

/**
 * What a row of `points` counts when `used` of its rule's cap is already taken (both as
 * magnitudes): the rest of the cap at most, and nothing once it is spent.
 */
function capped(points: number, cap: number, used: number): number {
  const room = Math.max(0, roundPoints(Math.abs(cap) - used));
  return Math.sign(points) * Math.min(Math.abs(points), room);
}
