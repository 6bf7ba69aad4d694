import { describe, expect, test } from 'vitest';
import { dateCell, periodCell, numberCell, idCell, personalDataIn, booleanCell } from '../../src/schema/cells.ts';

const value = <T>(r: { ok: boolean; value?: T; code?: string }) => (r.ok ? r.value : r.code);

describe('dateCell', () => {
  test.each(['2022-10-09', '2022/10/9', '2022.10.9', '2022年10月9日', '２０２２-１０-０９'])('%s is 2022-10-09', (s) => {
    expect(value(dateCell(s))).toBe('2022-10-09');
  });
  test('an impossible date is an error', () => expect(value(dateCell('2022-02-29'))).toBe('impossible-date'));
  test('29 February of a leap year is a date', () => expect(value(dateCell('2024-02-29'))).toBe('2024-02-29'));
  test('an Excel serial number gets its own explanation', () => expect(value(dateCell('44835'))).toBe('excel-serial-date'));
});

describe('periodCell', () => {
  test.each([
    ['2022', '2022'], ['2022年', '2022'], ['2022-Q3', '2022-Q3'], ['2022年第3季度', '2022-Q3'],
    ['2022-10', '2022-10'], ['2022年10月', '2022-10'], ['2022-1', '2022-01'],
  ])('%s is %s', (s, p) => expect(value(periodCell(s))).toBe(p));
  test('month 13 is an error', () => expect(value(periodCell('2022-13'))).toBe('bad-period'));
});

describe('numberCell', () => {
  test('full-width digits and sign', () => expect(value(numberCell('－５'))).toBe(-5));
  test('one decimal', () => expect(value(numberCell('89.5'))).toBe(89.5));
  test('scientific notation from Excel is refused with its own code', () => expect(value(numberCell('1.23E+17'))).toBe('scientific-number'));
  test('words are not numbers', () => expect(value(numberCell('五'))).toBe('bad-number'));
});

describe('idCell', () => {
  test('letters, digits, - and _', () => expect(value(idCell('DY-001_a'))).toBe('DY-001_a'));
  test.each(['../etc', 'a b', '<b>', '张三'])('%s is refused', (s) => expect(value(idCell(s))).toBe('bad-id'));
});

describe('booleanCell', () => {
  test.each([['是', true], ['否', false], ['Yes', true], ['N', false]] as const)('%s', (s, b) => expect(value(booleanCell(s))).toBe(b));
});

describe('personalDataIn', () => {
  test.each(['13812345678', '电话 138-1234-5678', '+86 139 1234 5678'])('mobile %s', (s) => expect(personalDataIn(s)).toBe('personal-mobile'));
  test.each(['110101199003071234', '11010119900307123X', '110101900307123'])('ID number %s', (s) => expect(personalDataIn(s)).toBe('personal-id-number'));
  // UnionPay (62…), 19 and 16 digits, plain, in groups of four, and full-width; all pass the Luhn check.
  test.each(['6222021234567890128', '6222 0212 3456 7890 128', '4111-1111-1111-1111', '卡号：６２２８４８００１２３４５６７８９１１'])('bank card %s', (s) => expect(personalDataIn(s)).toBe('personal-bank-card'));
  test.each(['0635-1234567', '锦园3-2-301', '2022-10-09', '12345', '6222021234567890123', '1234567890123456', '0.5533333333333333', '{"rate":0.4111111111111111}'])('%s is not personal data', (s) => expect(personalDataIn(s)).toBeUndefined());
});
