import { describe, expect, test } from 'vitest';
import { breakdownLines, FOLD_MIN } from '../../src/components/breakdown-lines.ts';
import type { CountedRow } from '../../src/domain/ledger.ts';

/**
 * "Why this score" on a passbook: rows a cap cut to nothing (a party member's linked-household
 * rewards after the period's cap) fold into one line that still says how many, when, of which
 * rules and what they were worth; every row that counted, even in part, stays on its own.
 */
let line = 0;
const row = (date: string, points: number, counted: number, extra: Partial<CountedRow> = {}): CountedRow => ({
  subject: 'P1',
  file: 'ledger.csv',
  line: ++line,
  date,
  rule: 'S7',
  title: '联系户得分带动',
  category: '加分',
  quantity: 1,
  points,
  counted,
  cut: points - counted,
  veto: false,
  ...extra,
});

describe('folding rows a cap cut to nothing', () => {
  test('a run of cut rows becomes one line with count, dates, rules, linked households and points', () => {
    const rows = [
      row('2022-01-03', 2, 2),
      row('2022-01-05', 2, 1), // cut in part: counted, shown as it is
      row('2022-01-09', 2, 0, { linkedFrom: { household: 'H1', file: 'l.csv', line: 1 } }),
      row('2022-02-01', 2, 0, { linkedFrom: { household: 'H2', file: 'l.csv', line: 2 } }),
      row('2022-02-11', 1.5, 0, { title: '志愿服务' }),
      row('2022-03-30', 2, 0, { linkedFrom: { household: 'H3', file: 'l.csv', line: 3 } }),
    ];
    const lines = breakdownLines(rows);
    expect(lines.map((l) => l.folded)).toEqual([false, false, true]);
    expect(lines[2]).toEqual({
      folded: true,
      from: '2022-01-09',
      to: '2022-03-30',
      count: 4,
      points: 7.5,
      titles: [
        { title: '联系户得分带动', count: 3 },
        { title: '志愿服务', count: 1 },
      ],
      linked: 3,
    });
  });

  test('short runs, veto rows and rows without points stay row by row', () => {
    const short = Array.from({ length: FOLD_MIN - 1 }, (_, i) => row(`2022-01-0${i + 1}`, 2, 0));
    const veto = Array.from({ length: FOLD_MIN + 1 }, (_, i) => row(`2022-02-0${i + 1}`, -10, 0, { veto: true }));
    const nothing = Array.from({ length: FOLD_MIN + 1 }, (_, i) => row(`2022-03-0${i + 1}`, 0, 0));
    const rows = [...short, row('2022-01-20', 1, 1), ...veto, ...nothing];
    expect(breakdownLines(rows)).toEqual(rows.map((r) => ({ folded: false, row: r })));
  });
});
