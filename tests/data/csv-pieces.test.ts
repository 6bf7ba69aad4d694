import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { eachRecord, readRecords } from '../../src/data/csv.ts';
import { Problems } from '../../src/check/errors.ts';

/** Records as `line: cells`. */
function read(text: string): string[] {
  const out: string[] = [];
  eachRecord(text, 'data/ledger/2022-01.csv', new Problems(), (cells, line) => out.push(`${line}: ${cells.join('|')}`));
  return out;
}

/** The same, from papaparse's parse of the whole quote-free text: one row a line, cells trimmed, blank rows left out. */
function papaparse(text: string): string[] {
  return Papa.parse<string[]>(text, { delimiter: ',' })
    .data.map((cells, i) => {
      const trimmed = cells.map((c) => c.trim());
      while (trimmed.at(-1) === '') trimmed.pop();
      return `${i + 1}: ${trimmed.join('|')}`;
    })
    .filter((r) => !r.endsWith(': '));
}

describe('eachRecord', () => {
  const texts: [string, string][] = [
    ['LF', '日期,对象\n2022-01-05,P1\n\n2022-01-06, P2 \n2022-01-07,P3\n'],
    ['CRLF', '日期,对象\r\n2022-01-05,P1\r\n\r\n2022-01-06,P2\r\n2022-01-07,P3'],
    ['blank lines first and last', '\n\n日期,对象\n2022-01-05,P1\n\n\n'],
    ['CR only', '日期,对象\r2022-01-05,P1\r\r2022-01-06,P2'],
    ['mostly CRLF, one CR', '日期,对象\r\n2022-01-05,P1\r2022-01-06,P2\r\n2022-01-07,P3\r\n'],
    ['LF before the first CR', '日期,对象\n2022-01-05,P1\r\n2022-01-06,P2\r\n'],
    ['no line break, blank cells, a row wider than the header', '日期,,对象,,'],
    ['cells of spaces and empty lines between', '日期,对象\n \n , \n2022-01-05,P1,,x\n'],
  ];

  test.each(texts)('%s: the records of papaparse\'s parse of the whole text', (_name, text) => {
    expect(read(text)).toEqual(papaparse(text));
  });

  test('a line break that does not end a row counts as a physical line', () => {
    expect(read('日期,说明\r\n2022-01-05,一\n二\r\n2022-01-06,三\r\n')).toEqual(['1: 日期|说明', '2: 2022-01-05|一\n二', '4: 2022-01-06|三']);
    expect(read('日期,对象\r2022-01-05,P1\r\n2022-01-06,P2\r2022-01-07,P3\r')).toEqual(['1: 日期|对象', '2: 2022-01-05|P1', '3: 2022-01-06|P2', '5: 2022-01-07|P3']);
  });

  test('lines count blank lines and the line break inside a quoted cell', () => {
    expect(read('日期,说明\n\n2022-01-05,"一\n二"\n2022-01-06,三\n')).toEqual(['1: 日期|说明', '3: 2022-01-05|一\n二', '5: 2022-01-06|三']);
  });

  test('a quote-free file of many rows keeps the physical line of each', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `2022-01-${String((i % 28) + 1).padStart(2, '0')},P${i}`);
    const text = ['日期,对象', ...rows, '', ...rows].join('\n');
    expect(read(text).at(-1)).toBe(`1002: ${rows.at(-1)!.replace(',', '|')}`);
    expect(read(text)).toEqual(papaparse(text));
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
