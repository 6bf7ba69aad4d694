import { describe, expect, test } from 'vitest';
import { schemePeriods } from '../../src/domain/scheme-periods.ts';
import { assessment, dataset, entry, rule, scheme } from './build.ts';

const credit = scheme({ id: 'credit', name: '信义积分', subject: 'household', period: 'month', categories: [{ id: '信义分' }] });
const party = scheme({
  id: 'party', name: '党员积分', subject: 'person', period: 'year', categories: [{ id: '加分项' }, { id: '民主评议', assessed: true }],
});
const rules = [
  rule('C1', 'credit', '信义分', { points: 2 }),
  rule('C2', 'credit', '信义分', { points: -2 }),
  rule('L1', 'party', '加分项', { points: 1, linked: 'credit' }),
];

describe('schemePeriods', () => {
  test('periods of the scheme kind with a counted row, in order', () => {
    const data = dataset({ rules, ledger: [entry('2022-11-03', 'H-1', 'C1'), entry('2022-10-09', 'H-1', 'C1')] });
    expect(schemePeriods(data, credit)).toEqual(['2022-10', '2022-11']);
  });

  test('a row still under review makes no period', () => {
    const data = dataset({ rules, ledger: [entry('2022-10-09', 'H-1', 'C1', { status: '待审核' })] });
    expect(schemePeriods(data, credit)).toEqual([]);
  });

  test('an assessment makes a period', () => {
    const data = dataset({ rules, assessments: [assessment('2021', 'party', 'DY-1', { 民主评议: 18 })] });
    expect(schemePeriods(data, party)).toEqual(['2021']);
  });

  test("a linked household's positive row makes a period of the member scheme", () => {
    const data = dataset({ rules, ledger: [entry('2023-03-01', 'H-1', 'C1'), entry('2024-03-01', 'H-1', 'C2')] });
    expect(schemePeriods(data, party)).toEqual(['2023']);
  });
});
