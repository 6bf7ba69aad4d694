import { describe, expect, test } from 'vitest';
import { addPoints, clampPoints, multiplyPoints, roundPoints, sumPoints } from '../../src/domain/numbers.ts';

describe('addPoints', () => {
  test('0.1 + 0.2 is 0.3', () => {
    expect(addPoints(0.1, 0.2)).toBe(0.3);
  });

  test('a deduction can take a sum below zero', () => {
    expect(addPoints(1.5, -2.25)).toBe(-0.75);
  });
});

describe('sumPoints', () => {
  test('ten rows of 0.1 sum to exactly 1', () => {
    expect(sumPoints(Array(10).fill(0.1))).toBe(1);
  });

  test('an empty list sums to 0', () => {
    expect(sumPoints([])).toBe(0);
  });
});

describe('roundPoints', () => {
  test('removes floating-point noise', () => {
    expect(roundPoints(0.30000000000000004)).toBe(0.3);
  });

  test('rounds to hundredths', () => {
    expect(roundPoints(8.956)).toBe(8.96);
  });

  test('never returns negative zero', () => {
    expect(Object.is(roundPoints(-0.001), 0)).toBe(true);
  });
});

describe('multiplyPoints', () => {
  test('3 × 0.1 is 0.3', () => {
    expect(multiplyPoints(0.1, 3)).toBe(0.3);
  });
});

describe('clampPoints', () => {
  test('a base score that would go below 0 stops at 0', () => {
    expect(clampPoints(-5, 0, 65)).toEqual({ value: 0, clamped: 'min' });
  });

  test('a bonus of 20 with max 15 counts 15', () => {
    expect(clampPoints(20, undefined, 15)).toEqual({ value: 15, clamped: 'max' });
  });

  test('a value inside the bounds is kept', () => {
    expect(clampPoints(7, 0, 15)).toEqual({ value: 7, clamped: null });
  });
});
