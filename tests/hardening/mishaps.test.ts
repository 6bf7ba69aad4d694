import { describe, expect, test } from 'vitest';
import { checkProject } from '../../src/check/check.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, FIXTURES } from '../helpers/fixture.ts';

/** Real spreadsheet mishaps, each with its own clear Chinese error and the fix. */
describe('a corpus of spreadsheet mishaps', () => {
  const { problems } = checkProject(fixture('spreadsheet-mishaps'));
  const at = (line: number) => problems.errors.filter((e) => e.file === 'data/ledger/2022-01.csv' && e.line === line);

  test('an Excel serial date says how to format the column', () => {
    expect(at(2).map((e) => e.code)).toEqual(['excel-serial-date']);
    expect(at(2)[0]!.message).toContain('日期序号');
  });
  test('a blank left by merged cells says to unmerge', () => {
    expect(at(3).map((e) => e.code)).toEqual(['missing-value']);
    expect(at(3)[0]!.message).toContain('合并');
  });
  test('#N/A from a broken lookup is named as an Excel error value', () => {
    expect(at(4).map((e) => e.code)).toEqual(['excel-error-value']);
  });
  test('an ID turned into 1.23E+17 says the digits are lost', () => {
    expect(at(5).map((e) => e.code)).toEqual(['scientific-number']);
  });
  test('a bidi override hidden in a note is refused', () => {
    expect(at(6).map((e) => e.code)).toEqual(['invisible-character']);
  });
  test('a trailing totals row is named as such, once', () => {
    expect(at(7).map((e) => e.code)).toEqual(['totals-row']);
  });
});

describe('a header with no column the table knows', () => {
  // people.csv and honors.csv saved in GBK and read back as UTF-8 by another tool: every header is garbled.
  const garbled = (text: string) => text.replace(/^[^\n]*/, (header) => header.replace(/[\u4e00-\u9fff]/g, '\uFFFD'));
  test('is reported whole, and none of its rows counts (nor crashes the later checks)', () => {
    const root = fixture(undefined, {
      'data/people.csv': garbled('编号,姓名,组织,身份,户号\nP9,王五,ZB1,党员,\n'),
      'data/honors.csv': garbled('周期,对象,荣誉,说明\n2022-01,M1,流动红旗,\n'),
    });
    const { dataset, problems } = checkProject(root);
    expect(problems.errors.filter((e) => e.file === 'data/people.csv' && e.line === 1).length).toBeGreaterThan(0);
    expect(problems.errors.filter((e) => e.line > 1).map((e) => e.code)).not.toContain('duplicate-id');
    expect(dataset.people).toEqual([]);
    expect(dataset.honors).toEqual([]);
  });
});

describe('one typo in a settings file', () => {
  const SCHEMES = readFileSync(join(FIXTURES, '_base/data/schemes.yaml'), 'utf8');

  test('a line indented one space less in schemes.yaml is one error, on its line, with the line as typed, and nothing else', () => {
    // `  name: 家庭信义积分` of the credit scheme typed with one space.
    const typo = SCHEMES.replace('  name: 家庭信义积分', ' name: 家庭信义积分');
    const line = typo.split('\n').findIndex((l) => l === ' name: 家庭信义积分') + 1;
    const { problems } = checkProject(fixture(undefined, { 'data/schemes.yaml': typo }));
    expect(problems.errors.map((e) => [e.file, e.line, e.code])).toEqual([['data/schemes.yaml', line, 'yaml-invalid']]);
    expect(problems.errors[0]!.message).toContain('“ name: 家庭信义积分”');
    expect(problems.errors[0]!.message).toMatch(/这一行前面有 1 个空格，和上面各行的缩进（[0-9、]*2[0-9、]* 个空格）都对不齐/);
  });

  test('a tab for indentation says so', () => {
    const { problems } = checkProject(fixture(undefined, { 'data/schemes.yaml': SCHEMES.replace('  name: 家庭信义积分', '\tname: 家庭信义积分') }));
    expect(problems.errors).toHaveLength(1);
    expect(problems.errors[0]!.message).toContain('Tab');
  });

  test('a Chinese colon after a setting’s name says so', () => {
    const { problems } = checkProject(fixture(undefined, { 'data/schemes.yaml': SCHEMES.replace('  period: quarter', '  period： quarter') }));
    expect(problems.errors.map((e) => e.code)).toEqual(['yaml-invalid']);
    expect(problems.errors[0]!.message).toContain('中文冒号');
    expect(problems.errors[0]!.message).toContain('“  period： quarter”');
  });

  test('a setting the board does not know is an error, never ignored: a colon without its space, a misspelt name', () => {
    const typo = SCHEMES.replace('redeemable: true', 'redeemabel: true').replace(/max: 15\b/, 'max:15');
    const { problems } = checkProject(fixture(undefined, { 'data/schemes.yaml': typo }));
    const unknown = problems.errors.filter((e) => e.code === 'yaml-unknown-key');
    expect(unknown.map((e) => e.message)).toEqual([
      expect.stringContaining('“max:15”：冒号后面要有一个空格，并且用英文冒号：写成“max: 15”'),
      expect.stringContaining('“redeemabel”：是不是“redeemable”？'),
    ]);
    expect(unknown.every((e) => e.file === 'data/schemes.yaml' && e.line > 0)).toBe(true);
  });

  test('a wrong value (valid YAML) still lets the other files be checked', () => {
    const { problems } = checkProject(fixture(undefined, {
      'data/schemes.yaml': SCHEMES.replace('period: quarter', 'period: weekly'),
      'data/ledger/2022-02.csv': '日期,对象,事项,审核人\n2022-02-30,P1,R02,刘书记\n',
    }));
    expect(problems.errors.map((e) => e.code).sort()).toEqual(['impossible-date', 'yaml-field']);
  });
});

describe('dates far from the data', () => {
  const HEADER = '日期,对象,事项,分值,数量,活动,说明,审核人,状态\n';
  const codes = (ledger: Record<string, string>) =>
    checkProject(fixture(undefined, Object.fromEntries(Object.entries(ledger).map(([f, rows]) => [`data/ledger/${f}`, HEADER + rows])))).problems.errors.map((e) => [e.file, e.line, e.code]);

  test('1900 and 2030 among 2022 files are errors on their lines; the rows publish no period', () => {
    expect(codes({ '2022-02.csv': '1900-02-03,P1,R02,,,,,刘书记,已核实\n2022-02-03,P1,R02,,,,,刘书记,已核实\n', 'misc.csv': '2030-02-03,P1,R02,,,,,刘书记,已核实\n' })).toEqual([
      ['data/ledger/2022-02.csv', 2, 'date-implausible-year'],
      ['data/ledger/misc.csv', 2, 'date-implausible-year'],
    ]);
  });

  test('a row after the month its file is named for is an error; a late row from the month before is not', () => {
    expect(codes({ '2022-02.csv': '2022-03-01,P1,R02,,,,,刘书记,已核实\n2022-01-28,P1,R02,,,,,刘书记,已核实\n' })).toEqual([['data/ledger/2022-02.csv', 2, 'date-after-file-month']]);
  });

  test('a row from more than a month before its file (the year not changed in a new file) is said, not refused', () => {
    const root = fixture(undefined, { 'data/ledger/2023-01.csv': `${HEADER}2022-01-05,P1,R02,,,,,刘书记,已核实\n` });
    const { problems } = checkProject(root);
    expect(problems.errors.filter((e) => e.code.startsWith('date-'))).toEqual([]);
    expect(problems.warnings.filter((w) => w.code === 'date-before-file-month').map((w) => [w.file, w.line])).toEqual([['data/ledger/2023-01.csv', 2]]);
  });

  test("last December's late row in the first file of a new year is ordinary", () => {
    const root = fixture(undefined, { 'data/ledger/2023-01.csv': `${HEADER}2022-12-30,P1,R02,,,,,刘书记,已核实\n` });
    expect(checkProject(root).problems.errors.filter((e) => e.code.startsWith('date-'))).toEqual([]);
  });
});

describe('a copy saved beside the file', () => {
  test('“2022-01 (1).csv” beside 2022-01.csv is an error naming both (every row would count twice)', () => {
    const ledger = readFileSync(join(FIXTURES, '_base/data/ledger/2022-01.csv'), 'utf8');
    for (const name of ['2022-01 (1).csv', '2022-01 - 副本.csv', '2022-01 copy.csv']) {
      const { problems } = checkProject(fixture(undefined, { [`data/ledger/${name}`]: ledger }));
      const dup = problems.errors.filter((e) => e.code === 'file-duplicate-name');
      expect(dup.map((e) => e.file), name).toEqual([`data/ledger/${name}`]);
      expect(dup[0]!.message).toContain('data/ledger/2022-01.csv');
      expect(dup[0]!.message).toContain('副本');
    }
  });
});

describe('ids and rows as editors mistype them', () => {
  const HEADER = '日期,对象,事项,分值,数量,活动,说明,审核人,状态\n';
  test('an id in the wrong case is named with the one meant', () => {
    const { problems } = checkProject(fixture(undefined, { 'data/ledger/2022-02.csv': `${HEADER}2022-02-03,p1,r02,,,,,刘书记,已核实\n` }));
    expect(problems.errors.map((e) => e.message)).toEqual([expect.stringContaining('找不到积分事项“r02”。是不是“R02”？')]);
    const subject = checkProject(fixture(undefined, { 'data/ledger/2022-02.csv': `${HEADER}2022-02-03,p1,R02,,,,,刘书记,已核实\n` })).problems.errors;
    expect(subject.map((e) => e.message)).toEqual([expect.stringContaining('找不到对象“p1”。是不是“P1”？')]);
  });

  test('a row pasted twice is a warning naming the first', () => {
    const row = '2022-02-03,P1,R02,,,,表彰,刘书记,已核实\n';
    const { problems } = checkProject(fixture(undefined, { 'data/ledger/2022-02.csv': HEADER + row + row }));
    expect(problems.errors).toEqual([]);
    expect(problems.warnings.filter((w) => w.code === 'duplicate-row').map((w) => [w.file, w.line, w.message.slice(0, 16)])).toEqual([['data/ledger/2022-02.csv', 3, '这一行和第 2 行一模一样，会算']]);
  });
});
