import { describe, expect, test } from 'vitest';
import { scoreScheme } from '../../src/domain/score.ts';
import { statsFor } from '../../src/domain/stats.ts';
import { board, entry, household, person, rule, scheme, unit } from './build.ts';

/** S6: village volunteer activities, counted in participations (人次) and points credited. */
const volunteer = scheme({
  id: 'volunteer', name: '志愿服务积分', subject: 'person', period: 'quarter', redeemable: true,
  categories: [{ id: '服务' }, { id: '扣分' }],
});
const { data, index } = board({
  schemes: [volunteer],
  units: [unit('C', '村')],
  people: ['P-1', 'P-2', 'P-3', 'P-4', 'P-5'].map((id) => person(id, '村民', 'C', { role: '群众' })),
  rules: [
    rule('S1', 'volunteer', '服务', { points: 5, cap: 8 }),
    rule('S2', 'volunteer', '服务', { points: 2 }),
    rule('X1', 'volunteer', '扣分', { points: -2 }),
  ],
  ledger: [
    entry('2022-10-01', 'P-1', 'S1', { activity: '清扫街巷' }),
    entry('2022-10-08', 'P-1', 'S1', { activity: '敬老助餐' }),
    entry('2022-10-01', 'P-2', 'S2', { activity: '清扫街巷' }),
    entry('2022-11-01', 'P-3', 'S2'),
    entry('2022-11-05', 'P-4', 'X1'),
    entry('2022-11-09', 'P-5', 'S2', { status: '待审核' }),
  ],
});
const stats = statsFor(data, index, volunteer, '2022-Q4', scoreScheme(data, index, volunteer, '2022-Q4').results);

describe('statsFor', () => {
  test('participations count verified rows with positive points, capped or not', () => {
    expect(stats.participations).toBe(4);
  });

  test('participants are the distinct subjects with such a row', () => {
    expect(stats.participants).toBe(3);
  });

  test('activities are the distinct non-empty 活动 among them', () => {
    expect(stats.activities).toBe(2);
  });

  test('eligible counts everyone taking part in the scheme that period', () => {
    expect(stats.eligible).toBe(5);
  });

  test('coverage is participants over eligible', () => {
    expect(stats.coverage).toBe(0.6);
  });

  test('points issued are the positive points after caps', () => {
    expect(stats.pointsIssued).toBe(12);
  });

  test('points deducted are the negative points, as a positive number', () => {
    expect(stats.pointsDeducted).toBe(2);
  });

  test('coverage is 0 when no one is eligible', () => {
    const empty = board({ schemes: [volunteer] });
    expect(statsFor(empty.data, empty.index, volunteer, '2022-Q4', []).coverage).toBe(0);
  });

  test("a linked household's reward is issued points but not the member's participation", () => {
    const credit = scheme({ id: 'credit', name: '信义积分', subject: 'household', period: 'month', categories: [{ id: '信义分' }] });
    const party = scheme({ id: 'party', name: '党员积分', subject: 'person', period: 'year', categories: [{ id: '加分项' }] });
    const linked = board({
      schemes: [party, credit],
      units: [unit('SQ', '社区')],
      people: [person('DY-1', '张建国', 'SQ')],
      households: [household('H-1', 'SQ', 'DY-1')],
      rules: [rule('C1', 'credit', '信义分', { points: 2 }), rule('L1', 'party', '加分项', { points: 1, linked: 'credit' })],
      ledger: [entry('2022-03-01', 'H-1', 'C1', { activity: '垃圾分类' })],
    });
    const results = scoreScheme(linked.data, linked.index, party, '2022').results;
    expect(statsFor(linked.data, linked.index, party, '2022', results)).toEqual({
      activities: 0, participations: 0, participants: 0, eligible: 1, coverage: 0, pointsIssued: 1, pointsDeducted: 0,
    });
  });
});
