import { describe, expect, test } from 'vitest';
import { eachRecord, readRecords } from '../../src/data/csv.ts';
import { Problems } from '../../src/data/errors.ts';

/** Records as `line: cells`, read in pieces of `size` characters. */
function read(text: string, size?: number): string[] {
  const out: string[] = [];
  eachRecord(text, 'data/ledger/2022-01.csv', new Problems(), (cells, line) => out.push(`${line}: ${cells.join('|')}`), size);
  return out;
}

describe('eachRecord', () => {
  const texts: [string, string][] = [
    ['LF', '日期,对象\n2022-01-05,P1\n\n2022-01-06, P2 \n2022-01-07,P3\n'],
    ['CRLF', '日期,对象\r\n2022-01-05,P1\r\n\r\n2022-01-06,P2\r\n2022-01-07,P3'],
    ['blank lines first and last', '\n\n日期,对象\n2022-01-05,P1\n\n\n'],
    ['a lone LF inside a CRLF file', '日期,说明\r\n2022-01-05,一\n二\r\n2022-01-06,三\r\n'],
  ];

  test.each(texts)('%s: every piece size gives the records of one whole parse', (_name, text) => {
    const whole = read(text);
    for (let size = 1; size <= text.length; size++) expect(read(text, size), `pieces of ${size}`).toEqual(whole);
  });

  test('lines count blank lines and the line break inside a quoted cell', () => {
    expect(read('日期,说明\n\n2022-01-05,"一\n二"\n2022-01-06,三\n')).toEqual(['1: 日期|说明', '3: 2022-01-05|一\n二', '5: 2022-01-06|三']);
  });

  test('a quote-free file of many rows keeps the physical line of each', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `2022-01-${String((i % 28) + 1).padStart(2, '0')},P${i}`);
    const text = ['日期,对象', ...rows, '', ...rows].join('\n');
    expect(read(text, 64).at(-1)).toBe(`1002: ${rows.at(-1)!.replace(',', '|')}`);
  });
});

describe('readRecords', () => {
  test('an unterminated quote is reported where its cell starts, and nothing after it is read', () => {
    const problems = new Problems();
    const records = readRecords('编号,名称\nM1,"甲\nM2,乙\n', 'data/merchants.csv', problems);
    expect(records.map((r) => r.line)).toEqual([1]);
    expect(problems.errors.map((e) => `${e.line} ${e.code}`)).toEqual(['2 csv-quotes']);
  });
});
