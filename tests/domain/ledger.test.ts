import { describe, expect, test } from 'vitest';
import { countedSource, CountedRowList, rowPoints, type CountedRow } from '../../src/domain/ledger.ts';
import { scoreScheme } from '../../src/domain/score.ts';
import type { Dataset } from '../../src/schema/dataset.ts';
import type { Scheme } from '../../src/schema/settings.ts';
import type { SubjectIndex } from '../../src/domain/subjects.ts';
import { board, entry, household, person, rule, scheme, unit } from './build.ts';

/**
 * The counted rows of one period, by subject, as objects: each subject's `CountedRowList`
 * over its entries of the counted table, read.
 */
function countedRows(data: Dataset, index: SubjectIndex, s: Scheme, period: string): Map<string, CountedRow[]> {
  const source = countedSource(data, index, s);
  return new Map([...(source.table.groups.get(period) ?? [])].map(([subject, { start, end }]) => [subject, new CountedRowList(source, subject, start, end).toArray()]));
}

const volunteer = scheme({
  id: 'volunteer', name: '志愿积分', subject: 'person', period: 'quarter', redeemable: true,
  categories: [{ id: '服务' }, { id: '扣分' }],
});

describe('rowPoints', () => {
  test('a fixed rule gives its points per occurrence', () => {
    expect(rowPoints(rule('R1', 'volunteer', '服务', { points: 2 }), entry('2022-10-09', 'P-1', 'R1', { quantity: 3 }))).toBe(6);
  });

  test('75 minutes at 5 points per 30 minutes earn 10', () => {
    const perMinutes = rule('R2', 'volunteer', '服务', { points: 5, per: '分钟', block: 30 });
    expect(rowPoints(perMinutes, entry('2022-10-09', 'P-1', 'R2', { quantity: 75 }))).toBe(10);
  });

  test('a minutes rule without a block counts blocks of 30', () => {
    const perMinutes = rule('R3', 'volunteer', '服务', { points: 1, per: '分钟' });
    expect(rowPoints(perMinutes, entry('2022-10-09', 'P-1', 'R3', { quantity: 60 }))).toBe(2);
  });

  test("a discretionary rule takes the row's points", () => {
    const discretionary = rule('R4', 'volunteer', '服务', { min: 1, max: 5 });
    expect(rowPoints(discretionary, entry('2022-10-09', 'P-1', 'R4', { points: 3.5 }))).toBe(3.5);
  });

  test('a deduction is negative', () => {
    expect(rowPoints(rule('R5', 'volunteer', '扣分', { points: -2 }), entry('2022-10-09', 'P-1', 'R5'))).toBe(-2);
  });
});

describe('caps (as the scores count them)', () => {
  // One member's rows of one rule in October: the points of each row, and the rule's cap.
  const counted = (points: number[], cap?: number) => {
    const { data, index } = board({
      schemes: [volunteer], units: [unit('SQ', '社区')], people: [person('P-1', '孙红', 'SQ')],
      rules: [rule('R1', 'volunteer', points[0]! < 0 ? '扣分' : '服务', { min: -50, max: 50, cap })],
      ledger: points.map((p, i) => entry(`2022-10-0${i + 1}`, 'P-1', 'R1', { points: p })),
    });
    return countedRows(data, index, volunteer, '2022-Q4').get('P-1')!;
  };

  test('a cap of 4 stops the third 2-point row', () => {
    expect(counted([2, 2, 2], 4).map((r) => r.counted)).toEqual([2, 2, 0]);
  });

  test('the stopped row records what the cap cut', () => {
    expect(counted([2, 2, 2], 4)[2]!.cut).toBe(2);
  });

  test('a row that crosses the cap is cut to what is left', () => {
    expect(counted([3, 3], 4).map((r) => [r.counted, r.cut])).toEqual([[3, 0], [1, 2]]);
  });

  test('a cap limits losses too', () => {
    expect(counted([-3, -3], 5).map((r) => r.counted)).toEqual([-3, -2]);
  });

  test('without a cap every point counts', () => {
    expect(counted([50, 50]).map((r) => r.counted)).toEqual([50, 50]);
  });
});

describe('countedRows', () => {
  const people = [person('P-1', '孙红', 'SQ')];
  const units = [unit('SQ', '社区')];

  test('only verified rows count', () => {
    const { data, index } = board({
      schemes: [volunteer], units, people,
      rules: [rule('R1', 'volunteer', '服务', { points: 2 })],
      ledger: [entry('2022-10-01', 'P-1', 'R1'), entry('2022-10-02', 'P-1', 'R1', { status: '待审核' }), entry('2022-10-03', 'P-1', 'R1', { status: '驳回' })],
    });
    expect(countedRows(data, index, volunteer, '2022-Q4').get('P-1')!.map((r) => r.date)).toEqual(['2022-10-01']);
  });

  test('only rows dated in the period count', () => {
    const { data, index } = board({
      schemes: [volunteer], units, people,
      rules: [rule('R1', 'volunteer', '服务', { points: 2 })],
      ledger: [entry('2022-09-30', 'P-1', 'R1'), entry('2022-10-01', 'P-1', 'R1')],
    });
    expect(countedRows(data, index, volunteer, '2022-Q4').get('P-1')!.map((r) => r.date)).toEqual(['2022-10-01']);
  });

  test('only rules of the scheme count', () => {
    const { data, index } = board({
      schemes: [volunteer], units, people,
      rules: [rule('R1', 'volunteer', '服务', { points: 2 }), rule('X1', 'party', '加分项', { points: 1 })],
      ledger: [entry('2022-10-01', 'P-1', 'X1'), entry('2022-10-02', 'P-1', 'R1')],
    });
    expect(countedRows(data, index, volunteer, '2022-Q4').get('P-1')!.map((r) => r.rule)).toEqual(['R1']);
  });

  test('caps apply in date order, not file order', () => {
    const { data, index } = board({
      schemes: [volunteer], units, people,
      rules: [rule('R1', 'volunteer', '服务', { points: 3, cap: 3 })],
      ledger: [entry('2022-11-05', 'P-1', 'R1', { note: '后' }), entry('2022-10-05', 'P-1', 'R1', { note: '先' })],
    });
    expect(countedRows(data, index, volunteer, '2022-Q4').get('P-1')!.map((r) => [r.note, r.counted])).toEqual([['先', 3], ['后', 0]]);
  });

  test('same-day rows keep ledger order', () => {
    const { data, index } = board({
      schemes: [volunteer], units, people,
      rules: [rule('R1', 'volunteer', '服务', { points: 3, cap: 3 })],
      ledger: [entry('2022-10-05', 'P-1', 'R1', { note: '一' }), entry('2022-10-05', 'P-1', 'R1', { note: '二' })],
    });
    expect(countedRows(data, index, volunteer, '2022-Q4').get('P-1')!.map((r) => [r.note, r.counted])).toEqual([['一', 3], ['二', 0]]);
  });

  test('a member counts in the periods their membership overlaps, and in none that begins after they left', () => {
    const { data, index } = board({
      schemes: [volunteer], units, people: [person('P-2', '周敏', 'SQ', { since: '2022-08-20', until: '2022-09-30' })],
      rules: [rule('R1', 'volunteer', '服务', { points: 2 })],
      ledger: [entry('2022-09-15', 'P-2', 'R1'), entry('2022-10-15', 'P-2', 'R1')],
    });
    expect(countedRows(data, index, volunteer, '2022-Q3').get('P-2')!.map((r) => r.date)).toEqual(['2022-09-15']);
    expect(countedRows(data, index, volunteer, '2022-Q4').has('P-2')).toBe(false);
  });

  test('a subject whose role the scheme does not take counts in no period', () => {
    const members = scheme({ ...volunteer, id: 'members', roles: ['党员'] });
    const { data, index } = board({
      schemes: [members], units, people: [person('P-3', '吴平', 'SQ', { role: '群众' }), person('P-4', '郑芳', 'SQ')],
      rules: [rule('M1', 'members', '服务', { points: 2 })],
      ledger: [entry('2022-09-15', 'P-3', 'M1'), entry('2022-09-16', 'P-4', 'M1'), entry('2022-10-15', 'P-3', 'M1')],
    });
    expect([...countedRows(data, index, members, '2022-Q3').keys()]).toEqual(['P-4']);
    expect(countedRows(data, index, members, '2022-Q4').has('P-3')).toBe(false);
  });

  test('the cap starts again in the next period', () => {
    const { data, index } = board({
      schemes: [volunteer], units, people,
      rules: [rule('R1', 'volunteer', '服务', { points: 3, cap: 3 })],
      ledger: [entry('2022-09-05', 'P-1', 'R1'), entry('2022-10-05', 'P-1', 'R1')],
    });
    expect(countedRows(data, index, volunteer, '2022-Q4').get('P-1')![0]!.counted).toBe(3);
  });
});

describe('countedRows with linked households', () => {
  const credit = scheme({
    id: 'credit', name: '信义积分', subject: 'household', period: 'month', redeemable: true, categories: [{ id: '信义分' }],
  });
  const party = scheme({
    id: 'party', name: '党员积分', subject: 'person', period: 'year', categories: [{ id: '加分项', max: 15 }],
  });
  const setup = (ledger: ReturnType<typeof entry>[]) =>
    board({
      schemes: [party, credit],
      units: [unit('SQ', '社区')],
      people: [person('DY-1', '张建国', 'SQ', { until: '2022-11-30' })],
      households: [household('H-1', 'SQ', 'DY-1'), household('H-2', 'SQ')],
      rules: [
        rule('C1', 'credit', '信义分', { points: 2 }),
        rule('C2', 'credit', '信义分', { points: -5 }),
        rule('L1', 'party', '加分项', { points: 1, cap: 3, linked: 'credit' }),
      ],
      ledger,
    });

  test("a linked household's positive rows reward its contact member up to the rule's cap", () => {
    const { data, index } = setup(['2022-03-01', '2022-04-01', '2022-05-01', '2022-06-01', '2022-07-01'].map((d) => entry(d, 'H-1', 'C1')));
    expect(countedRows(data, index, party, '2022').get('DY-1')!.map((r) => r.counted)).toEqual([1, 1, 1, 0, 0]);
  });

  test('the reward is dated as the household row and names it', () => {
    const row = entry('2022-03-01', 'H-1', 'C1', { file: 'data/ledger/credit.csv' });
    const { data, index } = setup([row]);
    expect(countedRows(data, index, party, '2022').get('DY-1')![0]).toMatchObject({
      date: '2022-03-01', rule: 'L1', linkedFrom: { household: 'H-1', file: 'data/ledger/credit.csv', line: row.line },
    });
  });

  test("a household row that loses points does not reward the member", () => {
    const { data, index } = setup([entry('2022-03-01', 'H-1', 'C2')]);
    expect(countedRows(data, index, party, '2022').get('DY-1')).toBe(undefined);
  });

  test('a household without a contact rewards no one', () => {
    const { data, index } = setup([entry('2022-03-01', 'H-2', 'C1')]);
    expect(countedRows(data, index, party, '2022').size).toBe(0);
  });

  test('no reward after the member left the register', () => {
    const { data, index } = setup([entry('2022-12-01', 'H-1', 'C1')]);
    expect(countedRows(data, index, party, '2022').get('DY-1')).toBe(undefined);
  });
});

describe('CountedRowList (a breakdown\'s rows, kept as entries of the counted table)', () => {
  const scored = (notes: (string | undefined)[], cap?: number) => {
    const { data, index } = board({
      schemes: [volunteer], units: [unit('SQ', '社区')], people: [person('P-1', '孙红', 'SQ'), person('P-2', '李明', 'SQ')],
      rules: [rule('R1', 'volunteer', '服务', { points: 2, cap }), rule('R2', 'volunteer', '扣分', { points: -1 })],
      ledger: [
        // Lines written out: the same rows, where the helper would number them on.
        ...notes.map((note, i) => entry(`2022-10-0${i + 1}`, 'P-1', 'R1', { note, line: i + 2 })),
        entry('2022-10-05', 'P-1', 'R2', { line: 10 }),
        entry('2022-10-06', 'P-2', 'R1', { line: 11 }),
      ],
    });
    return { data, index, result: scoreScheme(data, index, volunteer, '2022-Q4').results.find((r) => r.id === 'P-1')! };
  };

  test('read, it gives the same rows as countedRows, category by category, in date order', () => {
    const { data, index, result } = scored(['一', '二', '三'], 4);
    const all = countedRows(data, index, volunteer, '2022-Q4').get('P-1')!;
    expect(result.breakdown.list().map((c) => c.rows.toArray())).toEqual([all.filter((r) => r.category === '服务'), all.filter((r) => r.category === '扣分')]);
    expect(result.breakdown.list().map((c) => c.rows.length)).toEqual([3, 1]);
    expect(result.breakdown.list()[0]!.rows.sum()).toBe(4);
  });

  test('its JSON (what a page key hashes) changes with a note or a cap, and is the same for the same rows', () => {
    const json = (notes: (string | undefined)[], cap?: number) => JSON.stringify(scored(notes, cap).result.breakdown.list().map((c) => c.rows));
    expect(json(['一', '二'])).toBe(json(['一', '二']));
    expect(json(['一', '二'])).not.toBe(json(['一', '改']));
    expect(json(['一', '二'])).not.toBe(json(['一', undefined]));
    expect(json(['一', '二'])).not.toBe(json(['一', '二'], 2));
    // The JSON holds no row: a thousand rows make a key of the same size.
    expect(json(['一', '二'])).not.toContain('一');
  });

  test('a whole breakdown’s JSON (a passbook key’s part for one period) follows its rows and figures the same way', () => {
    const json = (notes: (string | undefined)[], cap?: number) => JSON.stringify(scored(notes, cap).result.breakdown);
    expect(json(['一', '二'])).toBe(json(['一', '二']));
    expect(json(['一', '二'])).not.toBe(json(['一', '改']));
    expect(json(['一', '二'])).not.toBe(json(['一', '二'], 2));
    expect(json(['一', '二']).length).toBeLessThan(40);
  });
});
