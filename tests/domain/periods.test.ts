import { describe, expect, test } from 'vitest';
import {
  comparePeriods, isDateIn, periodBounds, periodKind, periodOf, periodsOfDate, previousPeriod,
} from '../../src/domain/periods.ts';

describe('periodOf', () => {
  test('the year of a date', () => {
    expect(periodOf('2022-10-09', 'year')).toBe('2022');
  });

  test('the quarter of a date', () => {
    expect(periodOf('2022-08-31', 'quarter')).toBe('2022-Q3');
  });

  test('the month of a date', () => {
    expect(periodOf('2022-10-09', 'month')).toBe('2022-10');
  });
});

describe('periodsOfDate', () => {
  test('year, quarter and month in that order', () => {
    expect(periodsOfDate('2022-10-09')).toEqual(['2022', '2022-Q4', '2022-10']);
  });
});

describe('periodKind', () => {
  test('recognises each kind', () => {
    expect([periodKind('2022'), periodKind('2022-Q3'), periodKind('2022-10')]).toEqual(['year', 'quarter', 'month']);
  });

  test('refuses a string that is not a period', () => {
    expect(() => periodKind('2022-13')).toThrow();
  });
});

describe('periodBounds', () => {
  test('a year runs from 1 January to 31 December', () => {
    expect(periodBounds('2022')).toEqual({ start: '2022-01-01', end: '2022-12-31' });
  });

  test('the third quarter runs from July to September', () => {
    expect(periodBounds('2022-Q3')).toEqual({ start: '2022-07-01', end: '2022-09-30' });
  });

  test('February of a leap year has 29 days', () => {
    expect(periodBounds('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });
});

describe('isDateIn', () => {
  test('the last day of a month is in it', () => {
    expect(isDateIn('2022-10', '2022-10-31')).toBe(true);
  });

  test('the first day of the next month is not', () => {
    expect(isDateIn('2022-10', '2022-11-01')).toBe(false);
  });
});

describe('comparePeriods', () => {
  test('orders by start, the longer period first', () => {
    expect(['2022-02', '2022-Q1', '2021', '2022-01', '2022'].sort(comparePeriods)).toEqual([
      '2021', '2022', '2022-Q1', '2022-01', '2022-02',
    ]);
  });
});

describe('previousPeriod', () => {
  test('the month before January is December of the year before', () => {
    expect(previousPeriod('2022-01')).toBe('2021-12');
  });

  test('the quarter before Q1 is Q4 of the year before', () => {
    expect(previousPeriod('2022-Q1')).toBe('2021-Q4');
  });

  test('the year before', () => {
    expect(previousPeriod('2022')).toBe('2021');
  });
});
