/**
 * Reads every file of the contract under a project root: the only module that touches the
 * file system for data. Returns the accepted rows and every problem found, located.
 */
import { readFileSync, readdirSync, existsSync, statSync, openSync, fstatSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { textOf, readFileRows, startReading, type FilePart, type Reading } from './split-read.ts';
import { Problems, type Place } from '../check/errors.ts';
import { readRecords, parseRows } from './csv.ts';
import { tables, IGNORED_HEADERS, type Column, type Table, type RowOf, type Assessment, type LedgerRow } from '../schema/tables.ts';
import { Ledger, LedgerBuilder } from '../schema/ledger-columns.ts';
import { siteSchema, schemeSchema, type Scheme } from '../schema/settings.ts';
import { parseYaml, parseYamlList } from './yaml.ts';
import { parseEntry } from './content.ts';
import { newsSchema, noticeSchema, type NewsEntry, type NoticeEntry } from '../schema/content.ts';
import { numberCell } from '../schema/cells.ts';
import { accountForFiles } from './files.ts';
import { asUtf8Bytes } from './encoding.ts';
import { workbookText } from './xlsx.ts';
import { runNow, type Steps } from './steps.ts';
import type { Dataset } from '../schema/dataset.ts';

/** Rows that failed validation but whose ids parsed: references to them are not reported again. */
export interface Rejected {
  ids: Set<string>;
  rules: Set<string>;
  items: Set<string>;
  schemes: Set<string>;
  /**
   * Subjects with a ledger row that was reported, and the earliest date of such a row ('' when
   * a row's date could not be read): their balance from that date on is not known for sure.
   */
  ledgerSubjects: Map<string, string>;
  /** Items with a stock row that was reported: their stock is not known for sure. */
  stockItems: Set<string>;
}

export interface Loaded {
  dataset: Dataset;
  rejected: Rejected;
  problems: Problems;
  /** Every file read, relative path → bytes, in path order: the input of the data version. */
  files: Map<string, Uint8Array>;
  /** Excel workbooks read: relative path → the sheet read. */
  sheets: Map<string, string>;
  /** Settings files that are not YAML at all: the rest of the data was not read, and is not checked. */
  blocked: string[];
}

/** Lists `dir/*.csv` (and `.xlsx`, or `.mdx`) relative to root, sorted by name for a stable order. */
function listFiles(root: string, dir: string, ext: string | string[]): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const exts = typeof ext === 'string' ? [ext] : ext;
  return readdirSync(abs)
    .filter((f) => exts.some((e) => f.toLowerCase().endsWith(e)) && !f.startsWith('.') && !f.startsWith('~$'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** What a table of several files is read from: CSV files and Excel workbooks. */
const TABLE_FILES = ['.csv', '.xlsx'];

export function loadProject(root: string): Loaded {
  return runNow(loadProjectSteps(root));
}

/**
 * `loadProject` as steps (src/data/steps.ts). `alongside`, the ledger is read on workers only,
 * and this thread is free while they read (the build checks the data while Astro starts).
 */
export function* loadProjectSteps(root: string, alongside = false): Steps<Loaded> {
  const problems = new Problems();
  // First what cannot be read at all: the cause comes before what it causes.
  accountForFiles(root, problems);
  const files = new Map<string, Uint8Array>();
  const sheets = new Map<string, string>();
  const rejected: Rejected = { ids: new Set(), rules: new Set(), items: new Set(), schemes: new Set(), ledgerSubjects: new Map(), stockItems: new Set() };

  /** Where the file being read goes, when it has a place: in the memory a large table's reading workers share (split-read.ts). */
  let place: Uint8Array | undefined;
  const readBytes = (rel: string, required: boolean): Uint8Array | undefined => {
    const abs = join(root, rel);
    if (!existsSync(abs)) {
      if (required) problems.error({ file: rel, line: 0 }, 'file-unreadable', { reason: '文件不存在' });
      return undefined;
    }
    let bytes: Uint8Array;
    try {
      bytes = (place && readInto(abs, place)) ?? readFileSync(abs);
    } catch (e) {
      problems.error({ file: rel, line: 0 }, 'file-unreadable', { reason: String((e as Error).message) });
      return undefined;
    }
    files.set(rel, bytes);
    if (rel.toLowerCase().endsWith('.xlsx')) {
      // A workbook is read as the CSV text of its sheet, row N of the sheet on line N.
      const book = workbookText(bytes, rel);
      if (!book.ok) {
        problems.error({ file: rel, line: 0 }, 'workbook-unreadable', { reason: book.reason });
        return undefined;
      }
      sheets.set(rel, book.sheet);
      // Rows typed on another sheet would be left out without a word.
      if (book.others.length > 0) problems.warn({ file: rel, line: 0 }, 'workbook-other-sheets', { sheet: book.sheet, others: book.others.map((n) => `“${n}”`).join('、') });
      return Buffer.from(book.text, 'utf8');
    }
    // A UTF-16 file (Excel's "Unicode text") is read as the UTF-8 it holds: the readers split by lines.
    return asUtf8Bytes(bytes);
  };
  const readText = (rel: string, required: boolean): string | undefined => {
    const bytes = readBytes(rel, required);
    return bytes === undefined ? undefined : textOf(rel, bytes, problems);
  };

  function readTable<C extends Record<string, Column>>(
    table: Table<C>,
    csv: string,
    required = false,
  ): { rows: RowOf<Table<C>>[]; rejected: Partial<RowOf<Table<C>>>[] } {
    // people.xlsx in place of people.csv is read as well (both: files.ts reports the pair).
    const xlsx = csv.replace(/\.csv$/, '.xlsx');
    const rel = !existsSync(join(root, csv)) && existsSync(join(root, xlsx)) ? xlsx : csv;
    const bytes = readBytes(rel, required);
    const rows: RowOf<Table<C>>[] = [];
    const rejected = bytes === undefined ? [] : readFileRows(table, { rel, bytes }, problems, rows);
    return { rows, rejected };
  }

  /** Starts reading a table of several files; every file's rows join one list, in file order. */
  function startGlob<C extends Record<string, Column>>(table: Table<C>, onWorkers = false): Reading<C> {
    const dir = `data/${table.path.replace(/\/\*\.csv$/, '')}`;
    // Listed with their sizes first: the workers start loading while the files are read, each straight into its place.
    const listed = listFiles(root, dir, TABLE_FILES).map((rel) => ({ rel, size: sizeOf(join(root, rel)) }));
    const reading = startReading(table, listed, onWorkers);
    let k = 0;
    try {
      for (; k < listed.length; k++) {
        place = reading.placeOf(k);
        reading.put(k, readBytes(listed[k]!.rel, false));
      }
    } finally {
      // Should reading a file throw, the workers are not left waiting for the files after it.
      place = undefined;
      for (; k < listed.length; k++) reading.put(k, undefined);
    }
    return reading;
  }

  // The ledger is most of the data: a large one is read on a second thread as well, which
  // starts now and is under way while this thread reads the smaller files.
  const ledgerReading = startGlob(tables.ledger, alongside);

  const siteText = readText('data/site.yaml', true);
  const siteRead = siteText === undefined ? undefined : parseYaml(siteText, 'data/site.yaml', siteSchema, problems);
  const site = siteRead?.value;
  if (site && siteText !== undefined) warnExampleBaseUrl(site.baseUrl, siteText, problems);
  const schemesText = readText('data/schemes.yaml', true);
  const schemeRead =
    schemesText === undefined ? { items: [], rejectedIds: [], unreadable: false } : parseYamlList(schemesText, 'data/schemes.yaml', schemeSchema, problems);
  const schemes: Scheme[] = schemeRead.items;
  for (const id of schemeRead.rejectedIds) rejected.schemes.add(id);
  // A settings file that is not YAML at all is the cause of whatever else would go wrong
  // (one typo in schemes.yaml made every rule, row and notice name an unknown scheme: 496
  // errors, the cause at line 261 of the report). It is reported alone; the rest waits.
  const blocked = [...(siteRead?.unreadable ? ['data/site.yaml'] : []), ...(schemeRead.unreadable ? ['data/schemes.yaml'] : [])];
  if (blocked.length > 0) {
    ledgerReading.finish(new Problems());
    return { dataset: emptyDataset(siteSchema.parse({ name: '积分公示栏', organiser: '—' })), rejected, problems, files, sheets, blocked };
  }

  const withIds = <T extends { id?: string }>(r: { rows: T[]; rejected: Partial<T>[] }) => {
    for (const x of r.rejected) if (x.id) rejected.ids.add(x.id);
    return r.rows;
  };
  const units = withIds(readTable(tables.units, 'data/units.csv', true));
  const people = withIds(readTable(tables.people, 'data/people.csv'));
  const households = withIds(readTable(tables.households, 'data/households.csv'));
  const merchants = withIds(readTable(tables.merchants, 'data/merchants.csv'));
  const ruleRead = readTable(tables.rules, 'data/rules.csv');
  for (const r of ruleRead.rejected) if (r.code) rejected.rules.add(r.code);
  const itemRead = readTable(tables.items, 'data/shop/items.csv');
  for (const r of itemRead.rejected) if (r.id) rejected.items.add(r.id);

  const assessments: Assessment[] = [];
  for (const rel of listFiles(root, 'data/assessments', TABLE_FILES)) {
    const text = readText(rel, false);
    if (text === undefined) continue;
    const records = readRecords(text, rel, problems);
    const sheet = assessmentColumns(records[0]?.cells ?? []);
    const read = parseRows(records, tables.assessments, rel, problems, {
      allowExtra: true,
      extraCell: (row, header, raw, at) => assessedCell(row, header, raw, at, problems),
    });
    for (const row of read.rows) {
      const values = (row as unknown as { values?: Record<string, number> }).values ?? {};
      assessments.push({ ...row, values, sheet });
    }
  }

  const stockRead = readTable(tables.stock, 'data/shop/stock.csv');
  for (const r of stockRead.rejected) if (r.item) rejected.stockItems.add(r.item);
  // The other tables before the ledger is put together: read here while the ledger's last
  // files are still being read on the other thread, not after them with that thread idle.
  const redemptions = startGlob(tables.redemptions).finish(problems);
  const honors = readTable(tables.honors, 'data/honors.csv').rows;
  const news = readEntries(root, 'content/news', newsSchema, readText, problems) as NewsEntry[];
  const notices = readEntries(root, 'content/notices', noticeSchema, readText, problems) as NoticeEntry[];
  const ledger = yield* ledgerOf(ledgerReading, problems, rejected);

  const dataset: Dataset = {
    site: site ?? siteSchema.parse({ name: '积分公示栏', organiser: '—' }),
    schemes,
    units,
    people,
    households,
    merchants,
    rules: ruleRead.rows,
    ledger,
    assessments,
    items: itemRead.rows,
    stock: stockRead.rows,
    redemptions,
    honors,
    news,
    notices,
  };
  return { dataset, rejected, problems, files, sheets, blocked: [] };
}

/** A file's size in bytes (0 when it cannot be read: its error comes when it is read). */
function sizeOf(abs: string): number {
  try {
    return statSync(abs).size;
  } catch {
    return 0;
  }
}

/**
 * Reads a file into `place`: its bytes there. Undefined when it no longer fits (it grew since its
 * size was taken): the caller reads it on its own.
 */
function readInto(abs: string, place: Uint8Array): Uint8Array | undefined {
  const fd = openSync(abs, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > place.length) return undefined;
    let read = 0;
    for (let n = -1; read < size && n !== 0; read += n) n = readSync(fd, place, read, size - read, null);
    return place.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * The ledger's files as one `Ledger`, in file order, each file's columns put in as soon as it
 * and the files before it are read (while the last files are still being read), without
 * becoming objects. A pause after each file.
 */
function* ledgerOf(reading: Reading<typeof tables.ledger.columns>, problems: Problems, rejected: Rejected): Steps<Ledger> {
  const keys = Object.keys(tables.ledger.columns);
  // Room for a row every 64 bytes (a generated street's rows take some 80): the columns grow if a ledger's rows are shorter.
  const builder = new LedgerBuilder(Math.floor(reading.bytes / 64));
  yield* reading.partsSteps(
    problems,
    (r) => r.subject && rejectLedgerRow(rejected, r.subject, r.date),
    true,
    (part) => {
      if ('encoded' in part) builder.addEncoded(part.rel, keys, part.encoded);
      else for (const row of part.rows) builder.add(row as LedgerRow);
    },
  );
  return builder.done();
}

function emptyDataset(site: Dataset['site']): Dataset {
  return { site, schemes: [], units: [], people: [], households: [], merchants: [], rules: [], ledger: Ledger.from([]), assessments: [], items: [], stock: [], redemptions: [], honors: [], news: [], notices: [] };
}

/** A score cell of an assessment sheet: the header names an assessed category. */
function assessedCell(
  row: Record<string, unknown>,
  header: string,
  raw: string,
  at: Place,
  problems: Problems,
): boolean {
  if (raw === '') return true; // a blank score is reported with the row's scheme in validate
  const n = numberCell(raw);
  if (!n.ok) {
    problems.error(at, n.code, n.args);
    return false;
  }
  const values = ((row.values as Record<string, number> | undefined) ??= {});
  values[header] = n.value;
  return true;
}

/** Score columns of an assessment sheet: header → 1-based column, fixed columns left out. */
function assessmentColumns(header: string[]): Record<string, number> {
  const fixed = Object.values(tables.assessments.columns).flatMap((c) => [c.zh, c.en.toLowerCase()]);
  const sheet: Record<string, number> = {};
  header.forEach((h, i) => {
    const t = h.replace(/^\uFEFF/, '').trim();
    if (t !== '' && !fixed.includes(t) && !fixed.includes(t.toLowerCase()) && !IGNORED_HEADERS.includes(t.toLowerCase())) sheet[t] = i + 1;
  });
  return sheet;
}

function readEntries(
  root: string,
  dir: string,
  schema: typeof newsSchema | typeof noticeSchema,
  readText: (rel: string, required: boolean) => string | undefined,
  problems: Problems,
): (NewsEntry | NoticeEntry)[] {
  const entries: (NewsEntry | NoticeEntry)[] = [];
  for (const rel of [...listFiles(root, dir, '.mdx'), ...listFiles(root, dir, '.md')].sort()) {
    const text = readText(rel, false);
    if (text === undefined) continue;
    const parsed = parseEntry(text, rel, schema, problems);
    if (!parsed) continue;
    const slug = rel.slice(dir.length + 1).replace(/\.mdx?$/, '');
    if (!/^[A-Za-z0-9_-]+$/.test(slug)) {
      problems.error({ file: rel, line: 1 }, 'bad-id', { value: slug });
      continue;
    }
    entries.push({ ...(parsed.meta as object), slug, file: rel, body: parsed.body } as NewsEntry | NoticeEntry);
  }
  return entries;
}

/** Addresses that are no site's: the schema's default and the documentation's examples. */
const EXAMPLE_HOSTS = /^(example\.(org|com|net)|www\.example\.(org|com|net)|localhost|127\.0\.0\.1)$/i;

/**
 * A baseUrl left at the example address (or unset, which is the same default): every QR code on
 * a poster, a shelf label and the TV would lead there. Said once, at its line in site.yaml.
 */
function warnExampleBaseUrl(baseUrl: string, siteText: string, problems: Problems): void {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return; // the schema reported it
  }
  if (!EXAMPLE_HOSTS.test(host) && !host.endsWith('.example')) return;
  const line = siteText.split(/\r?\n/).findIndex((l) => /^\s*baseUrl\s*:/.test(l)) + 1;
  problems.warn({ file: 'data/site.yaml', line, field: 'baseUrl' }, 'base-url-example', { url: baseUrl });
}

/** Notes a reported ledger row of `subject`: its balance is unsure from `date` on (from the start when the date is not known). */
export function rejectLedgerRow(rejected: Rejected, subject: string, date: string | undefined): void {
  const from = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '';
  const before = rejected.ledgerSubjects.get(subject);
  if (before === undefined || from < before) rejected.ledgerSubjects.set(subject, from);
}
