/**
 * A passbook's balance lines, kept as what they are made of (src/view/balance-entries.ts): read,
 * they are the running balance a household checks against its paper passbook; their JSON is
 * what the passbook page's cache key hashes, so any change a household would see must change it.
 */
import { describe, expect, test } from 'vitest';
import { earnedListsBySubject } from '../../src/domain/balance.ts';
import { countedSource } from '../../src/domain/ledger.ts';
import type { ResolvedRedemption } from '../../src/domain/shop.ts';
import { BalanceEntryList, type ItemLabels } from '../../src/view/balance-entries.ts';
import { board, entry, household, rule, scheme, unit } from '../domain/build.ts';

const credit = scheme({ id: 'credit', name: '信用积分', subject: 'household', period: 'month', redeemable: true, categories: [{ id: '信义分' }] });
const labels: ItemLabels = { name: new Map([['I1', '洗衣液']]), unit: new Map([['I1', '袋']]) };
const redemption = (date: string, quantity: number, line = 2): ResolvedRedemption =>
  ({ date, subject: 'H-1', scheme: 'credit', points: 3 * quantity, file: 'data/shop/redemptions.csv', line, item: 'I1', quantity, price: 3 });

/** H-1's balance lines: two rows of 5 points (the second with `note`), and `charges`. */
function lines(note: string | undefined, charges: ResolvedRedemption[]) {
  const { data, index } = board({
    schemes: [credit], units: [unit('SQ', '社区')], households: [household('H-1', 'SQ')],
    rules: [rule('C1', 'credit', '信义分', { points: 5 })],
    ledger: [entry('2022-10-09', 'H-1', 'C1', { line: 2 }), entry('2022-10-20', 'H-1', 'C1', { line: 3, note })],
  });
  return new BalanceEntryList(countedSource(data, index, credit), 'H-1', earnedListsBySubject(data, index, credit).get('H-1'), charges, labels);
}

describe('BalanceEntryList', () => {
  test('read, the lines are in date order with the balance after each, a redemption labelled with its item and unit', () => {
    const list = lines(undefined, [redemption('2022-10-10', 1)]);
    expect(list.length).toBe(3);
    expect(list.toArray().map((e) => [e.date, e.kind, e.label, e.amount, e.balance, e.line])).toEqual([
      ['2022-10-09', 'earned', 'C1事项', 5, 5, 2],
      ['2022-10-10', 'redeemed', '洗衣液 × 1 袋', -3, 2, 2],
      ['2022-10-20', 'earned', 'C1事项', 5, 7, 3],
    ]);
  });

  test('its JSON changes with an earned row’s note, a redemption’s quantity or line, and not otherwise', () => {
    const json = (note: string | undefined, charges: ResolvedRedemption[]) => JSON.stringify(lines(note, charges));
    const base = json('一', [redemption('2022-10-10', 1)]);
    expect(json('一', [redemption('2022-10-10', 1)])).toBe(base);
    expect(json('二', [redemption('2022-10-10', 1)])).not.toBe(base);
    expect(json('一', [redemption('2022-10-10', 2)])).not.toBe(base);
    expect(json('一', [redemption('2022-10-10', 1, 5)])).not.toBe(base);
    expect(json('一', [])).not.toBe(base);
  });
});
