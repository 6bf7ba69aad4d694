/**
 * Every file under `data/` and `content/` is read or named: an Excel workbook (.xlsx) is read
 * wherever a CSV may be; a workbook of another kind (.xls, WPS's .et, .numbers), a `.txt`, a
 * file in the wrong folder, or two files for one table (`2022-12.csv` beside `2022-12.CSV`,
 * one file on Windows and macOS, or beside `2022-12.xlsx`) is an error that says which file
 * and what to do, never a silent skip or a month counted twice.
 */
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import type { Problems } from '../check/errors.ts';

/** Files of `data/` read one by one. */
const DATA_FILES = new Set(['site.yaml', 'schemes.yaml', 'units.csv', 'people.csv', 'households.csv', 'merchants.csv', 'rules.csv', 'honors.csv', 'shop/items.csv', 'shop/stock.csv']);
/** Folders whose every `.csv` is read (a month, a sheet, a day's redemptions a file). */
const CSV_FOLDERS = new Set(['data/ledger', 'data/assessments', 'data/shop/redemptions']);
/** Folders of articles, and the pictures an article may show. */
const CONTENT_FOLDERS = new Set(['content/news', 'content/notices']);
const ARTICLE = new Set(['.mdx', '.md']);
const PICTURE = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.svg']);

/** Workbooks an editor saves by habit: named as such, with how to save a CSV instead. */
const WORKBOOK: Record<string, string> = {
  '.xlsx': 'Excel 工作簿',
  '.xlsm': '带宏的 Excel 工作簿',
  '.xls': 'Excel 97-2003 工作簿',
  '.et': 'WPS 表格',
  '.ett': 'WPS 表格模板',
  '.ods': 'OpenDocument 表格',
  '.numbers': 'Numbers 表格',
};

/** Not the editor's: git's, the system's, an office program's lock file of an open workbook. */
const ignored = (name: string) => name.startsWith('.') || name.startsWith('~$') || /^readme/i.test(name) || name === 'Thumbs.db' || name === 'desktop.ini';

function walk(root: string, dir: string, out: string[]): void {
  const abs = join(root, dir);
  if (!existsSync(abs)) return;
  for (const name of readdirSync(abs).sort()) {
    if (ignored(name)) continue;
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) walk(root, rel, out);
    else out.push(rel);
  }
}

const folderOf = (rel: string) => rel.slice(0, rel.lastIndexOf('/'));
const stemOf = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1, rel.length - extname(rel).length);

/** Why a file is not read, and how to save it so it is; undefined for a file that is read. */
function notRead(rel: string): string | undefined {
  const ext = extname(rel).toLowerCase();
  const folder = folderOf(rel);
  const stem = stemOf(rel);
  if (rel.startsWith('content/')) {
    if (CONTENT_FOLDERS.has(folder) && (ARTICLE.has(ext) || PICTURE.has(ext))) return undefined;
    if (CONTENT_FOLDERS.has(folder)) return `文章要用 .mdx 或 .md 文件（扩展名是 ${ext || '空'}）`;
    return '文章放在 content/news/（新闻）或 content/notices/（公示）文件夹里';
  }
  const inData = rel.slice('data/'.length);
  // Read whatever the case of the extension (2022-12.CSV); an exact name for single files; an
  // Excel workbook (.xlsx) wherever a CSV may be.
  if (DATA_FILES.has(inData) || (CSV_FOLDERS.has(folder) && (ext === '.csv' || ext === '.xlsx'))) return undefined;
  if (inData.endsWith('.xlsx') && DATA_FILES.has(inData.replace(/\.xlsx$/, '.csv'))) return undefined;
  const saveAs = `请在 Excel 或 WPS 中打开它，选“文件 → 另存为”，保存类型选“Excel 工作簿(*.xlsx)”或“CSV UTF-8（逗号分隔）(*.csv)”，文件名 ${stem}，然后删除这个文件`;
  if (WORKBOOK[ext]) return `这是 ${WORKBOOK[ext]}，公示栏读的是 CSV 文件和 Excel 工作簿（.xlsx）。${saveAs}`;
  if (ext === '.txt' || ext === '.tsv') return `扩展名是 ${ext}，公示栏读的是 .csv 和 .xlsx 文件。${saveAs}`;
  if (ext === '.csv' && !CSV_FOLDERS.has(folder)) {
    return `这里没有名为“${inData}”的表。data/ 下的表：units.csv、people.csv、households.csv、merchants.csv、rules.csv、honors.csv、shop/items.csv、shop/stock.csv；台账放在 data/ledger/，评分表放在 data/assessments/，兑换记录放在 data/shop/redemptions/`;
  }
  if (inData.toLowerCase() === 'site.yaml' || inData.toLowerCase() === 'schemes.yaml' || ext === '.yml') return `设置文件的名字必须是 data/site.yaml 和 data/schemes.yaml（小写，扩展名 .yaml）`;
  return `公示栏不认识扩展名为 ${ext || '（无）'} 的文件；请把它移出 data/ 文件夹`;
}

/**
 * Names every file under `data/` and `content/` that the build would not read, and every pair
 * of files that would be read as one table twice. Returns nothing: the problems say it.
 */
/**
 * The name a copy was made from: `2023-01 (1)`, `2023-01（1）`, `2023-01 - 副本`, `2023-01 - Copy`
 * or `2023-01 copy` are copies of `2023-01` that a browser or Windows made; undefined for a name
 * that is not a copy's.
 */
export function copyOf(stem: string): string | undefined {
  const m = /^(.*?)(?:\s*[(（]\d+[)）]|\s*-?\s*(?:副本|复制|拷贝|copy)(?:\s*[(（]?\d+[)）]?)?)$/i.exec(stem);
  return m && m[1]!.trim() !== '' ? m[1]!.trim() : undefined;
}

export function accountForFiles(root: string, problems: Problems): void {
  const files: string[] = [];
  walk(root, 'data', files);
  walk(root, 'content', files);
  for (const rel of files) {
    const why = notRead(rel);
    if (why !== undefined) problems.error({ file: rel, line: 0 }, 'file-not-read', { why });
  }
  // One table, two files: same folder and name but for the case, or a .csv beside a workbook.
  const byName = new Map<string, string[]>();
  for (const rel of files) {
    const ext = extname(rel).toLowerCase();
    if (ext !== '.csv' && !WORKBOOK[ext] && ext !== '.txt') continue;
    const key = `${folderOf(rel)}/${copyOf(stemOf(rel)) ?? stemOf(rel)}`.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), rel]);
  }
  for (const same of byName.values()) {
    if (same.length < 2) continue;
    // The file named as the contract names it (lower case, .csv) is the one kept; the other is the error.
    // A file that is read (.csv, then .xlsx) is kept before one that is not.
    const kind = (rel: string) => ({ '.csv': 0, '.xlsx': 2 })[extname(rel).toLowerCase()] ?? 4;
    const rank = (rel: string) => kind(rel) + (rel === rel.toLowerCase() ? 0 : 1) + (copyOf(stemOf(rel)) !== undefined ? 8 : 0);
    const [first, ...rest] = [...same].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    for (const other of rest) {
      const copy = copyOf(stemOf(other)) !== undefined;
      const caseOnly = extname(other).toLowerCase() === extname(first!).toLowerCase();
      problems.error({ file: other, line: 0 }, 'file-duplicate-name', {
        file: other,
        other: first!,
        why: copy ? '看起来是下载或复制时多出来的副本（文件名多了“(1)”“副本”之类），两个都会被读，每条记录算两遍' : caseOnly ? '文件名只差大小写，在 Windows 和 macOS 上就是同一个文件，这里会被读两遍' : '同一张表的两种格式',
      });
    }
  }
}
