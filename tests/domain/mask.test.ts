import { describe, expect, test } from 'vitest';
import { maskName } from '../../src/domain/mask.ts';

describe('maskName', () => {
  test('a two-character name keeps the first', () => {
    expect(maskName('孙红')).toBe('孙*');
  });

  test('a three-character name keeps the first and the last', () => {
    expect(maskName('张建国')).toBe('张*国');
  });

  test('a four-character name stars each character between', () => {
    expect(maskName('欧阳明华')).toBe('欧**华');
  });

  test('a one-character name is unchanged', () => {
    expect(maskName('红')).toBe('红');
  });

  test('a CJK Extension B character counts as one character', () => {
    expect(maskName('𠮷田')).toBe('𠮷*');
  });

  test('a rare last character is kept whole', () => {
    expect(maskName('王小𪚥')).toBe('王*𪚥');
  });
});
