/**
 * Every file an editor puts under data/ or content/ is read or named: nothing is skipped in
 * silence while the check says all is well, and no month is counted twice.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { formatReport } from '../../src/check/report.ts';
import { join } from 'node:path';
import { checkProject } from '../../src/check/check.ts';
import { fixture, FIXTURES } from '../helpers/fixture.ts';

const ledger = readFileSync(join(FIXTURES, '_base/data/ledger/2022-01.csv'), 'utf8');
/** The bytes of a zip file's start: a workbook's, for all the check needs to know. */
const WORKBOOK = Buffer.from('504b0304140006000800000021000000000000000000', 'hex');

const errors = (extra: Record<string, string | Uint8Array>) => checkProject(fixture(undefined, extra)).problems.errors;

/**
 * Replaces a CSV of the root by a workbook of the same name (.xlsx) whose sheets `sheets` makes
 * from the CSV's rows; returns the rows.
 */
function csvAsBook(root: string, csv: string, sheets: (rows: string[][]) => [string, string[][]][]): string[][] {
  const rows = readFileSync(join(root, csv), 'utf8').trim().split('\n').map((l) => l.split(','));
  rmSync(join(root, csv));
  const wb = XLSX.utils.book_new();
  for (const [name, cells] of sheets(rows)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(cells), name);
  writeFileSync(join(root, csv.replace(/\.csv$/, '.xlsx')), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return rows;
}

describe('files the build would not read', () => {
  test('a file named .xlsx that is no workbook is an error that says so, not a pass', () => {
    const found = errors({ 'data/ledger/2022-02.xlsx': WORKBOOK });
    expect(found.map((e) => [e.file, e.code])).toEqual([['data/ledger/2022-02.xlsx', 'workbook-unreadable']]);
  });

  test('WPS, old Excel, Numbers and .txt files are named, each with its kind', () => {
    const found = errors({ 'data/ledger/a.et': WORKBOOK, 'data/ledger/b.xls': WORKBOOK, 'data/assessments/c.numbers': WORKBOOK, 'data/ledger/d.txt': ledger });
    expect(found.map((e) => e.file).sort()).toEqual(['data/assessments/c.numbers', 'data/ledger/a.et', 'data/ledger/b.xls', 'data/ledger/d.txt']);
    expect(found.find((e) => e.file.endsWith('a.et'))!.message).toContain('WPS 表格');
    expect(found.find((e) => e.file.endsWith('a.et'))!.message).toContain('Excel 工作簿(*.xlsx)');
    expect(found.find((e) => e.file.endsWith('d.txt'))!.message).toContain('扩展名是 .txt');
  });

  test('a CSV in the wrong folder, or a misnamed table, is named with the tables there are', () => {
    const found = errors({ 'data/2022-02.csv': ledger, 'data/Households.csv': 'x' });
    expect([...new Set(found.map((e) => e.file))].sort()).toEqual(['data/2022-02.csv', 'data/Households.csv']);
    expect(found[0]!.message).toContain('台账放在 data/ledger/');
    // Households.csv beside households.csv: the same file on Windows and macOS, said too.
    expect(found.filter((e) => e.file === 'data/Households.csv').map((e) => e.code).sort()).toEqual(['file-duplicate-name', 'file-not-read']);
  });

  test('git files, an open workbook’s lock file, a README and an article’s picture are no one’s business', () => {
    expect(errors({ 'data/ledger/.gitkeep': '', 'data/ledger/~$2022-02.xlsx': WORKBOOK, 'data/README.md': '说明', 'content/news/photo.jpg': WORKBOOK })).toEqual([]);
  });
});

describe('one table, two files', () => {
  test('2022-01.csv beside 2022-01.CSV (one file on Windows and macOS) is an error naming both, the cause first', () => {
    const found = errors({ 'data/ledger/2022-01.CSV': ledger });
    expect(found[0]!.code).toBe('file-duplicate-name');
    expect(found[0]!.message).toContain('data/ledger/2022-01.CSV');
    expect(found[0]!.message).toContain('data/ledger/2022-01.csv');
    expect(found[0]!.message).toContain('只差大小写');
  });

  test('a .csv beside a workbook of the same month names both', () => {
    const found = errors({ 'data/ledger/2022-01.xlsx': readFileSync(join(FIXTURES, 'workbooks/ledger-2022-01.xlsx')) });
    expect(found.map((e) => e.code)).toContain('file-duplicate-name');
    expect(found.find((e) => e.code === 'file-duplicate-name')!.message).toContain('data/ledger/2022-01.csv');
  });
});

describe('Excel workbooks, read as they are', () => {
  const book = (name: string) => readFileSync(join(FIXTURES, 'workbooks', name));

  test('a month typed in Excel (a real date cell, numbers, text) gives the same rows as its CSV', () => {
    const csv = checkProject(fixture());
    const root = fixture();
    rmSync(join(root, 'data/ledger/2022-01.csv'));
    writeFileSync(join(root, 'data/ledger/2022-01.xlsx'), book('ledger-2022-01.xlsx'));
    const xlsx = checkProject(root);
    expect(xlsx.problems.errors).toEqual([]);
    const strip = (rows: { file: string }[]) => rows.map(({ file: _file, ...rest }) => rest);
    expect(strip(xlsx.dataset.ledger.rows())).toEqual(strip(csv.dataset.ledger.rows()));
  });

  test('an error in a workbook names the file, the sheet (the one named for the month), the row and the column letter', () => {
    const { problems } = checkProject(fixture(undefined, { 'data/ledger/2022-02.xlsx': book('ledger-2022-02-bad.xlsx') }));
    const [e] = problems.sorted().errors;
    expect(e).toMatchObject({ file: 'data/ledger/2022-02.xlsx', sheet: '2月', line: 4, column: 1, code: 'impossible-date' });
    expect(formatReport(problems.sorted(), 'text')).toContain('data/ledger/2022-02.xlsx 工作表“2月”\n  错误 第 4 行，第 1 列（A）');
  });

  test('people.xlsx in place of people.csv is read', () => {
    const root = fixture();
    const people = csvAsBook(root, 'data/people.csv', (rows) => [['人员', rows]]);
    const { dataset, problems } = checkProject(root);
    expect(problems.errors).toEqual([]);
    expect(dataset.people.map((p) => p.id)).toEqual(people.slice(1).map((r) => r[0]));
  });

  test('rows on another sheet of a month’s workbook are named in a warning, not dropped without a word', () => {
    const root = fixture();
    csvAsBook(root, 'data/ledger/2022-01.csv', (rows) => [['1月', rows], ['Sheet2', [rows[0]!, rows[1]!]], ['Sheet3', []]]);
    const { problems } = checkProject(root);
    expect(problems.errors).toEqual([]);
    const warned = problems.warnings.filter((w) => w.code === 'workbook-other-sheets');
    expect(warned.map((w) => w.file)).toEqual(['data/ledger/2022-01.xlsx']);
    expect(warned[0]!.message).toContain('只读了工作表“1月”；工作表 “Sheet2” 里也有内容');
  });

  test('a workbook whose parts would expand past the limit is refused unread', () => {
    // A zip whose central directory declares a 2 GB part.
    const bomb = Buffer.alloc(200);
    bomb.writeUInt32LE(0x04034b50, 0);
    bomb.writeUInt32LE(0x02014b50, 100);
    bomb.writeUInt32LE(2_000_000_000, 124);
    const found = errors({ 'data/ledger/2022-03.xlsx': bomb });
    expect(found.map((e) => e.code)).toEqual(['workbook-unreadable']);
    expect(found[0]!.message).toContain('解压后超过');
  });
});
