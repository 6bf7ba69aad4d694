import { describe, expect, test } from 'vitest';
import { paginate, PosterTooLongError, type BlockHeights } from '../../src/posters/paginate.ts';

const base: BlockHeights = { page: 1000, opening: 300, continuation: 100, footer: 200, tableChrome: 50, notes: 0, rows: [], hasTable: true };
const rows = (n: number, h = 50): number[] => Array.from({ length: n }, () => h);

describe('paginate', () => {
  test('a short table stays on page 1 with the notes', () => {
    expect(paginate({ ...base, rows: rows(5), notes: 60 })).toEqual([{ from: 0, to: 5, notes: true }]);
  });

  test('fills page 1 under the opening, later pages under the slim band', () => {
    // page 1: 1000 - 300 - 200 - 50 = 450 → 9 rows; later: 1000 - 100 - 200 - 50 = 650 → 13 rows
    expect(paginate({ ...base, rows: rows(30) })).toEqual([
      { from: 0, to: 9, notes: false },
      { from: 9, to: 22, notes: false },
      { from: 22, to: 30, notes: true },
    ]);
  });

  test('rows of different heights are never split', () => {
    const plans = paginate({ ...base, rows: [200, 200, 100, 300] });
    expect(plans.map((p) => [p.from, p.to])).toEqual([[0, 2], [2, 4]]);
  });

  test('notes that do not fit under the last rows take three of them to a new page', () => {
    // 13 rows fill page 2 exactly: no room for 100 units of notes.
    const plans = paginate({ ...base, rows: rows(22), notes: 100 });
    expect(plans).toEqual([
      { from: 0, to: 9, notes: false },
      { from: 9, to: 19, notes: false },
      { from: 19, to: 22, notes: true },
    ]);
  });

  test('when the opening leaves no room for a row, the table starts on page 2', () => {
    const plans = paginate({ ...base, opening: 760, rows: rows(3) });
    expect(plans).toEqual([
      { from: 0, to: 0, notes: false },
      { from: 0, to: 3, notes: true },
    ]);
  });

  test('a last page of fewer than three rows moves whole to the notes page', () => {
    const plans = paginate({ ...base, rows: rows(9), notes: 100 });
    expect(plans).toEqual([
      { from: 0, to: 6, notes: false },
      { from: 6, to: 9, notes: true },
    ]);
  });

  test('a poster without a table is one page', () => {
    expect(paginate({ ...base, hasTable: false, notes: 200 })).toEqual([{ from: 0, to: 0, notes: true }]);
  });

  test('text too long for one page is an error, not a cut', () => {
    expect(() => paginate({ ...base, hasTable: false, notes: 600 })).toThrow(PosterTooLongError);
  });
});
