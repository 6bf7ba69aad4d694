import { describe, expect, test } from 'vitest';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProject } from '../../src/data/check.ts';
import { decodeText } from '../../src/data/encoding.ts';
import { fixture, FIXTURES } from '../helpers/fixture.ts';

const PEOPLE = readFileSync(join(FIXTURES, '_base/data/people.csv'), 'utf8');
const LEDGER = readFileSync(join(FIXTURES, '_base/data/ledger/2022-01.csv'), 'utf8');

const variants: [string, (text: string) => Uint8Array][] = [
  ['UTF-8, LF', (t) => Buffer.from(t, 'utf8')],
  ['UTF-8 with BOM, CRLF', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t.replace(/\n/g, '\r\n'), 'utf8')])],
  ['GBK, CRLF (Excel in China)', (t) => iconv.encode(t.replace(/\n/g, '\r\n'), 'gbk')],
  ['GBK, LF', (t) => iconv.encode(t, 'gbk')],
];

/** Rows without their file names (which do not change) for comparison. */
function rowsOf(root: string) {
  const { dataset, problems } = checkProject(root);
  return { people: dataset.people, ledger: dataset.ledger, errors: problems.errors };
}

describe('the same data in every encoding Excel and WPS write', () => {
  const expected = rowsOf(fixture());
  test.each(variants)('%s parses to identical rows', (_name, encode) => {
    const got = rowsOf(fixture(undefined, { 'data/people.csv': encode(PEOPLE), 'data/ledger/2022-01.csv': encode(LEDGER) }));
    expect(got.errors).toEqual([]);
    expect(got.people).toEqual(expected.people);
    expect(got.ledger).toEqual(expected.ledger);
  });
});

describe('decodeText', () => {
  test('a BOM wins', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).encoding).toBe('utf-8-bom');
  });
  test('valid UTF-8 is UTF-8', () => {
    expect(decodeText(Buffer.from('王建国', 'utf8'))).toEqual({ text: '王建国', encoding: 'utf-8' });
  });
  test('anything else is GB18030', () => {
    expect(decodeText(iconv.encode('王建国', 'gbk'))).toEqual({ text: '王建国', encoding: 'gb18030' });
  });
});

describe('nothing is dropped', () => {
  test('every data row of every CSV file is either accepted or reported', () => {
    const root = fixture('many-errors');
    const { dataset, problems } = checkProject(root);
    const reportedLines = (file: string) => new Set(problems.errors.filter((e) => e.file === file).map((e) => e.line));
    const cases: [string, { line: number; file: string }[], number][] = [
      ['data/people.csv', dataset.people, 5],
      ['data/units.csv', dataset.units, 4],
      ['data/merchants.csv', dataset.merchants, 2],
      ['data/shop/items.csv', dataset.items, 3],
      ['data/honors.csv', dataset.honors, 2],
      ['data/ledger/2022-01.csv', dataset.ledger.filter((r) => r.file === 'data/ledger/2022-01.csv'), 4],
      ['data/ledger/2022-02-gbk.csv', dataset.ledger.filter((r) => r.file === 'data/ledger/2022-02-gbk.csv'), 4],
    ];
    for (const [file, rows, total] of cases) {
      const accepted = rows.filter((r) => r.file === file).length;
      expect(accepted + reportedLines(file).size, file).toBe(total);
    }
  });
});
