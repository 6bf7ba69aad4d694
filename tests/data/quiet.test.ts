/**
 * Quiet when all is well, short when much is wrong: a warning that is not due yet is not
 * printed, and many problems of one kind in one file are the first few and one line.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProject } from '../../src/check/check.ts';
import { formatReport } from '../../src/check/report.ts';
import { fixture, FIXTURES } from '../helpers/fixture.ts';

const base = (rel: string) => readFileSync(join(FIXTURES, '_base', rel), 'utf8');

describe('a warning only when it is due', () => {
  test('a new month in January: no year-end assessment is missing yet', () => {
    // P1 earns a point on 2023-01-05: the party scheme has a 2023 period, not over.
    const root = fixture(undefined, { 'data/ledger/2023-01.csv': `${base('data/ledger/2022-01.csv').split('\n')[0]}\n2023-01-05,P1,R02,,,,表彰,刘书记,已核实\n` });
    const { problems } = checkProject(root);
    expect(problems.sorted().warnings.filter((w) => w.code === 'assessment-missing')).toEqual([]);
  });

  test('once the data is past a period’s end, a missing score is said', () => {
    // The 2022 sheet without P2's row, and a row of 2023 in the ledger: 2022 is over.
    const sheet = base('data/assessments/2022-party.csv').split('\n').filter((l) => !l.includes(',P2,')).join('\n');
    const root = fixture(undefined, {
      'data/assessments/2022-party.csv': sheet,
      'data/ledger/2023-01.csv': `${base('data/ledger/2022-01.csv').split('\n')[0]}\n2023-01-05,P1,R02,,,,表彰,刘书记,已核实\n`,
    });
    const warnings = checkProject(root).problems.sorted().warnings.filter((w) => w.code === 'assessment-missing');
    expect(warnings.map((w) => w.message.split('，')[0])).toEqual(['P2 在 2022 没有“民主评议”的评分']);
  });
});

describe('many problems of one kind', () => {
  test('40 impossible dates in one file: three lines and one with the count and the rows', () => {
    const header = base('data/ledger/2022-01.csv').split('\n')[0];
    const rows = Array.from({ length: 40 }, () => '2022-01-32,P1,R02,,,,表彰,刘书记,已核实');
    const root = fixture(undefined, { 'data/ledger/2022-03.csv': `${header}\n${rows.join('\n')}\n` });
    const report = checkProject(root).problems.sorted();
    expect(report.errors).toHaveLength(40);
    const text = formatReport(report, 'text');
    const lines = text.split('\n').filter((l) => l.includes('[impossible-date]'));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain('另有 37 处同类问题：第 5、6、7');
    expect(text).toContain('共 40 个错误');
    // The JSON report still lists every one.
    expect(JSON.parse(formatReport(report, 'json')).errors).toHaveLength(40);
  });
});

describe('the cause first, once', () => {
  const ledger = base('data/ledger/2022-01.csv');
  const only = (extra: Record<string, string>) => checkProject(fixture(undefined, extra)).problems.sorted().errors.map((e) => `${e.file}:${e.line} ${e.code}`);

  test('a tab-separated “CSV” (Excel’s Unicode text) is one error naming the tabs, no missing columns', () => {
    expect(only({ 'data/ledger/2022-03.csv': ledger.replaceAll(',', '\t') })).toEqual(['data/ledger/2022-03.csv:1 csv-separator']);
  });

  test('a semicolon-separated file (a European Excel) is one error naming the semicolons', () => {
    const errors = checkProject(fixture(undefined, { 'data/ledger/2022-03.csv': ledger.replaceAll(',', ';') })).problems.sorted().errors;
    expect(errors.map((e) => e.code)).toEqual(['csv-separator']);
    expect(errors[0]!.message).toContain('英文分号');
  });

  test('a title row above the header is one error that says to delete it', () => {
    const errors = checkProject(fixture(undefined, { 'data/ledger/2022-03.csv': `2022年3月积分台账,,,,,,,,\n${ledger}` })).problems.sorted().errors;
    expect(errors.map((e) => `${e.line} ${e.code}`)).toEqual(['1 csv-no-header']);
    expect(errors[0]!.message).toContain('2022年3月积分台账');
    expect(errors[0]!.message).toContain('删除标题行');
  });
});
