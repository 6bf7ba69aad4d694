/**
 * Every file an editor puts under data/ or content/ is read or named: nothing is skipped in
 * silence while the check says all is well, and no month is counted twice.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProject } from '../../src/data/check.ts';
import { fixture, FIXTURES } from '../helpers/fixture.ts';

const ledger = readFileSync(join(FIXTURES, '_base/data/ledger/2022-01.csv'), 'utf8');
/** The bytes of a zip file's start: a workbook's, for all the check needs to know. */
const WORKBOOK = Buffer.from('504b0304140006000800000021000000000000000000', 'hex');

const errors = (extra: Record<string, string | Uint8Array>) => checkProject(fixture(undefined, extra)).problems.errors;

describe('files the build would not read', () => {
  test('an Excel workbook in data/ledger/ is an error that says how to save it as CSV, not a pass', () => {
    const found = errors({ 'data/ledger/2022-02.xlsx': WORKBOOK });
    expect(found.map((e) => [e.file, e.code])).toEqual([['data/ledger/2022-02.xlsx', 'file-not-read']]);
    expect(found[0]!.message).toContain('Excel 工作簿');
    expect(found[0]!.message).toContain('CSV UTF-8');
    expect(found[0]!.message).toContain('2022-02.csv');
  });

  test('WPS, old Excel, Numbers and .txt files are named, each with its kind', () => {
    const found = errors({ 'data/ledger/a.et': WORKBOOK, 'data/ledger/b.xls': WORKBOOK, 'data/assessments/c.numbers': WORKBOOK, 'data/ledger/d.txt': ledger });
    expect(found.map((e) => e.file).sort()).toEqual(['data/assessments/c.numbers', 'data/ledger/a.et', 'data/ledger/b.xls', 'data/ledger/d.txt']);
    expect(found.find((e) => e.file.endsWith('a.et'))!.message).toContain('WPS 表格');
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
    const found = errors({ 'data/ledger/2022-01.xlsx': WORKBOOK });
    expect(found.map((e) => e.code).sort()).toEqual(['file-duplicate-name', 'file-not-read']);
    expect(found.find((e) => e.code === 'file-duplicate-name')!.message).toContain('data/ledger/2022-01.csv');
  });
});
