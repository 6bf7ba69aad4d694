import { describe, expect, test } from 'vitest';
import { rankChange, rankSubjects, rankWithin, sharedRanks } from '../../src/domain/ranking.ts';
import { board, person, scheme, unit } from './build.ts';

const r = (id: string, total: number, vetoed = false) => ({ id, total, vetoed });

describe('rankSubjects', () => {
  test('ranks by total, highest first', () => {
    expect(rankSubjects([r('A', 70), r('B', 90), r('C', 80)]).map((x) => [x.id, x.rank])).toEqual([['B', 1], ['C', 2], ['A', 3]]);
  });

  test('ties share a rank and the next rank is skipped (1, 2, 2, 4)', () => {
    expect(rankSubjects([r('A', 95), r('B', 88), r('C', 88), r('D', 80)]).map((x) => x.rank)).toEqual([1, 2, 2, 4]);
  });

  test('within a tie the order is by id', () => {
    expect(rankSubjects([r('DY-9', 88), r('DY-1', 88)]).map((x) => x.id)).toEqual(['DY-1', 'DY-9']);
  });

  test('a vetoed subject is listed after all others with no rank', () => {
    expect(rankSubjects([r('A', 85, true), r('B', 70)]).map((x) => [x.id, x.rank])).toEqual([['B', 1], ['A', null]]);
  });

  test('a veto removes the rank even of the highest total', () => {
    expect(rankSubjects([r('A', 99, true), r('B', 60), r('C', 50)]).map((x) => x.rank)).toEqual([1, 2, null]);
  });

  test('keeps the fields of each result', () => {
    expect(rankSubjects([{ ...r('A', 90), level: '优秀' }])).toEqual([{ id: 'A', total: 90, vetoed: false, level: '优秀', rank: 1 }]);
  });
});

describe('rankWithin', () => {
  const party = scheme({
    id: 'party', name: '党员积分', subject: 'person', period: 'year', categories: [{ id: '基础分' }],
    ranking: { within: ['支部', '社区'] },
  });
  const stars = scheme({
    id: 'stars', name: '评星定级', subject: 'unit', period: 'year', categories: [{ id: '评分' }], ranking: { within: ['社区'] },
  });
  const { index } = board({
    units: [unit('SQ', '社区'), unit('ZB-1', '支部', 'SQ'), unit('ZB-2', '支部', 'SQ')],
    people: [person('A', '甲', 'ZB-1'), person('B', '乙', 'ZB-1'), person('C', '丙', 'ZB-2'), person('D', '丁', 'ZB-2')],
  });

  test('ranks each member inside their branch and their community', () => {
    const within = rankWithin([r('A', 80), r('B', 90), r('C', 95), r('D', 60)], index, party);
    expect(Object.fromEntries(within)).toEqual({
      A: { 'ZB-1': 2, SQ: 3 },
      B: { 'ZB-1': 1, SQ: 2 },
      C: { 'ZB-2': 1, SQ: 1 },
      D: { 'ZB-2': 2, SQ: 4 },
    });
  });

  test('a vetoed member has no rank within, and does not take a place', () => {
    const within = rankWithin([r('A', 99, true), r('B', 90)], index, party);
    expect([within.get('A'), within.get('B')]).toEqual([{ 'ZB-1': null, SQ: null }, { 'ZB-1': 1, SQ: 1 }]);
  });

  test('a branch is ranked inside its community, not inside itself', () => {
    const within = rankWithin([r('ZB-1', 88), r('ZB-2', 91)], index, stars);
    expect(Object.fromEntries(within)).toEqual({ 'ZB-1': { SQ: 2 }, 'ZB-2': { SQ: 1 } });
  });
});

describe('ties and rank changes', () => {
  test('a rank two subjects hold is shared; a vetoed subject holds none', () => {
    expect([...sharedRanks(rankSubjects([r('A', 9), r('B', 7), r('C', 7), r('D', 5), r('E', 5, true)]))]).toEqual([2]);
  });

  test('up, down, the same, or new against the previous period', () => {
    const before = new Map<string, number | null>([['A', 3], ['B', 1], ['C', 2], ['V', null]]);
    expect(rankChange(before, 'A', 1)).toEqual({ kind: 'up', by: 2 });
    expect(rankChange(before, 'B', 3)).toEqual({ kind: 'down', by: 2 });
    expect(rankChange(before, 'C', 2)).toEqual({ kind: 'same', by: 0 });
    expect(rankChange(before, 'N', 4)).toEqual({ kind: 'new', by: 0 });
    // Vetoed last time: no place to compare with.
    expect(rankChange(before, 'V', 4)).toEqual({ kind: 'new', by: 0 });
  });

  test('no change without a previous period, or without a rank now', () => {
    expect(rankChange(undefined, 'A', 1)).toBe(null);
    expect(rankChange(new Map([['A', 1]]), 'A', null)).toBe(null);
  });
});
