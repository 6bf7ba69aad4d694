import { describe, expect, test } from 'vitest';
import { csvCell } from '../../src/view/export.ts';

describe('csvCell', () => {
  test.each([['=1+1', "'=1+1"], ['+86', "'+86"], ['-5', "'-5"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"]])('%s is made inert', (raw, safe) => {
    expect(csvCell(raw)).toBe(safe);
  });
  test('a carriage return at the start is prefixed and the cell quoted', () => expect(csvCell('\rx')).toBe(`"'\rx"`));
  test('quotes and commas are quoted as CSV wants', () => expect(csvCell('锦园,"东"')).toBe('"锦园,""东"""'));
  test('plain text and numbers pass unchanged', () => {
    expect(csvCell('王*国')).toBe('王*国');
    expect(csvCell(89.5)).toBe('89.5');
  });
});
