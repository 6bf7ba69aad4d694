/**
 * The ledger as columns, not an object per row. A street's ledger is a million rows and a
 * district's ten million; as objects (11 fields, 120 bytes each in this Node) they were the
 * largest thing the build held, and the collector walked them at every full collection. Here a
 * text cell is a position in one list of the ledger's distinct texts, a number is a slot of a
 * Float64Array, the status a byte: about 50 bytes a row, in a few typed arrays the collector
 * does not walk. A row object is made when something asks for one (`row(i)`): an error's
 * location, a page's breakdown line.
 */
import { STATUSES, type LedgerRow } from './tables.ts';

/** `a` copied into an array of its kind `length` long (the rest zero): a column grown. */
export function widened<A extends Int32Array | Uint32Array | Float64Array | Uint8Array>(a: A, length: number): A {
  const out = new (a.constructor as new (n: number) => A)(length);
  out.set(a);
  return out;
}

/** A text column's mark for a blank cell. */
const NONE = -1;

type Status = LedgerRow['status'];
const STATUS_INDEX = new Map<string, number>(STATUSES.map((s, i) => [s, i]));

/** The columns of the ledger table, in the table's order (src/schema/tables.ts). */
const LEDGER_KEYS = ['date', 'subject', 'rule', 'points', 'quantity', 'activity', 'note', 'reviewer', 'status'] as const;

export class Ledger {
  readonly length: number;
  /** Every distinct text of the ledger, once; a text column holds positions in it. */
  readonly strings: readonly string[];
  readonly fileAt: Int32Array;
  readonly lineAt: Int32Array;
  readonly dateAt: Int32Array;
  readonly subjectAt: Int32Array;
  readonly ruleAt: Int32Array;
  readonly activityAt: Int32Array;
  readonly noteAt: Int32Array;
  readonly reviewerAt: Int32Array;
  /** NaN for a blank cell. */
  readonly pointsAt: Float64Array;
  readonly quantityAt: Float64Array;
  /** The position of the status in `STATUSES`. */
  readonly statusAt: Uint8Array;

  constructor(length: number, strings: readonly string[], columns: Columns) {
    this.length = length;
    this.strings = strings;
    this.fileAt = columns.fileAt;
    this.lineAt = columns.lineAt;
    this.dateAt = columns.dateAt;
    this.subjectAt = columns.subjectAt;
    this.ruleAt = columns.ruleAt;
    this.activityAt = columns.activityAt;
    this.noteAt = columns.noteAt;
    this.reviewerAt = columns.reviewerAt;
    this.pointsAt = columns.pointsAt;
    this.quantityAt = columns.quantityAt;
    this.statusAt = columns.statusAt;
  }

  file(i: number): string {
    return this.strings[this.fileAt[i]!]!;
  }
  line(i: number): number {
    return this.lineAt[i]!;
  }
  date(i: number): string {
    return this.strings[this.dateAt[i]!]!;
  }
  subject(i: number): string {
    return this.strings[this.subjectAt[i]!]!;
  }
  rule(i: number): string {
    return this.strings[this.ruleAt[i]!]!;
  }
  points(i: number): number | undefined {
    const p = this.pointsAt[i]!;
    return p === p ? p : undefined;
  }
  /** Always a number for a row the reader made (the column falls back to 1); NaN (a test's row without one) comes back undefined, as it went in. */
  quantity(i: number): number {
    const q = this.quantityAt[i]!;
    return (q === q ? q : undefined) as number;
  }
  activity(i: number): string | undefined {
    return this.#text(this.activityAt[i]!);
  }
  note(i: number): string | undefined {
    return this.#text(this.noteAt[i]!);
  }
  reviewer(i: number): string | undefined {
    return this.#text(this.reviewerAt[i]!);
  }
  status(i: number): Status {
    return STATUSES[this.statusAt[i]!]!;
  }

  #text(at: number): string | undefined {
    return at === NONE ? undefined : this.strings[at];
  }

  /** Row `i` as the object the reader made for it: the same fields, in the same order. */
  row(i: number): LedgerRow {
    return {
      file: this.file(i), line: this.lineAt[i]!, date: this.date(i), subject: this.subject(i), rule: this.rule(i),
      points: this.points(i), quantity: this.quantity(i), activity: this.activity(i), note: this.note(i),
      reviewer: this.reviewer(i), status: this.status(i),
    };
  }

  /** The rows as objects, made now (tests, and small ledgers). */
  rows(): LedgerRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }

  /** The rows whose `keep` is 1, in order, sharing this ledger's texts. */
  keep(keep: Uint8Array): Ledger {
    let n = 0;
    for (let i = 0; i < this.length; i++) n += keep[i]!;
    if (n === this.length) return this;
    const pick = <A extends Int32Array | Float64Array | Uint8Array>(from: A): A => {
      const out = new (from.constructor as new (n: number) => A)(n);
      for (let i = 0, k = 0; i < this.length; i++) if (keep[i]) out[k++] = from[i]!;
      return out;
    };
    return new Ledger(n, this.strings, mapColumns(this, pick));
  }

  /** The latest date of any row ('' for none). */
  latestDate(): string {
    let latest = -1;
    let at = '';
    for (let i = 0; i < this.length; i++) {
      const d = this.dateAt[i]!;
      if (d === latest) continue;
      const s = this.strings[d]!;
      if (s > at) [at, latest] = [s, d];
    }
    return at;
  }

  /** A ledger of these rows (tests, fixtures). */
  static from(rows: Iterable<LedgerRow>): Ledger {
    const b = new LedgerBuilder();
    for (const r of rows) b.add(r);
    return b.done();
  }
}

/** A ledger's columns by name. */
type Columns = Omit<Ledger, 'length' | 'strings' | LedgerMethods>;

const EMPTY_COLUMNS: Columns = {
  fileAt: new Int32Array(0), lineAt: new Int32Array(0), dateAt: new Int32Array(0), subjectAt: new Int32Array(0),
  ruleAt: new Int32Array(0), activityAt: new Int32Array(0), noteAt: new Int32Array(0), reviewerAt: new Int32Array(0),
  pointsAt: new Float64Array(0), quantityAt: new Float64Array(0), statusAt: new Uint8Array(0),
};

const COLUMN_NAMES = Object.keys(EMPTY_COLUMNS) as (keyof Columns)[];

/** `f` applied to every column of `c`, each keeping its kind of array. */
function mapColumns(c: Columns, f: <A extends Int32Array | Float64Array | Uint8Array>(a: A) => A): Columns {
  return Object.fromEntries(COLUMN_NAMES.map((k) => [k, f(c[k] as Int32Array)])) as unknown as Columns;
}

type LedgerMethods = 'file' | 'line' | 'date' | 'subject' | 'rule' | 'points' | 'quantity' | 'activity' | 'note' | 'reviewer' | 'status' | 'row' | 'rows' | 'keep' | 'latestDate';

/** One file's rows as columns (`RowEncoder` of src/data/split-read.ts): a worker's, or this thread's share of the ledger. */
export interface EncodedRows {
  lines: Int32Array;
  /** Per row and column: ≥ 0 a string of `strings`, `NUMBER` a number in `numbers`, `NONE` undefined. */
  refs: Int32Array;
  numbers: Float64Array;
  strings: string[];
}
/** `EncodedRows.refs`: the cell is blank. */
export const ENCODED_NONE = -1;
/** `EncodedRows.refs`: the cell is a number, in `numbers` at the same place. */
export const ENCODED_NUMBER = -2;

/** A ledger made file by file, in file order: rows read here, or the worker's columns. */
export class LedgerBuilder {
  #n = 0;
  #strings: string[] = [];
  #index = new Map<string, number>();
  #file!: Int32Array;
  #line!: Int32Array;
  #date!: Int32Array;
  #subject!: Int32Array;
  #rule!: Int32Array;
  #activity!: Int32Array;
  #note!: Int32Array;
  #reviewer!: Int32Array;
  #points!: Float64Array;
  #quantity!: Float64Array;
  #status!: Uint8Array;

  /** `rows`: how many rows are coming, when known (the columns are made that long at once). */
  constructor(rows = 1024) {
    const n = Math.max(rows, 1);
    this.#setColumns(mapColumns(EMPTY_COLUMNS, (a) => new (a.constructor as new (n: number) => typeof a)(n)));
  }

  #columns(): Columns {
    return {
      fileAt: this.#file, lineAt: this.#line, dateAt: this.#date, subjectAt: this.#subject, ruleAt: this.#rule,
      activityAt: this.#activity, noteAt: this.#note, reviewerAt: this.#reviewer, pointsAt: this.#points,
      quantityAt: this.#quantity, statusAt: this.#status,
    };
  }

  #setColumns(c: Columns): void {
    this.#file = c.fileAt;
    this.#line = c.lineAt;
    this.#date = c.dateAt;
    this.#subject = c.subjectAt;
    this.#rule = c.ruleAt;
    this.#activity = c.activityAt;
    this.#note = c.noteAt;
    this.#reviewer = c.reviewerAt;
    this.#points = c.pointsAt;
    this.#quantity = c.quantityAt;
    this.#status = c.statusAt;
  }

  #intern(s: string): number {
    let at = this.#index.get(s);
    if (at === undefined) {
      this.#index.set(s, (at = this.#strings.length));
      this.#strings.push(s);
    }
    return at;
  }

  #text(s: string | undefined): number {
    return s === undefined ? NONE : this.#intern(s);
  }

  #statusOf(s: string | undefined): number {
    const at = STATUS_INDEX.get(s as string);
    if (at === undefined) throw new Error(`a ledger row's status is ${String(s)}, not one of ${STATUSES.join('、')}`);
    return at;
  }

  /** Room for `more` rows. */
  #grow(more: number): void {
    const need = this.#n + more;
    if (need <= this.#file.length) return;
    let size = this.#file.length;
    while (size < need) size *= 2;
    this.#setColumns(mapColumns(this.#columns(), (a) => widened(a, size)));
  }

  /** Adds a row object (as the reader makes it). */
  add(row: LedgerRow): void {
    this.#grow(1);
    const i = this.#n++;
    this.#file[i] = this.#intern(row.file);
    this.#line[i] = row.line;
    this.#date[i] = this.#intern(row.date);
    this.#subject[i] = this.#intern(row.subject);
    this.#rule[i] = this.#intern(row.rule);
    this.#points[i] = row.points ?? NaN;
    this.#quantity[i] = row.quantity ?? NaN;
    this.#activity[i] = this.#text(row.activity);
    this.#note[i] = this.#text(row.note);
    this.#reviewer[i] = this.#text(row.reviewer);
    this.#status[i] = this.#statusOf(row.status);
  }

  /**
   * Adds one file's rows as the worker encoded them, `keys` being the order of its columns,
   * without making their objects.
   */
  addEncoded(file: string, keys: readonly string[], part: EncodedRows): void {
    const rows = part.lines.length;
    const width = keys.length;
    this.#grow(rows);
    // The part's strings as positions in this ledger's, each looked up once.
    const local = new Int32Array(part.strings.length).fill(-2);
    const text = (ref: number): number => {
      if (ref === ENCODED_NONE) return NONE;
      let at = local[ref]!;
      if (at === -2) local[ref] = at = this.#intern(part.strings[ref]!);
      return at;
    };
    const number = (at: number): number => (part.refs[at] === ENCODED_NUMBER ? part.numbers[at]! : NaN);
    const column = (key: string): number => {
      const c = keys.indexOf(key);
      if (c < 0) throw new Error(`the worker's columns lack ${key}`);
      return c;
    };
    const [cDate, cSubject, cRule, cPoints, cQuantity, cActivity, cNote, cReviewer, cStatus] = LEDGER_KEYS.map(column) as number[];
    const fileAt = this.#intern(file);
    const statusOf = new Map<number, number>();
    for (let r = 0; r < rows; r++) {
      const i = this.#n++;
      const base = r * width;
      this.#file[i] = fileAt;
      this.#line[i] = part.lines[r]!;
      this.#date[i] = text(part.refs[base + cDate!]!);
      this.#subject[i] = text(part.refs[base + cSubject!]!);
      this.#rule[i] = text(part.refs[base + cRule!]!);
      this.#points[i] = number(base + cPoints!);
      this.#quantity[i] = number(base + cQuantity!);
      this.#activity[i] = text(part.refs[base + cActivity!]!);
      this.#note[i] = text(part.refs[base + cNote!]!);
      this.#reviewer[i] = text(part.refs[base + cReviewer!]!);
      const ref = part.refs[base + cStatus!]!;
      let s = statusOf.get(ref);
      if (s === undefined) statusOf.set(ref, (s = this.#statusOf(ref >= 0 ? part.strings[ref] : undefined)));
      this.#status[i] = s;
    }
  }

  /** The ledger, its columns cut to its length. */
  done(): Ledger {
    const n = this.#n;
    // Views when the room left over is small (it was never written to, and a copy of a district's columns is a second
    // 500 MB); copies when it is large (columns that grew by doubling), so the ledger does not keep twice its room.
    const cut = <A extends Int32Array | Float64Array | Uint8Array>(a: A): A => (a.length === n ? a : ((n >= a.length * 0.75 ? a.subarray(0, n) : a.slice(0, n)) as A));
    const ledger = new Ledger(n, this.#strings, mapColumns(this.#columns(), cut));
    this.#index = new Map();
    return ledger;
  }
}
