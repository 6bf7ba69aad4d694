/**
 * The files of one table read on two threads: the build's thread and a worker take the next
 * file in turn, so both cores parse and validate a street's twelve monthly ledgers. When the
 * build checks the data while Astro starts, a worker a core reads them all instead, and the
 * build's thread is free meanwhile (`startReading(…, alongside)`). What the
 * worker read comes back as columns (a row's strings as numbers into one list of strings, its
 * numbers side by side), in file order: the ledger takes them as they are (`partsSteps`, and
 * `LedgerBuilder.addEncoded` of src/schema/ledger-columns.ts), and the files this thread reads
 * of it as columns too (`RowEncoder`); other tables as the same row objects (`finish`). The rows, the problems and the report are those of reading every file here. Small data sets, and
 * `BOARD_READ_WORKER=off`, read every file on this thread; `BOARD_READ_WORKER=always` splits
 * even a small one (the tests use it).
 */
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeText } from './encoding.ts';
import { Problems, type DataIssue } from '../check/errors.ts';
import { eachRecord, rowReader, blankRow } from './csv.ts';
import { tables, type Column, type RowOf, type Table } from '../schema/tables.ts';
import { buildSettings } from '../build/context.ts';
import { ENCODED_NONE, ENCODED_NUMBER, widened, type EncodedRows } from '../schema/ledger-columns.ts';
import { runNow, type Steps } from './steps.ts';

/** Below this many bytes of files, a worker's start (some 0.1 s) costs more than it saves. */
const SPLIT_BYTES = 4 << 20;
/** With no file reported for this long, the worker is given up and its files read here. */
const STALL_MS = 30_000;

/** Slots of the shared counters; after them, a state and a length a file (`fileSlot`). */
const NEXT = 0;
const BUSY = 1;
const REPORTED = 2;
const FILES_AT = 3;
/** A file's state: not read yet; in its place in the shared memory; read but elsewhere (this thread reads it); could not be read. */
const PENDING = 0;
const SHARED = 1;
const ELSEWHERE = 2;
const MISSING = 3;

/** A file's bytes as read, and its path relative to the project root. */
export interface FileBytes {
  rel: string;
  bytes: Uint8Array;
}

/** A file's text, or undefined (reported) when it holds a NUL byte: not a text file. */
export function textOf(rel: string, bytes: Uint8Array, problems: Problems): string | undefined {
  if (bytes.includes(0)) {
    const text = decodeText(bytes.subarray(0, bytes.indexOf(0))).text;
    problems.error({ file: rel, line: text.split('\n').length }, 'nul-byte');
    return undefined;
  }
  return decodeText(bytes).text;
}

/** Where a reader's accepted rows go: a list, or a `RowEncoder` (a worker's files, and this thread's share of a ledger). */
export type RowSink = { push(row: never): unknown };

/** Reads one file of a table: accepted rows join `rows`, rejected ones are returned. */
export function readFileRows<C extends Record<string, Column>>(table: Table<C>, file: FileBytes, problems: Problems, rows: RowSink): Partial<RowOf<Table<C>>>[] {
  const text = textOf(file.rel, file.bytes, problems);
  if (text === undefined) return [];
  // Rows are validated as they are parsed, so one file's raw cells are never all held at once.
  const reader = rowReader(table, file.rel, problems, { rows });
  eachRecord(text, file.rel, problems, reader.record);
  return reader.done().rejected;
}

/** A file not in its place in the shared memory, sent to the workers (`put`). */
export interface FileElsewhere {
  index: number;
  bytes: Uint8Array;
}

/** What the worker sends for one file. */
export interface FileDone {
  index: number;
  /** Set when the worker did not read the file (it failed, or the file could not be read at all): it is read here instead. */
  failed?: string;
  lines?: Int32Array;
  /** Per row and column: ≥ 0 a string of `strings`, NUMBER a number in `numbers`, NONE undefined. */
  refs?: Int32Array;
  numbers?: Float64Array;
  /** The strings, joined by NUL (no cell holds one: a file with a NUL byte is refused). */
  strings?: string;
  rejected?: Record<string, unknown>[];
  errors?: DataIssue[];
  warnings?: DataIssue[];
  columns?: [string, { column: number; header: string }][];
}

const NONE = ENCODED_NONE;
const NUMBER = ENCODED_NUMBER;

/** The table's keys, in the order the columns are sent. */
const keysOf = (table: Table) => Object.keys(table.columns);

/**
 * A file's accepted rows as columns, written as the reader accepts each row (`push`): for the
 * trip between threads (the worker keeps no row object, and walks no list of them after), and
 * for a ledger file read on the build's thread (its texts a file's own, not looked up cell by
 * cell among all the ledger's).
 */
export class RowEncoder {
  readonly #keys: string[];
  readonly #width: number;
  #n = 0;
  #lines: Int32Array;
  #refs: Int32Array;
  #numbers: Float64Array;
  readonly #strings: string[] = [];
  readonly #stringIndex = new Map<string, number>();

  constructor(table: Table, capacity = 1024) {
    this.#keys = keysOf(table);
    this.#width = this.#keys.length;
    const n = Math.max(capacity, 1);
    this.#lines = new Int32Array(n);
    this.#refs = new Int32Array(n * this.#width);
    this.#numbers = new Float64Array(n * this.#width);
  }

  push(row: Record<string, unknown>): void {
    if (this.#n === this.#lines.length) this.#grow();
    const r = this.#n++;
    const keys = this.#keys;
    const width = this.#width;
    this.#lines[r] = row.line as number;
    for (let c = 0; c < width; c++) {
      const value = row[keys[c]!];
      const at = r * width + c;
      if (value === undefined) this.#refs[at] = NONE;
      else if (typeof value === 'number') {
        this.#refs[at] = NUMBER;
        this.#numbers[at] = value;
      } else if (typeof value === 'string') {
        let s = this.#stringIndex.get(value);
        if (s === undefined) {
          this.#stringIndex.set(value, (s = this.#strings.length));
          this.#strings.push(value);
        }
        this.#refs[at] = s;
      } else throw new Error(`a value of type ${typeof value} in column ${keys[c]}`);
    }
  }

  #grow(): void {
    const size = this.#lines.length * 2;
    this.#lines = widened(this.#lines, size);
    this.#refs = widened(this.#refs, size * this.#width);
    this.#numbers = widened(this.#numbers, size * this.#width);
  }

  /** The columns, cut to the rows pushed, for the trip to the build's thread (views: their buffers go whole, the room left over unwritten). */
  done(): Pick<FileDone, 'lines' | 'refs' | 'numbers' | 'strings'> {
    return { ...this.encoded(), strings: this.#strings.join('\0') };
  }

  /**
   * The columns, cut to the rows pushed, as this thread keeps them: views, not copies (a street's
   * ledger is 130 MB of columns, and copying them cost more than the room left over).
   */
  encoded(): EncodedRows {
    const n = this.#n;
    const w = this.#width;
    return { lines: this.#lines.subarray(0, n), refs: this.#refs.subarray(0, n * w), numbers: this.#numbers.subarray(0, n * w), strings: this.#strings };
  }
}

/** The rows a `RowEncoder` sent, as the objects reading the file here would have made. */
export function decodeRows(table: Table, file: string, done: EncodedRows, rows: unknown[]): void {
  const keys = keysOf(table);
  const width = keys.length;
  const blank = blankRow(table.columns, file);
  const { lines, refs, numbers, strings } = done;
  for (let r = 0; r < lines.length; r++) {
    const row: Record<string, unknown> = { ...blank };
    row.line = lines[r];
    for (let c = 0; c < width; c++) {
      const at = r * width + c;
      const ref = refs[at]!;
      row[keys[c]!] = ref >= 0 ? strings[ref] : ref === NUMBER ? numbers[at] : undefined;
    }
    rows.push(row);
  }
}

/** The worker's module, next to this one (in the sources; a bundle has none, and reads on one thread). */
function workerFile(): string | undefined {
  const here = import.meta.url.startsWith('file:') ? join(dirname(fileURLToPath(import.meta.url)), 'read-worker.ts') : undefined;
  if (here && existsSync(here)) return here;
  const fromProject = join(process.cwd(), 'src', 'data', 'read-worker.ts');
  return existsSync(fromProject) ? fromProject : undefined;
}

/** Should `count` files of `bytes` in all be read on two threads? */
function worthSplitting(count: number, bytes: number): boolean {
  const mode = buildSettings().readWorker;
  if (mode === 'off' || count < 2) return false;
  if (mode === 'always') return true;
  return bytes >= SPLIT_BYTES;
}

/** Files read so far by this thread and by workers, in this process (the tests look). */
export const readCounts = { here: 0, worker: 0 };

/** Files of a table being read: the worker (if any) has started; `finish` reads the rest here. */
export interface Reading<C extends Record<string, Column>> {
  /** The files' sizes when they were listed, in all. */
  bytes: number;
  /**
   * Where file `k`'s bytes go to be read by a worker where they are: its place in the memory
   * the workers share (as long as its size was given), or undefined (no workers: anywhere).
   */
  placeOf(k: number): Uint8Array | undefined;
  /**
   * File `k` as read: its bytes (in its place, or elsewhere: a workbook's text, UTF-16 made
   * UTF-8, a file that grew; those are read on this thread), or undefined when it could not be read.
   */
  put(k: number, bytes: Uint8Array | undefined): void;
  finish(problems: Problems, onRejected?: (row: Partial<RowOf<Table<C>>>) => void): RowOf<Table<C>>[];
  /**
   * `finish`, each file's accepted rows as they came (objects read here, a worker's as its
   * columns; with `columns`, those read here as columns too), as steps (src/data/steps.ts):
   * alongside, this thread waits for the workers without blocking. With `take`, each file's
   * part goes to `take` in file order as soon as it and every file before it are in, and is not
   * returned: a ledger is put together while its last files are read.
   */
  partsSteps(problems: Problems, onRejected?: (row: Partial<RowOf<Table<C>>>) => void, columns?: boolean, take?: (part: FilePart) => void): Steps<FilePart[]>;
}

/** One file's accepted rows: read on this thread, or by the worker (its columns, not yet objects). */
export type FilePart = { rel: string; rows: unknown[] } | { rel: string; encoded: EncodedRows };

/**
 * The files' places in one shared buffer, each by its size when it was listed: the build's
 * thread reads each file into its place and says so (`fileSlot`), and every worker reads it
 * there; none gets a copy of all.
 */
export interface SharedFiles {
  buffer: SharedArrayBuffer;
  files: { rel: string; start: number; end: number }[];
}

/** Where file `k`'s state (PENDING, SHARED, ELSEWHERE, MISSING) and its length are, among `count` files' slots. */
export const fileSlot = (count: number, k: number) => ({ state: FILES_AT + k, length: FILES_AT + count + k });

/**
 * Starts reading the files of a table (in file order), listed with their sizes before they are
 * read: when there are enough bytes to read, workers start at once, loading their modules while
 * this thread reads the files into the memory they share (`placeOf`, `put`); each begins on a
 * file as soon as it is in. Every problem lands in `problems` and each rejected row goes to
 * `onRejected` as each file's rows come (the report is sorted, and a rejected row's effect does not
 * depend on the order); the rows come back, or go to `take`, in file order.
 *
 * Two ways: by default one worker and this thread take the next file in turn. `alongside`
 * (the build checks the data while Astro starts on this thread), a worker a core reads them
 * all, and this thread only waits for them, without blocking (`partsSteps`).
 */
export function startReading<C extends Record<string, Column>>(table: Table<C>, listed: { rel: string; size: number }[], alongside = false): Reading<C> {
  const count = listed.length;
  const total = listed.reduce((n, f) => n + f.size, 0);
  const file = worthSplitting(count, total) ? workerFile() : undefined;
  const tableName = (Object.keys(tables) as (keyof typeof tables)[]).find((k) => tables[k] === (table as unknown));
  const state = new Int32Array(new SharedArrayBuffer((FILES_AT + 2 * count) * 4));
  const files: (FileBytes | null | undefined)[] = new Array(count).fill(undefined);
  const workers: Worker[] = [];
  // Each worker sends its files on a port of its own.
  const ports: MessagePort[] = [];
  let exited = 0;
  let shared: SharedFiles | undefined;
  if (file !== undefined && tableName !== undefined) {
    let at = 0;
    shared = {
      buffer: new SharedArrayBuffer(total),
      files: listed.map((f) => ({ rel: f.rel, start: at, end: (at += f.size) })),
    };
    const threads = alongside ? Math.max(1, Math.min(availableParallelism(), count)) : 1;
    for (let w = 0; w < threads; w++) {
      try {
        const { port1, port2 } = new MessageChannel();
        const worker = new Worker(file, { workerData: { port: port2, state, table: tableName, shared }, transferList: [port2] });
        ports.push(port1);
        worker.unref();
        // A worker that fails to start takes no file: the others, or this thread, read them.
        worker.on('error', () => {});
        worker.on('exit', () => exited++);
        workers.push(worker);
      } catch {
        break;
      }
    }
    if (workers.length === 0) shared = undefined;
  }
  const placeOf = (k: number): Uint8Array | undefined => shared && new Uint8Array(shared.buffer, shared.files[k]!.start, listed[k]!.size);
  const put = (k: number, bytes: Uint8Array | undefined): void => {
    files[k] = bytes === undefined ? null : { rel: listed[k]!.rel, bytes };
    if (!shared) return;
    const slot = fileSlot(count, k);
    const inPlace = bytes !== undefined && bytes.buffer === shared.buffer && bytes.byteOffset === shared.files[k]!.start;
    if (bytes !== undefined && !inPlace) {
      // Not in its place (a workbook's text, UTF-16 made UTF-8, a file that grew): a shared copy
      // of its own goes to every worker before its state says so, and whichever takes it reads it.
      const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
      copy.set(bytes);
      for (const port of ports) port.postMessage({ index: k, bytes: copy } satisfies FileElsewhere);
    }
    Atomics.store(state, slot.length, inPlace ? bytes.length : 0);
    Atomics.store(state, slot.state, bytes === undefined ? MISSING : inPlace ? SHARED : ELSEWHERE);
    Atomics.notify(state, slot.state);
  };
  /** File `k`'s bytes, put before its rows are asked for. */
  const bytesOf = (k: number): FileBytes | null => {
    const f = files[k];
    if (f === undefined) throw new Error(`${listed[k]!.rel} was not read before its rows were asked for`);
    return f;
  };
  function* partsSteps(problems: Problems, onRejected?: (row: Partial<RowOf<Table<C>>>) => void, columns = false, take?: (part: FilePart) => void): Steps<FilePart[]> {
    const perFile: (FilePart | undefined)[] = new Array(count);
    const hereBefore = readCounts.here;
    const readHere = (k: number) => {
      const file = bytesOf(k);
      if (file === null) return;
      readCounts.here++;
      if (columns) {
        // As the workers send them: a district's ledger put together from each file's own
        // texts costs one look-up a text, not one a cell in the ledger's 430,000.
        const rows = new RowEncoder(table, file.bytes.length >> 6);
        readFileRows(table, file, problems, rows).forEach((r) => onRejected?.(r));
        perFile[k] = { rel: file.rel, encoded: rows.encoded() };
        return;
      }
      const rows: unknown[] = [];
      perFile[k] = { rel: file.rel, rows };
      readFileRows(table, file, problems, rows).forEach((r) => onRejected?.(r));
    };
    // What the workers sent so far, each file as it comes (the report is sorted: the order they come in does not show).
    const receive = () => {
      for (const port of ports) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
          const done = m.message as FileDone;
          // A file the worker did not read is read here, now: the files after it need not wait for it to be handed on.
          if (done.failed !== undefined) {
            readHere(done.index);
            continue;
          }
          const f = listed[done.index]!;
          const { lines, refs, numbers } = done as Required<FileDone>;
          perFile[done.index] = { rel: f.rel, encoded: { lines, refs, numbers, strings: done.strings!.split('\0') } };
          problems.absorb(f.rel, done.errors!, done.warnings!, new Map(done.columns!));
          for (const r of done.rejected!) onRejected?.(r as Partial<RowOf<Table<C>>>);
        }
      }
    };
    // With `take`, each file's part is handed over in file order as soon as it and those before
    // it are in (the ledger is put together while the last files are still being read), and let go.
    let handed = 0;
    function* handOn(): Steps<void> {
      if (!take) return;
      receive();
      for (; handed < count && (perFile[handed] !== undefined || files[handed] === null); handed++) {
        const part = perFile[handed];
        if (part === undefined) continue;
        perFile[handed] = undefined;
        take(part);
        yield;
      }
    }
    try {
      return yield* readAll();
    } finally {
      // However the steps end (a `take` that throws, too), no worker is left running.
      for (const port of ports) port.close();
      for (const worker of workers) void worker.terminate();
    }
    function* readAll(): Steps<FilePart[]> {
      let reported = Atomics.load(state, REPORTED);
      let since = performance.now();
      const stalled = () => {
        const now = Atomics.load(state, REPORTED);
        if (now !== reported) [reported, since] = [now, performance.now()];
        return performance.now() - since > STALL_MS;
      };
      if (alongside && workers.length > 0) {
        // Every file is the workers'; this thread waits until each is reported (or the workers are gone).
        while (reported < count && exited < workers.length && !stalled()) {
          yield* handOn();
          yield { state, index: REPORTED, value: reported, ms: 200 };
        }
      } else {
        // `always` (the tests) lets the worker take the first file, so a small data set is split too.
        if (workers.length > 0 && buildSettings().readWorker === 'always') Atomics.wait(state, NEXT, 0, 10_000);
        // Each thread takes the next file in turn.
        for (let k = Atomics.add(state, NEXT, 1); k < count; k = Atomics.add(state, NEXT, 1)) {
          readHere(k);
          yield;
          yield* handOn();
        }
        // The worker marks itself busy before it takes a file: once it is not, it has sent every file it took.
        [reported, since] = [Atomics.load(state, REPORTED), performance.now()];
        while (workers.length > 0 && Atomics.load(state, BUSY) === 1 && !stalled()) {
          yield* handOn();
          yield { state, index: BUSY, value: 1, ms: 200 };
        }
      }
      receive();
      // A file the workers took and did not send (a worker failed or stalled) is read here.
      for (let k = handed; k < count; k++) if (perFile[k] === undefined) readHere(k);
      readCounts.worker += count - files.filter((f) => f === null).length - readCounts.here + hereBefore;
      yield* handOn();
      // A file that could not be read has no part (its error is said where it was read).
      return perFile.filter((p) => p !== undefined);
    }
  }
  const reading: Reading<C> = {
    bytes: total,
    placeOf,
    put,
    finish(problems, onRejected) {
      const rows: unknown[] = [];
      for (const part of runNow(reading.partsSteps(problems, onRejected))) {
        if ('rows' in part) for (const r of part.rows) rows.push(r);
        else decodeRows(table, part.rel, part.encoded, rows);
      }
      return rows as RowOf<Table<C>>[];
    },
    partsSteps,
  };
  return reading;
}

export const SHARED_SLOTS = { NEXT, BUSY, REPORTED, PENDING, SHARED, ELSEWHERE };
