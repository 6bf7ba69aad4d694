/**
 * CSV text into validated rows of one table. Every data row ends up either accepted or
 * reported: a row with any bad cell is reported cell by cell and left out of the dataset,
 * so the build (which refuses to run on errors) never computes with it.
 */
import Papa from 'papaparse';
import { personalDataIn, looksLikeLostCharacter, PERSONAL_HEADERS, type CellResult } from '../schema/cells.ts';
import type { Problems } from '../check/errors.ts';
import { IGNORED_HEADERS, type Column, type RowOf, type Table } from '../schema/tables.ts';

/** One physical record of a CSV file: its cells and the line it starts on (header = 1). */
export interface RawRecord {
  cells: string[];
  line: number;
}

/**
 * Takes one record: its trimmed cells and the physical line it starts on. `plain` is true when
 * the reader saw that the row holds no character where the invisible ones are (U+200B to
 * U+2069, U+FEFF): its cells need not be looked at for them one by one.
 */
export type OnRecord = (cells: string[], line: number, plain?: boolean) => void;

/**
 * Splits CSV text into records with physical line numbers, correct after a quoted cell that
 * holds a line break. Blank lines are skipped. An unterminated quote is reported on the line
 * where the cell starts, and the rest of the file is not read as data.
 */
export function readRecords(text: string, file: string, problems: Problems): RawRecord[] {
  const records: RawRecord[] = [];
  eachRecord(text, file, problems, (cells, line) => records.push({ cells, line }));
  return records;
}

/**
 * `readRecords`, one record at a time: the caller validates a row while its cells are still
 * fresh, so the parsed cells of a file of a million rows are never all alive at once (the
 * garbage collector would copy every one of them). Text without any quote, as spreadsheets
 * write a ledger, has a line break between every two rows and none inside a cell: papaparse
 * would split it at line breaks and each line at commas, and so it is split here, directly,
 * without building papaparse's array of rows. Anything else is parsed whole by papaparse.
 */
export function eachRecord(
  text: string,
  file: string,
  problems: Problems,
  onRecord: OnRecord,
): void {
  const linebreak = text.includes('"') ? undefined : plainLinebreak(text);
  if (linebreak === undefined) return eachRecordWhole(text, file, problems, onRecord);
  // In a CRLF text every LF follows a CR (plainLinebreak made sure): a row ends one character
  // before its LF. The end of the text ends the last row.
  const back = linebreak.length - 1;
  const length = text.length;
  let line = 1;
  let cells: string[] = [];
  let from = 0;
  // The cell's hash so far, and as it was one character earlier (without a row's CR).
  let hash = 0;
  let before = 0;
  // The row holds a character from U+200B to U+2069 or U+FEFF, where the invisible ones are.
  let hidden = false;
  // The cell of each column in the row before, and its hash: rows of one day, one activity,
  // one reviewer follow each other, so a cell is often the one above it.
  const above: string[] = [];
  const aboveHashes: number[] = [];
  // One pass over the characters: each is a comma, a line break or part of a cell's hash.
  for (let i = 0; i <= length; i++) {
    const c = i < length ? text.charCodeAt(i) : 10;
    if (c === 44) {
      cells.push(cellBelow(above, aboveHashes, cells.length, text, from, i, hash));
      from = i + 1;
      hash = 0;
    } else if (c === 10) {
      const cr = i < length ? back : 0;
      cells.push(cellBelow(above, aboveHashes, cells.length, text, from, i - cr, cr === 0 ? hash : before));
      emit(cells, line++, onRecord, !hidden);
      cells = [];
      from = i + 1;
      hash = 0;
      hidden = false;
    } else {
      before = hash;
      hash = mix(hash, c);
      if (c >= 0x200b && (c <= 0x2069 || c === 0xfeff)) hidden = true;
    }
  }
}

/** `cellAt`, the very string of the row above when the cell in that column is the same. */
function cellBelow(above: string[], hashes: number[], column: number, text: string, from: number, to: number, hash: number): string {
  const last = above[column];
  if (last !== undefined && hashes[column] === hash && last.length === to - from && sameAt(text, from, last)) return last;
  const cell = cellAt(text, from, to, hash);
  above[column] = cell;
  hashes[column] = hash;
  return cell;
}

/** One step of the cells' hash (FNV-1a on UTF-16 code units). */
const mix = (hash: number, c: number) => Math.imul(hash ^ c, 0x01000193);

/**
 * Slots of the table of cells seen before (a power of two). A street's ledger has some 130,000
 * distinct short cells (ids, dates, activities, names); the table keeps them at half load, so
 * a look-up seldom goes past its first slot.
 */
const SEEN_SIZE = 1 << 18;
/** Longer cells (notes) are seldom repeated word for word: they are not kept. */
const SEEN_LENGTH = 24;
// Hash and length of each slot's cell, looked at before the cell itself; length 0 marks an
// empty slot (an empty cell is never looked up).
const seenHashes = new Int32Array(SEEN_SIZE);
const seenLengths = new Uint8Array(SEEN_SIZE);
const seenCells = new Array<string>(SEEN_SIZE).fill('');
let seenCount = 0;

/**
 * `text.slice(from, to)`, the same string as last time when the cell was seen before: a
 * ledger repeats a few thousand ids, dates, statuses and names a million times. A repeated
 * cell costs no new string, the parsers find it in their maps without hashing it again, and
 * the rows share it. `hash` is the cell's hash when the caller has worked it out on the way.
 * The table is bounded: once half full, new cells are sliced.
 */
function cellAt(text: string, from: number, to: number, hash?: number): string {
  const length = to - from;
  if (length === 0) return '';
  if (length > SEEN_LENGTH) return text.slice(from, to);
  if (hash === undefined) {
    hash = 0;
    for (let i = from; i < to; i++) hash = mix(hash, text.charCodeAt(i));
  }
  for (let slot = (hash ^ (hash >>> 16)) & (SEEN_SIZE - 1); ; slot = (slot + 1) & (SEEN_SIZE - 1)) {
    const seenLength = seenLengths[slot]!;
    if (seenLength === 0) {
      // The table outlives the file: what it keeps must not keep the file's text.
      const cell = length >= SLICED_LENGTH ? ownCopy(text.slice(from, to)) : text.slice(from, to);
      if (seenCount < SEEN_SIZE >> 1) {
        seenCells[slot] = cell;
        seenHashes[slot] = hash;
        seenLengths[slot] = length;
        seenCount++;
      }
      return cell;
    }
    if (seenLength === length && seenHashes[slot] === hash && sameAt(text, from, seenCells[slot]!)) return seenCells[slot]!;
  }
}

/** True when `text` holds `cell` at `from` (compared by code: a short cell, and no call). */
function sameAt(text: string, from: number, cell: string): boolean {
  for (let k = 0; k < cell.length; k++) if (text.charCodeAt(from + k) !== cell.charCodeAt(k)) return false;
  return true;
}

/**
 * The line break papaparse finds in a quote-free text, when every line break there separates
 * two rows: `\n`, or `\r\n` with no lone `\n` inside a cell. Undefined otherwise (`\r` alone,
 * or a lone `\n` in a CRLF file). Papaparse's guess, made the way it makes it: in the first
 * megabyte, `\n` when there is no `\r` or a `\n` comes first; else `\r\n` when at least half
 * of the `\r` are followed by `\n`.
 */
function plainLinebreak(text: string): '\n' | '\r\n' | undefined {
  const head = Math.min(text.length, 1 << 20);
  const firstCR = text.indexOf('\r');
  if (firstCR === -1 || firstCR >= head) return '\n';
  const firstLF = text.indexOf('\n');
  if (firstLF !== -1 && firstLF < firstCR) return '\n';
  let crs = 0;
  let crlfs = 0;
  for (let i = firstCR; i !== -1 && i < head; i = text.indexOf('\r', i + 1)) {
    crs++;
    if (i + 1 < head && text.charCodeAt(i + 1) === 10) crlfs++;
  }
  if (crlfs < (crs + 1) / 2) return undefined;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (text.charCodeAt(i - 1) !== 13) return undefined;
  return '\r\n';
}

/** Trims a record's cells and drops trailing empty ones; a blank record is skipped. */
function emit(cells: string[], line: number, onRecord: OnRecord, plain: boolean): void {
  for (let i = 0; i < cells.length; i++) cells[i] = trimmed(cells[i]!);
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  if (cells.length > 0) onRecord(cells, line, plain);
}

/** Plainly not white space: printable ASCII, or CJK and the rest up to U+FEFF (none is a space). */
const solid = (c: number) => (c > 32 && c < 127) || (c > 0x3000 && c < 0xfeff);

/** `s.trim()`, skipped when both ends are plainly not blank, as nearly every cell is. */
function trimmed(s: string): string {
  return s.length === 0 || (solid(s.charCodeAt(0)) && solid(s.charCodeAt(s.length - 1))) ? s : s.trim();
}

/** Any text, parsed in one go: quoted cells may hold line breaks, a quote may be unterminated. */
function eachRecordWhole(text: string, file: string, problems: Problems, onRecord: OnRecord): void {
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: undefined, skipEmptyLines: false });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  const rows = parsed.data;
  const end = broken?.row ?? rows.length;
  // Line breaks inside cells are counted before the cells are trimmed.
  const starts = startLines(rows, end);
  for (let r = 0; r < end; r++) {
    // Shared like the cells of quote-free text, so rows of a quoted file share their repeated cells too.
    const cells = rows[r]!;
    for (let i = 0; i < cells.length; i++) cells[i] = cellAt(cells[i]!, 0, cells[i]!.length);
    emit(cells, starts[r]!, onRecord, false);
  }
  if (broken) problems.error({ file, line: starts[end]! }, 'csv-quotes');
}

/**
 * The physical line each parsed row starts on (header = 1), up to row `end` included: one
 * line after the previous row, plus the line breaks inside its quoted cells; blank lines are
 * rows too.
 */
function startLines(rows: string[][], end: number): number[] {
  const starts = new Array<number>(end + 1);
  starts[0] = 1;
  for (let r = 0; r < end; r++) starts[r + 1] = starts[r]! + 1 + breaksIn(rows[r]!);
  return starts;
}

/** Line breaks inside the cells of one row: in a quoted cell, or a lone LF in a CRLF file. */
function breaksIn(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

interface HeaderMap<C extends Record<string, Column>> {
  /** Column index → key of the table's column. */
  keys: Map<number, keyof C & string>;
  /** Column index → header as written, for messages. */
  headers: string[];
  /** Columns not in the table, for tables that accept extra columns (assessments). */
  extra: Map<number, string>;
  /**
   * The header was refused whole (too many columns, not a header, another separator): one error
   * says why, and the file's rows are not read, so no error follows from the first.
   */
  tooWide?: boolean;
}

/** More columns than any sheet of the contract can sensibly have. */
const MAX_COLUMNS = 200;

/** The headers a table accepts, as shown in the unknown-column message. */
export function acceptedHeaders(columns: Record<string, Column>): string {
  return Object.values(columns)
    .map((c) => `${c.zh}（${c.en}）`)
    .join('、');
}

/**
 * Maps a header row to the table's columns: Chinese header or English key (any case);
 * `序号` ignored; personal-data headers refused; unknown columns refused unless `allowExtra`.
 */
export function mapHeader<C extends Record<string, Column>>(
  header: RawRecord,
  table: Table<C>,
  file: string,
  problems: Problems,
  allowExtra = false,
): HeaderMap<C> {
  const keys = new Map<number, keyof C & string>();
  const extra = new Map<number, string>();
  const seen = new Set<string>();
  const located = new Map<string, { column: number; header: string }>();
  // A header far wider than any table (a corrupted file, a sheet saved with a million blank
  // columns) is reported once instead of once per column.
  if (header.cells.length > MAX_COLUMNS) {
    problems.error({ file, line: header.line }, 'too-many-columns', { count: header.cells.length });
    return { keys, headers: [], extra, tooWide: true };
  }
  const refused = diagnoseHeader(header, table.columns, file, problems);
  if (refused) return { keys, headers: [], extra, tooWide: true };
  header.cells.forEach((raw, i) => {
    const h = raw.replace(/^\uFEFF/, '').trim();
    const at = { file, line: header.line, column: i + 1, field: h };
    if (h === '' || IGNORED_HEADERS.includes(h.toLowerCase())) return;
    const key = (Object.keys(table.columns) as (keyof C & string)[]).find((k) => {
      const c = table.columns[k]!;
      return c.zh === h || c.en.toLowerCase() === h.toLowerCase();
    });
    if (key === undefined) {
      if (PERSONAL_HEADERS.test(h)) problems.error(at, 'personal-data-column', { header: h });
      else if (allowExtra) extra.set(i, h);
      else problems.error(at, 'unknown-column', { header: h, accepted: acceptedHeaders(table.columns) });
      return;
    }
    if (seen.has(key)) {
      problems.error(at, 'duplicate-column', { header: h });
      return;
    }
    seen.add(key);
    keys.set(i, key);
    located.set(table.columns[key]!.zh, { column: i + 1, header: h });
  });
  problems.registerColumns(file, located);
  for (const [key, c] of Object.entries(table.columns)) {
    if (c.required && !seen.has(key)) {
      problems.error({ file, line: header.line, column: 0, field: c.zh }, 'missing-column', { header: `${c.zh}（${c.en}）` });
    }
  }
  return { keys, headers: header.cells, extra };
}

/** Separators Excel and WPS write instead of the comma, by locale or by "Unicode text". */
const OTHER_SEPARATORS: [string, string][] = [
  ['\t', '制表符（Tab，Excel 的“Unicode 文本”或“文本文件(制表符分隔)”）'],
  [';', '英文分号 ;（欧洲地区的 Excel 设置）'],
  ['；', '中文分号 ；'],
];

/**
 * A first line with no header the table knows is one problem with one cause, not a missing
 * column for each column and an unknown one for each cell: the file is separated by tabs or
 * semicolons, or a title row sits above the header. Reports it and says so (true).
 */
function diagnoseHeader(header: RawRecord, columns: Record<string, Column>, file: string, problems: Problems): boolean {
  const known = (h: string) => Object.values(columns).some((c) => c.zh === h || c.en.toLowerCase() === h.toLowerCase());
  const texts = header.cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  if (texts.some(known)) return false;
  const joined = header.cells.join(',');
  for (const [sep, name] of OTHER_SEPARATORS) {
    const parts = joined.split(sep).flatMap((p) => p.split(',')).map((p) => p.replace(/^\uFEFF/, '').trim());
    if (parts.filter(known).length >= 2) {
      problems.error({ file, line: header.line }, 'csv-separator', { separator: name });
      return true;
    }
  }
  const shown = texts.filter(Boolean).slice(0, 3).join('、');
  problems.error({ file, line: header.line }, 'csv-no-header', { first: shown.length > 40 ? `${shown.slice(0, 40)}…` : shown || '（空）' });
  return true;
}

/** Fields whose value is a person's or household's name, checked for lost characters. */
const NAME_FIELDS = new Set(['name']);

type ExtraCell = (row: Record<string, unknown>, header: string, raw: string, at: { file: string; line: number; column: number; field: string }) => boolean;

export interface RowOptions {
  allowExtra?: boolean;
  extraCell?: ExtraCell;
  /** Where accepted rows go (the rows of several files in one list, or the read worker's columns) instead of a list of their own; `done().rows` is then it. */
  rows?: { push(row: never): unknown };
}

export interface Parsed<C extends Record<string, Column>> {
  rows: RowOf<Table<C>>[];
  rejected: Partial<RowOf<Table<C>>>[];
}

/**
 * Validates the records of one file against its table. Returns the rows whose every cell is
 * valid, and the rejected ones with whatever cells did parse (so a later check knows that a
 * broken row's id exists and does not report its references again); every bad cell is
 * reported with its line and column. `extraCell` handles columns
 * the table accepts beyond its own (the assessed categories of an assessment sheet).
 */
export function parseRows<C extends Record<string, Column>>(
  records: RawRecord[],
  table: Table<C>,
  file: string,
  problems: Problems,
  options: RowOptions = {},
): Parsed<C> {
  const reader = rowReader(table, file, problems, options);
  for (const { cells, line } of records) reader.record(cells, line);
  return reader.done();
}

/**
 * `parseRows` one record at a time, as `eachRecord` hands them over: the first record is the
 * header, every later one a row. `done()` gives the rows (and reports an empty file).
 * @example const reader = rowReader(tables.ledger, file, problems); eachRecord(text, file, problems, reader.record); reader.done().rows
 */
export function rowReader<C extends Record<string, Column>>(
  table: Table<C>,
  file: string,
  problems: Problems,
  options: RowOptions = {},
): { record: OnRecord; done: () => Parsed<C> } {
  const rows = (options.rows ?? []) as unknown as RowOf<Table<C>>[];
  const rejected: Partial<RowOf<Table<C>>>[] = [];
  let layout: Layout | undefined;
  let refused = false;
  return {
    record(cells, line, plain = false) {
      if (refused) return;
      if (!layout) {
        const map = mapHeader({ cells, line }, table, file, problems, options.allowExtra);
        refused = map.tooWide === true;
        layout = layoutOf(map, table.columns, file);
        return;
      }
      const row = readRow(cells, line, layout, problems, options.extraCell, plain);
      // Under a header with no known column (reported whole) a row has no value to accept.
      if (row.valid && layout.known) rows.push(row.row as RowOf<Table<C>>);
      else rejected.push(row.row as Partial<RowOf<Table<C>>>);
    },
    done() {
      if (!layout) problems.error({ file, line: 0 }, 'file-empty');
      return { rows, rejected };
    },
  };
}

/**
 * What each column index of one file means, worked out once from its header so the loop over
 * a million rows does no lookups by name: the key and parser of a table column, or the header
 * of an extra column, and the header as written for messages.
 */
interface Layout {
  file: string;
  /** Cells in the header row. */
  width: number;
  keys: (string | undefined)[];
  parsers: (Column['parse'] | undefined)[];
  names: boolean[];
  extra: (string | undefined)[];
  fields: string[];
  /** A row before its cells are read: its place and every column at its blank value, in table order. */
  blank: Record<string, unknown>;
  /** Per column: the last cell that passed the text checks ('' passes them all). */
  clean: string[];
  /** Per column: the last cell parsed and its result. */
  read: string[];
  parsed: (CellResult<unknown> | undefined)[];
  /** Required columns: where they are (undefined when the header lacks them). */
  required: { key: string; zh: string; index: number | undefined }[];
  /** The header names at least one of the table's columns. */
  known: boolean;
}

/**
 * A row of the file before its cells are read: its place, and every column at its blank value
 * in table order. Made by JSON.parse, it holds every property inside the object itself: a copy
 * of it is one small allocation, where a row grown key by key is two.
 */
export function blankRow(columns: Record<string, Column>, file: string): Record<string, unknown> {
  const blank = JSON.parse(JSON.stringify({ file, line: 0, ...Object.fromEntries(Object.keys(columns).map((key) => [key, null])) })) as Record<string, unknown>;
  for (const [key, c] of Object.entries(columns)) blank[key] = c.fallback;
  return blank;
}

function layoutOf<C extends Record<string, Column>>(map: HeaderMap<C>, columns: C, file: string): Layout {
  const width = map.headers.length;
  const keys = Array.from({ length: width }, (_, i) => map.keys.get(i));
  const indexOf = new Map([...map.keys].map(([i, key]) => [key, i]));
  const blank = blankRow(columns, file);
  return {
    file,
    width,
    keys,
    parsers: keys.map((key) => (key === undefined ? undefined : columns[key]!.parse)),
    names: keys.map((key) => key !== undefined && NAME_FIELDS.has(key)),
    extra: Array.from({ length: width }, (_, i) => map.extra.get(i)),
    fields: Array.from({ length: width }, (_, i) => map.headers[i]?.trim() ?? ''),
    blank,
    clean: new Array<string>(width).fill(''),
    read: new Array<string>(width).fill(''),
    parsed: new Array<CellResult<unknown> | undefined>(width).fill(undefined),
    // A header with no known column at all has been reported whole: its rows are not checked for blanks.
    required:
      map.keys.size === 0
        ? []
        : Object.entries(columns)
            .filter(([, c]) => c.required)
            .map(([key, c]) => ({ key, zh: c.zh, index: indexOf.get(key) })),
    known: map.keys.size > 0,
  };
}

/** The first cell of a totals row as Excel users write it. */
const TOTALS = /^(合\s*计|总\s*计|小\s*计|总和|共计|total|subtotal)[:：]?$/i;
/** Excel's error values, left in a cell by a broken formula or lookup. */
const EXCEL_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;
/** Bidi overrides and isolates reorder text on screen; zero-width characters hide in IDs and names. */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF]/;

/** The first letter of a totals row: 合, 总, 小, 共, or t and s in any case. */
function mayBeTotals(c: number): boolean {
  return c === 0x5408 || c === 0x603b || c === 0x5c0f || c === 0x5171 || (c | 32) === 116 || (c | 32) === 115;
}

function invisibleName(raw: string): string {
  const cp = raw.match(INVISIBLE)![0].codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ? `文字方向控制符 ${hex}` : `零宽字符 ${hex}`;
}

/** One data row: every cell read and checked, blank required cells reported. */
function readRow(cells: string[], line: number, layout: Layout, problems: Problems, extraCell: ExtraCell | undefined, plain: boolean) {
  // A copy of the blank row: one allocation with every column in place, in table order.
  const row: Record<string, unknown> = { ...layout.blank };
  row.line = line;
  // A 合计 row at the bottom of an Excel sheet is not a record: one clear error, not ten.
  let first: string | undefined;
  for (let i = 0; i < cells.length && first === undefined; i++) if (cells[i] !== '') first = cells[i];
  if (first !== undefined && mayBeTotals(first.charCodeAt(0)) && TOTALS.test(first)) {
    problems.error({ file: layout.file, line, column: cells.indexOf(first) + 1 }, 'totals-row', { value: first });
    return { row, valid: false };
  }
  let valid = true;
  if (cells.length > layout.width) {
    problems.error({ file: layout.file, line, column: layout.width + 1 }, 'csv-too-many-cells', { count: cells.length, header: layout.width });
    valid = false;
  }
  for (let i = 0; i < cells.length; i++) {
    if (!readCell(row, cells[i]!, i, layout, problems, extraCell, plain)) valid = false;
  }
  if (!requiredPresent(row, cells, line, layout, problems)) valid = false;
  return { row, valid };
}

/** Where cell i of a row is, for messages: only built when something is reported. */
function placeOf(row: Record<string, unknown>, i: number, layout: Layout) {
  return { file: layout.file, line: row.line as number, column: i + 1, field: layout.fields[i] ?? '' };
}

/** Reads cell i into the row; false when the cell is reported. */
function readCell(
  row: Record<string, unknown>,
  raw: string,
  i: number,
  layout: Layout,
  problems: Problems,
  extraCell: ExtraCell | undefined,
  plain: boolean,
): boolean {
  const memo = i < layout.width;
  // The same cell as the last clean one of its column (the reader hands over one string per
  // repeated cell) is clean again: the checks below look at nothing but its text.
  if (!memo || raw !== layout.clean[i]) {
    // Personal data needs at least 11 characters: most cells are shorter and skip the call.
    const personal = raw.length < 11 ? undefined : personalDataIn(raw);
    if (personal) {
      problems.error(placeOf(row, i, layout), personal);
      return false;
    }
    if (raw.charCodeAt(0) === 35 /* # */ && EXCEL_ERROR.test(raw)) {
      problems.error(placeOf(row, i, layout), 'excel-error-value', { value: raw });
      return false;
    }
    if (!plain && INVISIBLE.test(raw)) {
      problems.error(placeOf(row, i, layout), 'invisible-character', { what: invisibleName(raw) });
      return false;
    }
    if (memo) layout.clean[i] = raw;
  }
  const key = layout.keys[i];
  if (key === undefined) {
    const extraHeader = layout.extra[i];
    return extraHeader === undefined || !extraCell || extraCell(row, extraHeader, raw, placeOf(row, i, layout));
  }
  if (raw === '') return true;
  // Parsers are functions of the text alone: the same cell as the last one parsed in its column has its result.
  let result = layout.parsed[i]!;
  if (raw !== layout.read[i]) {
    result = layout.parsers[i]!(raw);
    // Up to SEEN_LENGTH the reader's table hands out copies of their own, shared by the rows that repeat them; longer cells are views.
    if (result.ok && typeof result.value === 'string' && result.value.length > SEEN_LENGTH) result = { ok: true, value: ownCopy(result.value) };
    layout.read[i] = raw;
    layout.parsed[i] = result;
  }
  if (!result.ok) {
    problems.error(placeOf(row, i, layout), result.code, { field: layout.fields[i]!, ...result.args });
    return false;
  }
  row[key] = result.value;
  if (layout.names[i] && typeof result.value === 'string' && looksLikeLostCharacter(result.value)) {
    problems.warn(placeOf(row, i, layout), 'lost-character', { value: raw });
  }
  return true;
}

/** V8 makes a slice this long a view into the string it was cut from, not a copy. */
const SLICED_LENGTH = 13;

/**
 * A cell's text in a string of its own. A cell cut from its file's text is a view into it, and
 * one such cell kept in a row keeps the whole text alive for the build: a street's notes and
 * activities kept 55 MB of file texts (read as external memory), a district's ten times that.
 * Joined with a character and cut again, the text is copied once, flat, and nothing else is kept.
 */
function ownCopy(text: string): string {
  return `${text} `.slice(0, -1);
}

/** Reports blank cells of required columns; false when one is blank or its column is missing. */
function requiredPresent(row: Record<string, unknown>, cells: string[], line: number, layout: Layout, problems: Problems): boolean {
  let ok = true;
  for (const { key, zh, index } of layout.required) {
    if (row[key] !== undefined && row[key] !== '') continue;
    if (index === undefined) {
      ok = false; // the missing column is already reported on the header line
      continue;
    }
    if ((cells[index] ?? '') === '') {
      problems.error({ file: layout.file, line, column: index + 1, field: zh }, 'missing-value', { field: zh });
      ok = false;
    }
  }
  return ok;
}
