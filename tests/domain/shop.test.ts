import { describe, expect, test } from 'vitest';
import type { Dataset } from '../../src/schema/dataset.ts';
import { checkRedemptions, LOW_STOCK, priceOn, shopPeriods, shopSummary, stockLevel, stockOnHand } from '../../src/domain/shop.ts';
import { board, entry, household, item, person, redemption, rule, scheme, stock, unit, type Parts } from './build.ts';

describe('priceOn', () => {
  const items = [item('oil', 50), item('oil', 60, { from: '2022-11-01' }), item('fruit', 20, { from: '2022-10-01' })];

  test('a row without a date applies from the beginning', () => {
    expect(priceOn(items, 'oil', '2020-01-01')).toBe(50);
  });

  test('the row with the latest date on or before the day applies', () => {
    expect([priceOn(items, 'oil', '2022-10-31'), priceOn(items, 'oil', '2022-11-01')]).toEqual([50, 60]);
  });

  test('no price before the first date', () => {
    expect(priceOn(items, 'fruit', '2022-09-30')).toBe(undefined);
  });

  test('no price for an unknown item', () => {
    expect(priceOn(items, 'salt', '2022-10-01')).toBe(undefined);
  });
});

/** S4/S9: households earn credit points and spend them in the shop. */
const credit = scheme({
  id: 'credit', name: '信义积分', subject: 'household', period: 'month', redeemable: true, categories: [{ id: '信义分' }],
});
const volunteer = scheme({
  id: 'volunteer', name: '志愿积分', subject: 'person', period: 'quarter', redeemable: true, categories: [{ id: '服务' }],
});
const party = scheme({
  id: 'party', name: '党员积分', subject: 'person', roles: ['党员'], period: 'year', categories: [{ id: '加分项' }],
});

/** H-1 earns 5 points on 9 October; the shelf holds 10 bottles of oil (price 5). */
function shop(parts: Parts) {
  return board({
    schemes: [credit, volunteer, party],
    units: [unit('SQ', '社区')],
    households: [household('H-1', 'SQ'), household('H-2', 'SQ')],
    people: [person('P-1', '孙红', 'SQ', { role: '群众' })],
    rules: [rule('C1', 'credit', '信义分', { points: 5 })],
    ledger: [entry('2022-10-09', 'H-1', 'C1')],
    items: [item('oil', 5), item('fee', 5, { kind: '服务' }), item('fruit', 2, { kind: '券', scheme: 'volunteer' })],
    stock: [stock('2022-10-01', 'oil', 10)],
    ...parts,
  });
}
const check = (parts: Parts) => {
  const { data, index } = shop(parts);
  return checkRedemptions(data, index);
};

describe('checkRedemptions: balance', () => {
  test('a redemption on the day after the points were earned passes', () => {
    expect(check({ redemptions: [redemption('2022-10-10', 'H-1', 'oil')] }).violations).toEqual([]);
  });

  test('a redemption on the day the points were earned passes', () => {
    expect(check({ redemptions: [redemption('2022-10-09', 'H-1', 'oil')] }).violations).toEqual([]);
  });

  test('one dated the day before fails with the balance and the shortfall', () => {
    const row = redemption('2022-10-08', 'H-1', 'oil');
    expect(check({ redemptions: [row] }).violations).toEqual([
      {
        file: row.file, line: row.line, field: 'points', code: 'redemption-over-balance',
        args: { id: 'H-1', date: '2022-10-08', balance: 0, points: 5, shortfall: 5 },
      },
    ]);
  });

  test('same-day rows spend the balance in file order', () => {
    const second = redemption('2022-10-10', 'H-1', 'oil');
    const result = check({ redemptions: [redemption('2022-10-10', 'H-1', 'oil'), second] });
    expect(result.violations.map((v) => [v.line, v.code, v.args['balance']])).toEqual([[second.line, 'redemption-over-balance', 0]]);
  });

  test('a refused row does not spend the balance', () => {
    const result = check({ redemptions: [redemption('2022-10-10', 'H-1', 'oil', { quantity: 2 }), redemption('2022-10-11', 'H-1', 'oil')] });
    expect([result.violations.length, result.redemptionsResolved.map((r) => r.date)]).toEqual([1, ['2022-10-11']]);
  });
});

describe('checkRedemptions: stock', () => {
  test('stock after a loss row is what came in less the loss', () => {
    const row = redemption('2022-10-20', 'H-1', 'oil', { quantity: 1 });
    const result = check({
      ledger: Array.from({ length: 20 }, () => entry('2022-10-09', 'H-1', 'C1')),
      stock: [stock('2022-10-01', 'oil', 10), stock('2022-10-15', 'oil', -10)],
      redemptions: [row],
    });
    expect(result.violations).toEqual([
      {
        file: row.file, line: row.line, field: 'quantity', code: 'redemption-over-stock',
        args: { item: 'oil', date: '2022-10-20', stock: 0, quantity: 1, shortfall: 1 },
      },
    ]);
  });

  test('redeemed quantity leaves the shelf', () => {
    const result = check({
      ledger: Array.from({ length: 20 }, () => entry('2022-10-09', 'H-1', 'C1')),
      redemptions: [redemption('2022-10-10', 'H-1', 'oil', { quantity: 8 }), redemption('2022-10-11', 'H-1', 'oil', { quantity: 3 })],
    });
    expect(result.violations.map((v) => v.args)).toEqual([{ item: 'oil', date: '2022-10-11', stock: 2, quantity: 3, shortfall: 1 }]);
  });

  test('a loss row that would take stock below zero is refused', () => {
    const loss = stock('2022-10-15', 'oil', -12);
    expect(check({ stock: [stock('2022-10-01', 'oil', 10), loss] }).violations).toEqual([
      { file: loss.file, line: loss.line, field: 'quantity', code: 'stock-below-zero', args: { item: 'oil', date: '2022-10-15', stock: -2 } },
    ]);
  });

  test('a service voucher without stock rows needs no stock', () => {
    expect(check({ redemptions: [redemption('2022-10-10', 'H-1', 'fee')] }).violations).toEqual([]);
  });
});

describe('checkRedemptions: price and scheme', () => {
  test('points written on the row must equal price × quantity', () => {
    const result = check({ redemptions: [redemption('2022-10-10', 'H-1', 'oil', { points: 4 })] });
    expect(result.violations.map((v) => [v.code, v.args])).toEqual([
      ['redemption-points-mismatch', { points: 4, price: 5, quantity: 1, expected: 5 }],
    ]);
  });

  test('an item without a price on the day is refused', () => {
    const result = check({ items: [item('oil', 5, { from: '2022-11-01' })], redemptions: [redemption('2022-10-10', 'H-1', 'oil')] });
    expect(result.violations.map((v) => [v.code, v.args])).toEqual([['no-price-on-date', { id: 'oil', date: '2022-10-10' }]]);
  });

  test('a subject in no redeemable scheme cannot redeem', () => {
    const { data, index } = shop({ schemes: [credit], redemptions: [redemption('2022-10-10', 'P-1', 'fee')] });
    expect(checkRedemptions(data, index).violations.map((v) => v.code)).toEqual(['redemption-no-scheme']);
  });

  test('a subject in two redeemable schemes must name one', () => {
    const second = scheme({ ...credit, id: 'credit-b' });
    const { data, index } = shop({ schemes: [credit, second], redemptions: [redemption('2022-10-10', 'H-1', 'oil')] });
    expect(checkRedemptions(data, index).violations.map((v) => [v.code, v.args])).toEqual([
      ['redemption-scheme-ambiguous', { id: 'H-1', schemes: 'credit、credit-b' }],
    ]);
  });

  test('the named scheme settles the choice', () => {
    const second = scheme({ ...credit, id: 'credit-b' });
    const { data, index } = shop({ schemes: [credit, second], redemptions: [redemption('2022-10-10', 'H-1', 'oil', { scheme: 'credit' })] });
    expect(checkRedemptions(data, index).redemptionsResolved.map((r) => r.scheme)).toEqual(['credit']);
  });

  test("an item that takes another scheme's points is refused", () => {
    const result = check({ redemptions: [redemption('2022-10-10', 'H-1', 'fruit')] });
    expect(result.violations.map((v) => [v.code, v.args])).toEqual([
      ['redemption-item-scheme', { item: 'fruit', expected: 'volunteer', scheme: 'credit' }],
    ]);
  });

  test('an accepted row carries its scheme, price and points', () => {
    const row = redemption('2022-10-10', 'H-1', 'oil');
    expect(check({ redemptions: [row] }).redemptionsResolved).toEqual([
      { file: row.file, line: row.line, date: '2022-10-10', subject: 'H-1', item: 'oil', quantity: 1, price: 5, points: 5, scheme: 'credit' },
    ]);
  });
});

describe('shopSummary', () => {
  const { data, index } = shop({
    ledger: Array.from({ length: 10 }, () => entry('2022-09-09', 'H-1', 'C1')),
    stock: [stock('2022-09-01', 'oil', 10), stock('2022-10-01', 'oil', 6), stock('2022-10-15', 'oil', -1)],
    redemptions: [
      redemption('2022-09-10', 'H-1', 'oil', { quantity: 2 }),
      redemption('2022-10-10', 'H-1', 'oil', { quantity: 3 }),
      redemption('2022-10-12', 'H-1', 'fee'),
    ],
  });
  const resolved = checkRedemptions(data, index).redemptionsResolved;

  test('counts the redemptions and points of the month', () => {
    expect(shopSummary(data, resolved, '2022-10')).toMatchObject({ period: '2022-10', redemptions: 2, pointsRedeemed: 20 });
  });

  test('lists what went out per item', () => {
    expect(shopSummary(data, resolved, '2022-10').items).toEqual([
      { id: 'fee', name: 'fee品', quantity: 1, points: 5 },
      { id: 'oil', name: 'oil品', quantity: 3, points: 15 },
    ]);
  });

  test('keeps a stock account: out is redeemed plus losses', () => {
    expect(shopSummary(data, resolved, '2022-10').stock).toEqual([{ id: 'oil', name: 'oil品', opening: 8, in: 6, out: 4, closing: 10 }]);
  });

  test('a year covers every month in it', () => {
    expect(shopSummary(data, resolved, '2022').stock).toEqual([{ id: 'oil', name: 'oil品', opening: 0, in: 16, out: 6, closing: 10 }]);
  });
});

describe('shopPeriods', () => {
  test('every month, quarter and year with shop activity, in order', () => {
    const { data, index } = shop({ stock: [stock('2022-09-01', 'oil', 10)], redemptions: [redemption('2022-10-10', 'H-1', 'oil')] });
    expect(shopPeriods(data, checkRedemptions(data, index).redemptionsResolved)).toEqual(['2022', '2022-Q3', '2022-09', '2022-Q4', '2022-10']);
  });
});

describe('stock on hand and how it reads', () => {
  test('stock rows in, accepted redemptions out; an item without stock rows and not 实物 is unlimited', () => {
    const { data, index } = shop({ redemptions: [redemption('2022-10-10', 'H-1', 'oil')] });
    const onHand = stockOnHand(data, checkRedemptions(data, index).redemptionsResolved);
    expect([onHand.get('oil'), onHand.get('fee'), onHand.get('fruit')]).toEqual([9, undefined, undefined]);
  });

  test('a 实物 item never stocked has none on hand: it shows as out, not unlimited', () => {
    const { data } = shop({ items: [item('oil', 5), item('soap', 3)] });
    expect(stockLevel(stockOnHand(data, []).get('soap'))).toBe('out');
  });

  test(`out at 0 or below, low up to ${LOW_STOCK}, in stock above, unlimited without a count`, () => {
    expect([-1, 0, 1, LOW_STOCK, LOW_STOCK + 1, undefined].map(stockLevel)).toEqual(['out', 'out', 'low', 'low', 'in', 'unlimited']);
  });
});
