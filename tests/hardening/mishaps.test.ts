import { describe, expect, test } from 'vitest';
import { checkProject } from '../../src/check/check.ts';
import { fixture } from '../helpers/fixture.ts';

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
