import { describe, expect, test } from 'vitest';
import { postedPeriods } from '../../src/posters/from-board.ts';

const results = ['2021', '2022', '2022-Q3', '2022-Q4', '2022-11', '2022-12', '2022-10'].map((period) => ({ scheme: 'credit', period }));

describe('posters.periods', () => {
  test('latest: the newest year, quarter and month of each scheme', () => {
    const got = postedPeriods([...results, { scheme: 'party', period: '2021' }], (r) => r.scheme, 'latest');
    expect(got.map((r) => `${r.scheme}:${r.period}`)).toEqual(['credit:2022', 'credit:2022-Q4', 'credit:2022-12', 'party:2021']);
  });

  test('all: every period, in the order given', () => {
    expect(postedPeriods(results, (r) => r.scheme, 'all')).toEqual(results);
  });
});
