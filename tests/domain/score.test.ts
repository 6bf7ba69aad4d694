import { describe, expect, test } from 'vitest';
import type { LedgerRow } from '../../src/schema/tables.ts';
import { rankSubjects } from '../../src/domain/ranking.ts';
import { scoreScheme } from '../../src/domain/score.ts';
import { assessment, board, entry, household, person, rule, scheme, unit } from './build.ts';

/** S1: base 65 that only goes down, bonus up to 15, democratic evaluation up to 20. */
const party = scheme({
  id: 'party', name: '党员积分量化管理', subject: 'person', roles: ['党员', '预备党员'], period: 'year',
  categories: [
    { id: '基础分', start: 65, min: 0, max: 65 },
    { id: '加分项', max: 15 },
    { id: '民主评议', max: 20, assessed: true },
  ],
  total: { min: 0, max: 100 },
  levels: [{ name: '优秀', min: 90 }, { name: '合格', min: 60 }, { name: '不合格', min: 0 }],
  vetoLevel: '不合格',
  ranking: { within: ['支部'] },
});
const partyRules = [
  rule('D1', 'party', '基础分', { title: '无故缺席三会一课', points: -10 }),
  rule('B1', 'party', '加分项', { title: '带头参与公益', points: 5 }),
  rule('V1', 'party', '基础分', { title: '不履行党员基本义务', points: 0, veto: true }),
];

function scoreParty(ledger: LedgerRow[], evaluation: number | null = 20) {
  const { data, index } = board({
    schemes: [party],
    units: [unit('ZB-1', '支部')],
    people: [person('DY-1', '张建国', 'ZB-1')],
    rules: partyRules,
    ledger,
    assessments: evaluation === null ? [] : [assessment('2022', 'party', 'DY-1', { 民主评议: evaluation })],
  });
  return scoreScheme(data, index, party, '2022');
}
const times = (n: number, ruleCode: string) =>
  Array.from({ length: n }, (_, i) => entry(`2022-0${(i % 9) + 1}-15`, 'DY-1', ruleCode));

describe('scoreScheme: categories', () => {
  test('a member with no rows keeps the base of 65', () => {
    expect(scoreParty([]).results[0]!.categories).toEqual({ 基础分: 65, 加分项: 0, 民主评议: 20 });
  });

  test('a member whose deductions pass 65 gets base 0, not negative', () => {
    expect(scoreParty(times(7, 'D1')).results[0]!.categories['基础分']).toBe(0);
  });

  test('the breakdown says the base stopped at its minimum', () => {
    expect(scoreParty(times(7, 'D1')).results[0]!.breakdown.list()[0]).toMatchObject({ start: 65, rawSum: -70, value: 0, clamped: 'min' });
  });

  test('bonuses of 20 count 15', () => {
    expect(scoreParty(times(4, 'B1')).results[0]!.categories['加分项']).toBe(15);
  });

  test('the breakdown keeps every row with its rule, reviewer and place', () => {
    const row = entry('2022-05-04', 'DY-1', 'B1', { note: '组织义诊', activity: '五四义诊' });
    expect(scoreParty([row]).results[0]!.breakdown.list()[1]!.rows.toArray()).toEqual([
      {
        subject: 'DY-1', file: row.file, line: row.line, date: '2022-05-04', rule: 'B1', title: '带头参与公益',
        category: '加分项', quantity: 1, points: 5, counted: 5, cut: 0, reviewer: '王审', note: '组织义诊',
        activity: '五四义诊', veto: false,
      },
    ]);
  });
});

describe('scoreScheme: assessed categories', () => {
  test('take the value of the assessment sheet', () => {
    expect(scoreParty([], 17.5).results[0]!.categories['民主评议']).toBe(17.5);
  });

  test('a missing assessment counts 0', () => {
    expect(scoreParty([], null).results[0]!.categories['民主评议']).toBe(0);
  });

  test('a missing assessment is returned as a warning', () => {
    expect(scoreParty([], null).warnings).toEqual([{ scheme: 'party', subject: 'DY-1', period: '2022', category: '民主评议' }]);
  });

  test('a present assessment raises no warning', () => {
    expect(scoreParty([]).warnings).toEqual([]);
  });
});

describe('scoreScheme: total and level', () => {
  test('total is the sum of the categories', () => {
    expect(scoreParty(times(1, 'B1'), 18).results[0]!.total).toBe(88);
  });

  test('the first level whose min is at or below the total applies', () => {
    expect(scoreParty(times(1, 'B1'), 20).results[0]!.level).toBe('优秀');
  });

  test('85 points is 合格', () => {
    expect(scoreParty([], 20).results[0]!.level).toBe('合格');
  });

  test('the total is kept within the scheme total max', () => {
    const capped = scheme({ ...party, total: { max: 90 } });
    const { data, index } = board({
      schemes: [capped], units: [unit('ZB-1', '支部')], people: [person('DY-1', '张建国', 'ZB-1')], rules: partyRules,
      ledger: times(4, 'B1'), assessments: [assessment('2022', 'party', 'DY-1', { 民主评议: 20 })],
    });
    expect(scoreScheme(data, index, capped, '2022').results[0]).toMatchObject({ rawTotal: 100, total: 90, totalClamp: 'max' });
  });
});

describe('scoreScheme: veto', () => {
  test('a veto fails a member with 85 points', () => {
    expect(scoreParty([entry('2022-06-01', 'DY-1', 'V1')]).results[0]).toMatchObject({ total: 85, vetoed: true, level: '不合格' });
  });

  test('the result names the veto row', () => {
    const row = entry('2022-06-01', 'DY-1', 'V1');
    expect(scoreParty([row]).results[0]!.vetoRow).toMatchObject({ file: row.file, line: row.line, rule: 'V1' });
  });

  test('a veto removes the rank of a member with 85 points', () => {
    const { data, index } = board({
      schemes: [party], units: [unit('ZB-1', '支部')], rules: partyRules,
      people: [person('DY-1', '张建国', 'ZB-1'), person('DY-2', '孙红', 'ZB-1')],
      ledger: [entry('2022-06-01', 'DY-1', 'V1')],
      assessments: [assessment('2022', 'party', 'DY-1', { 民主评议: 20 }), assessment('2022', 'party', 'DY-2', { 民主评议: 10 })],
    });
    const ranked = rankSubjects(scoreScheme(data, index, party, '2022').results);
    expect(ranked.map((r) => [r.id, r.total, r.rank])).toEqual([['DY-2', 75, 1], ['DY-1', 85, null]]);
  });

  test('a veto row still under review does not veto', () => {
    expect(scoreParty([entry('2022-06-01', 'DY-1', 'V1', { status: '待审核' })]).results[0]!.vetoed).toBe(false);
  });
});

describe('scoreScheme: linked households (S7)', () => {
  const credit = scheme({ id: 'credit', name: '信义积分', subject: 'household', period: 'month', categories: [{ id: '信义分' }] });
  const { data, index } = board({
    schemes: [party, credit],
    units: [unit('ZB-1', '支部')],
    people: [person('DY-1', '张建国', 'ZB-1')],
    households: [household('H-1', 'ZB-1', 'DY-1')],
    rules: [...partyRules, rule('C1', 'credit', '信义分', { points: 3 }), rule('L1', 'party', '加分项', { title: '联系户参与信义积分', points: 2, cap: 6, linked: 'credit' })],
    ledger: ['2022-03-01', '2022-04-01', '2022-05-01', '2022-06-01'].map((d) => entry(d, 'H-1', 'C1')),
    assessments: [assessment('2022', 'party', 'DY-1', { 民主评议: 20 })],
  });
  const result = scoreScheme(data, index, party, '2022').results[0]!;

  test("the member's bonus holds the rewards up to the rule's cap", () => {
    expect(result.categories['加分项']).toBe(6);
  });

  test('the breakdown names the household row behind each reward', () => {
    expect(result.breakdown.list()[1]!.rows.toArray().map((r) => [r.date, r.counted, r.linkedFrom?.household])).toEqual([
      ['2022-03-01', 2, 'H-1'], ['2022-04-01', 2, 'H-1'], ['2022-05-01', 2, 'H-1'], ['2022-06-01', 0, 'H-1'],
    ]);
  });
});

describe('scoreScheme: subjects', () => {
  test('every eligible subject has a result, sorted by id, rows or not', () => {
    const { data, index } = board({
      schemes: [party], units: [unit('ZB-1', '支部')], rules: partyRules,
      people: [person('DY-2', '孙红', 'ZB-1'), person('DY-1', '张建国', 'ZB-1'), person('QZ-1', '李明', 'ZB-1', { role: '群众' })],
    });
    expect(scoreScheme(data, index, party, '2022').results.map((r) => r.id)).toEqual(['DY-1', 'DY-2']);
  });
});

/** S3: ten dimensions, 100 points in all, stars by total. */
const DIMENSIONS = ['政治建设', '班子建设', '工作业绩', '党员队伍建设', '制度建设', '场所建设', '组织生活', '党内民主', '服务群众', '廉洁勤政'];
const starRating = scheme({
  id: 'stars', name: '基层党组织评星定级', subject: 'unit', unitTypes: ['支部'], period: 'year',
  categories: DIMENSIONS.map((id) => ({ id, min: 0, max: 10, assessed: true })),
  levels: [
    { name: '五星', min: 90, stars: 5, guidance: '巩固提升、打造品牌' },
    { name: '四星', min: 80, stars: 4, guidance: '补齐短板、比学赶超' },
    { name: '三星', min: 70, stars: 3, guidance: '补齐短板、比学赶超' },
    { name: '二星', min: 60, stars: 2, guidance: '集中整顿' },
    { name: '一星', min: 0, stars: 1, guidance: '集中整顿' },
  ],
  ranking: { within: ['镇'] },
});

/** Branches with the given totals, each spread evenly over the ten dimensions. */
function scoreBranches(totals: number[]) {
  const ids = totals.map((_, i) => `ZB-${String(i + 1).padStart(2, '0')}`);
  const { data, index } = board({
    schemes: [starRating],
    units: [unit('Z', '镇'), ...ids.map((id) => unit(id, '支部', 'Z'))],
    assessments: ids.map((id, i) =>
      assessment('2021', 'stars', id, Object.fromEntries(DIMENSIONS.map((d) => [d, totals[i]! / 10]))),
    ),
  });
  return scoreScheme(data, index, starRating, '2021').results;
}

describe('scoreScheme: star rating', () => {
  test('branch totals of exactly 90, 80, 70, 60 give 5, 4, 3, 2 stars', () => {
    expect(scoreBranches([90, 80, 70, 60]).map((r) => r.stars)).toEqual([5, 4, 3, 2]);
  });

  test('89.5 gives 4 stars', () => {
    expect(scoreBranches([89.5])[0]).toMatchObject({ total: 89.5, stars: 4 });
  });

  test('below 60 gives 1 star and concentrated rectification', () => {
    expect(scoreBranches([59])[0]).toMatchObject({ stars: 1, guidance: '集中整顿' });
  });

  test('ten branches scored like the 2021 source give 2 five-star, 5 four-star and 3 three-star', () => {
    const stars = scoreBranches([95, 91, 88, 86, 84, 82, 80.5, 78, 75, 72]).map((r) => r.stars);
    expect([5, 4, 3].map((n) => stars.filter((s) => s === n).length)).toEqual([2, 5, 3]);
  });
});
