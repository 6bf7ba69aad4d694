import { describe, expect, test } from 'vitest';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProject } from '../../src/check/check.ts';
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
  return { people: dataset.people, ledger: dataset.ledger.rows(), errors: problems.errors };
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
      ['data/ledger/2022-01.csv', dataset.ledger.rows().filter((r) => r.file === 'data/ledger/2022-01.csv'), 4],
      ['data/ledger/2022-02-gbk.csv', dataset.ledger.rows().filter((r) => r.file === 'data/ledger/2022-02-gbk.csv'), 4],
    ];
    for (const [file, rows, total] of cases) {
      const accepted = rows.filter((r) => r.file === file).length;
      expect(accepted + reportedLines(file).size, file).toBe(total);
    }
  });
});

describe('the encoding rule, on files editors save', () => {
  test('GBK whose bytes happen to be valid UTF-8 (English headers, 郑叶 and 志愿 the only Chinese) is read as GBK', () => {
    const text = 'id,name,unit,note\nP9,郑叶,ZB1,志愿\n';
    const bytes = iconv.encode(text, 'gbk');
    // The trap: as UTF-8 these bytes are valid, and say Hebrew and Cyrillic.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
    expect(decodeText(bytes)).toEqual({ text, encoding: 'gb18030' });
  });

  test('UTF-16 with its BOM (Excel’s “Unicode text”) is read', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('编号,姓名', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: '编号,姓名', encoding: 'utf-16le' });
    const be = Buffer.from([0xfe, 0xff, 0x7f, 0x16, 0x53, 0xf7]);
    expect(decodeText(be)).toEqual({ text: '编号', encoding: 'utf-16be' });
  });

  test('a UTF-8 BOM before GBK bytes reads the GBK, not “����”', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode('编号,姓名', 'gbk')])).text).toBe('编号,姓名');
  });

  test('a people.csv saved as UTF-16 (comma-separated) checks to the same rows; GBK-as-UTF-8 names publish right', () => {
    const expected = rowsOf(fixture());
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PEOPLE, 'utf16le')]);
    const got = rowsOf(fixture(undefined, { 'data/people.csv': utf16 }));
    expect(got.errors).toEqual([]);
    expect(got.people).toEqual(expected.people);
  });

  test('real UTF-8 with a Greek or Cyrillic letter stays UTF-8 when its bytes are no GBK', () => {
    expect(decodeText(Buffer.from('α粒子,Ж', 'utf8')).encoding).toBe('utf-8');
  });
});
