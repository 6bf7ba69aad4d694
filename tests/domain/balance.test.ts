import { describe, expect, test } from 'vitest';
import type { LedgerRow } from '../../src/schema/tables.ts';
import { balanceEntries, balances, earnedListsBySubject } from '../../src/domain/balance.ts';
import { board, entry, household, rule, scheme, unit } from './build.ts';

/** S9: household credit points, monthly, spent in the points shop. */
const credit = scheme({
  id: 'credit', name: '信义积分', subject: 'household', period: 'month', redeemable: true,
  categories: [{ id: '信义分', start: 10 }, { id: '志愿', max: 10 }],
});
const rules = [
  rule('C1', 'credit', '信义分', { points: 5 }),
  rule('C2', 'credit', '志愿', { points: 4 }),
  rule('C3', 'credit', '信义分', { points: -3 }),
  rule('C4', 'credit', '信义分', { points: 2, cap: 4 }),
];
const setup = (ledger: LedgerRow[]) =>
  board({ schemes: [credit], units: [unit('SQ', '社区')], households: [household('H-1', 'SQ'), household('H-2', 'SQ')], rules, ledger });
const amounts = (ledger: LedgerRow[]) => {
  const { data, index } = setup(ledger);
  return [...earnedListsBySubject(data, index, credit).values()].flatMap((list) => list.amounts);
};

describe('earnedListsBySubject', () => {
  test('a start value is not earned', () => {
    expect(amounts([entry('2022-10-09', 'H-1', 'C1')])).toEqual([5]);
  });

  test("a category's max binds within the period", () => {
    expect(amounts(['2022-10-01', '2022-10-02', '2022-10-03'].map((d) => entry(d, 'H-1', 'C2')))).toEqual([4, 4, 2]);
  });

  test("the category's max starts again in the next period", () => {
    expect(amounts(['2022-10-01', '2022-10-02', '2022-10-03', '2022-11-01'].map((d) => entry(d, 'H-1', 'C2')))).toEqual([4, 4, 2, 4]);
  });

  test("a rule's cap binds", () => {
    expect(amounts(['2022-10-01', '2022-10-02', '2022-10-03'].map((d) => entry(d, 'H-1', 'C4')))).toEqual([2, 2]);
  });

  test('a deduction is a negative event', () => {
    expect(amounts([entry('2022-10-01', 'H-1', 'C1'), entry('2022-10-02', 'H-1', 'C3')])).toEqual([5, -3]);
  });

  test("each subject's events are in date order, whatever the file order", () => {
    const { data, index } = setup([entry('2022-11-05', 'H-1', 'C1'), entry('2022-10-02', 'H-1', 'C3'), entry('2022-10-02', 'H-2', 'C1')]);
    const bySubject = earnedListsBySubject(data, index, credit);
    expect(bySubject.get('H-1')!.dates).toEqual(['2022-10-02', '2022-11-05']);
    expect(bySubject.get('H-2')!.dates).toEqual(['2022-10-02']);
  });
});

describe('balanceEntries (a passbook\'s running balance)', () => {
  const { data, index } = setup([entry('2022-10-09', 'H-1', 'C1'), entry('2022-10-20', 'H-1', 'C1')]);
  const { dates, amounts: earned } = earnedListsBySubject(data, index, credit).get('H-1')!;
  const events = dates.map((date, i) => ({ date, amount: earned[i]! }));
  const charge = (date: string, points: number) => ({ date, subject: 'H-1', points, scheme: 'credit' });

  test('each entry shows the balance after it', () => {
    expect(balanceEntries(events, []).map((e) => [e.date, e.balance])).toEqual([['2022-10-09', 5], ['2022-10-20', 10]]);
  });

  test('a redemption between two earnings is subtracted in its place', () => {
    expect(balanceEntries(events, [charge('2022-10-10', 3)]).map((e) => [e.kind, e.amount, e.balance])).toEqual([['earned', 5, 5], ['redeemed', -3, 2], ['earned', 5, 7]]);
  });

  test('points earned on a day can be spent that day: the earning comes first', () => {
    expect(balanceEntries(events, [charge('2022-10-09', 5)]).map((e) => [e.kind, e.balance])).toEqual([['earned', 5], ['redeemed', 0], ['earned', 5]]);
  });
});

describe('balances', () => {
  test('earned, redeemed and balance for every subject of the scheme, sorted by id', () => {
    const { data, index } = setup([entry('2022-10-09', 'H-1', 'C1'), entry('2022-10-20', 'H-1', 'C2')]);
    expect(balances(data, index, credit, [{ date: '2022-10-21', subject: 'H-1', points: 6, scheme: 'credit' }])).toEqual([
      { id: 'H-1', earned: 9, redeemed: 6, balance: 3 },
      { id: 'H-2', earned: 0, redeemed: 0, balance: 0 },
    ]);
  });

  test("another scheme's redemptions are not subtracted", () => {
    const { data, index } = setup([entry('2022-10-09', 'H-1', 'C1')]);
    expect(balances(data, index, credit, [{ date: '2022-10-21', subject: 'H-1', points: 5, scheme: 'other' }])[0]).toEqual({
      id: 'H-1', earned: 5, redeemed: 0, balance: 5,
    });
  });
});
