/**
 * Excel workbooks (.xlsx) read as a first-class input beside CSV: the sheet is turned into the
 * CSV text the readers take, cells as Excel shows them (a date as 2022-12-05, whole numbers as
 * typed, text with its leading zeros), one line per sheet row from row 1, so an error's line
 * and column letter are the sheet's row and column. The sheet read is the one named for the
 * file's month (12月, 2022-12, 2022年12月) or else the first. A workbook larger than
 * `MAX_BYTES`, or whose parts would expand past `MAX_EXPANDED`, is refused unread.
 *
 * The reader is @e965/xlsx, a republish of SheetJS 0.20.3 (no dependencies; past the
 * prototype-pollution and ReDoS fixes of 0.19.3 and 0.20.2).
 */
import * as XLSX from '@e965/xlsx';

export const MAX_BYTES = 50 * 1024 * 1024;
export const MAX_EXPANDED = 300 * 1024 * 1024;

/** `others`: the workbook's other sheets that hold something; they are not read, and the check says so. */
export type WorkbookResult = { ok: true; text: string; sheet: string; others: string[] } | { ok: false; reason: string };

/** Whether the bytes are a zip file (an .xlsx is one). */
const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Whether the zip is whole and holds a workbook: its end record, a central directory inside the
 * file, and an entry `xl/workbook.xml`. Checked before the reader sees the bytes: a truncated or
 * forged zip sent SheetJS into a loop that never ended.
 */
export function isWholeWorkbook(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return false;
  const entries = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (entries === 0 || offset + size > end) return false;
  let at = offset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return false;
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (name === 'xl/workbook.xml') return true;
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return false;
}

/** The sum of the uncompressed sizes the zip's central directory declares, without inflating anything. */
export function declaredSize(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (let i = 0; i + 46 <= bytes.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    total += view.getUint32(i + 24, true);
    i += 45;
  }
  return total;
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as Excel shows it: dates as ISO days, the rest as formatted. */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'e') return cell.w ?? '#ERROR!';
  if (cell.t === 'n' && cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
    const d = XLSX.SSF.parse_date_code(cell.v as number);
    if (d) return `${d.y}-${pad(d.m)}-${pad(d.d)}`;
  }
  if (cell.t === 'd' && cell.v instanceof Date) return `${cell.v.getUTCFullYear()}-${pad(cell.v.getUTCMonth() + 1)}-${pad(cell.v.getUTCDate())}`;
  return (cell.w ?? String(cell.v)).trim() === '' ? '' : (cell.w ?? String(cell.v));
}

/** The sheet for a file named like 2022-12.xlsx: 12月, 2022-12 or 2022年12月, else the first. */
function sheetFor(names: string[], file: string): string | undefined {
  const m = /(\d{4})-(\d{2})/.exec(file);
  if (m) {
    const month = Number(m[2]);
    const wanted = [`${month}月`, `${m[1]}-${m[2]}`, `${m[1]}年${month}月`, `${m[1]}年${m[2]}月`];
    const hit = names.find((n) => wanted.includes(n.trim()));
    if (hit) return hit;
  }
  return names[0];
}

/** Reads a workbook's sheet as CSV text, or says why it cannot. */
export function workbookText(bytes: Uint8Array, file: string): WorkbookResult {
  if (!isZip(bytes)) return { ok: false, reason: '不是 Excel 工作簿（.xlsx）的格式，可能是改了扩展名的其他文件' };
  if (bytes.length > MAX_BYTES) return { ok: false, reason: `文件有 ${(bytes.length / 1048576).toFixed(1)} MB，超过 ${MAX_BYTES / 1048576} MB 的上限` };
  if (declaredSize(bytes) > MAX_EXPANDED) return { ok: false, reason: `解压后超过 ${MAX_EXPANDED / 1048576} MB，不像是正常的表格` };
  if (!isWholeWorkbook(bytes)) return { ok: false, reason: '文件不完整或已损坏（也可能不是 Excel 工作簿）' };
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'array', cellDates: false, cellNF: true, cellFormula: false, cellHTML: false, dense: false });
  } catch (e) {
    return { ok: false, reason: `无法打开：${(e as Error).message}` };
  }
  const name = sheetFor(wb.SheetNames, file);
  const sheet = name === undefined ? undefined : wb.Sheets[name];
  const others = wb.SheetNames.filter((n) => n !== name && hasCells(wb.Sheets[n]));
  if (!sheet || !sheet['!ref']) return { ok: true, text: '', sheet: name ?? '', others };
  const range = XLSX.utils.decode_range(sheet['!ref']);
  const lines: string[] = [];
  // From row 1 and column A, whatever the sheet's used range: line N is Excel's row N.
  for (let r = 0; r <= range.e.r; r++) {
    const cells: string[] = [];
    for (let c = 0; c <= range.e.c; c++) cells.push(quote(cellText(sheet[XLSX.utils.encode_cell({ r, c })])));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    lines.push(cells.join(','));
  }
  return { ok: true, text: lines.join('\n') + '\n', sheet: name!, others };
}

/**
 * Whether a sheet holds a table: two rows or more with two filled cells or more. A sheet of
 * notes (说明, one paragraph in A1) is not one.
 */
function hasCells(sheet: XLSX.WorkSheet | undefined): boolean {
  if (!sheet) return false;
  const filled = new Map<number, number>();
  for (const key of Object.keys(sheet)) {
    if (key.startsWith('!') || cellText(sheet[key] as XLSX.CellObject).trim() === '') continue;
    const row = XLSX.utils.decode_cell(key).r;
    filled.set(row, (filled.get(row) ?? 0) + 1);
  }
  return [...filled.values()].filter((n) => n >= 2).length >= 2;
}
