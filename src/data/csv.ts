/**
 * CSV text into validated rows of one table. Every data row ends up either accepted or
 * reported: a row with any bad cell is reported cell by cell and left out of the dataset,
 * so the build (which refuses to run on errors) never computes with it.
 */
import Papa from 'papaparse';
import { personalDataIn, looksLikeLostCharacter, PERSONAL_HEADERS } from './cells.ts';
import type { Problems } from './errors.ts';
import { IGNORED_HEADERS, type Column, type RowOf, type Table } from './tables.ts';

/** One physical record of a CSV file: its cells and the line it starts on (header = 1). */
export interface RawRecord {
  cells: string[];
  line: number;
}

/**
 * Splits CSV text into records with physical line numbers, correct after a quoted cell that
 * holds a line break. Blank lines are skipped. An unterminated quote is reported on the line
 * where the cell starts, and the rest of the file is not read as data.
 */
export function readRecords(text: string, file: string, problems: Problems): RawRecord[] {
  const records: RawRecord[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let start = 0;
  let broken = false;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    newline: undefined,
    skipEmptyLines: false,
    step: (result) => {
      const line = lineAt(start);
      start = result.meta.cursor;
      if (broken) return;
      if (result.errors.some((e) => e.type === 'Quotes')) {
        broken = true;
        problems.error({ file, line }, 'csv-quotes');
        return;
      }
      const cells = result.data.map((c) => c.trim());
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      if (cells.length === 0) return;
      records.push({ cells, line });
    },
  });
  return records;
}

interface HeaderMap<C extends Record<string, Column>> {
  /** Column index → key of the table's column. */
  keys: Map<number, keyof C & string>;
  /** Column index → header as written, for messages. */
  headers: string[];
  /** Columns not in the table, for tables that accept extra columns (assessments). */
  extra: Map<number, string>;
}

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

/** Fields whose value is a person's or household's name, checked for lost characters. */
const NAME_FIELDS = new Set(['name']);

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
  options: {
    allowExtra?: boolean;
    extraCell?: (row: Record<string, unknown>, header: string, raw: string, at: { file: string; line: number; column: number; field: string }) => boolean;
  } = {},
): { rows: RowOf<Table<C>>[]; rejected: Partial<RowOf<Table<C>>>[] } {
  const rows: RowOf<Table<C>>[] = [];
  const rejected: Partial<RowOf<Table<C>>>[] = [];
  const [header, ...data] = records;
  if (!header) {
    problems.error({ file, line: 0 }, 'file-empty');
    return { rows, rejected };
  }
  const map = mapHeader(header, table, file, problems, options.allowExtra);
  const width = header.cells.length;
  for (const rec of data) {
    let valid = true;
    const row: Record<string, unknown> = { file, line: rec.line };
    if (rec.cells.length > width) {
      problems.error({ file, line: rec.line, column: width + 1 }, 'csv-too-many-cells', { count: rec.cells.length, header: width });
      valid = false;
    }
    for (const [key, c] of Object.entries(table.columns)) row[key] = c.fallback;
    rec.cells.forEach((raw, i) => {
      const headerText = map.headers[i]?.trim() ?? '';
      const at = { file, line: rec.line, column: i + 1, field: headerText };
      const personal = raw === '' ? undefined : personalDataIn(raw);
      if (personal) {
        problems.error(at, personal);
        valid = false;
        return;
      }
      const key = map.keys.get(i);
      if (key === undefined) {
        const extraHeader = map.extra.get(i);
        if (extraHeader !== undefined && options.extraCell && !options.extraCell(row, extraHeader, raw, at)) valid = false;
        return;
      }
      if (raw === '') return;
      const result = table.columns[key]!.parse(raw);
      if (!result.ok) {
        problems.error(at, result.code, { field: headerText, ...result.args });
        valid = false;
        return;
      }
      row[key] = result.value;
      if (NAME_FIELDS.has(key) && typeof result.value === 'string' && looksLikeLostCharacter(result.value)) {
        problems.warn(at, 'lost-character', { value: raw });
      }
    });
    for (const [key, c] of Object.entries(table.columns)) {
      if (c.required && (row[key] === undefined || row[key] === '') && map.keys.size > 0) {
        const index = [...map.keys].find(([, k]) => k === key)?.[0];
        if (index === undefined) {
          valid = false; // the missing column is already reported on the header line
          continue;
        }
        if ((rec.cells[index] ?? '') === '') {
          problems.error({ file, line: rec.line, column: index + 1, field: c.zh }, 'missing-value', { field: c.zh });
          valid = false;
        }
      }
    }
    if (valid) rows.push(row as RowOf<Table<C>>);
    else rejected.push(row as Partial<RowOf<Table<C>>>);
  }
  return { rows, rejected };
}
