/**
 * The ledger kept as columns (src/schema/ledger-columns.ts): every score, breakdown line and
 * error location reads its rows back from them, so a row must come back exactly as the reader
 * made it, whichever thread read its file, blanks included.
 */
import { describe, expect, test } from 'vitest';
import { Ledger, LedgerBuilder } from '../../src/schema/ledger-columns.ts';
import { RowEncoder } from '../../src/data/split-read.ts';
import { tables, type LedgerRow } from '../../src/schema/tables.ts';

const row = (over: Partial<LedgerRow>): LedgerRow => ({
  file: 'data/ledger/2022-01.csv', line: 2, date: '2022-01-05', subject: 'H-1', rule: 'C1', points: undefined, quantity: 1,
  activity: undefined, note: undefined, reviewer: '李审核', status: '已核实', ...over,
});
const rows: LedgerRow[] = [
  row({}),
  row({ line: 3, points: 2.5, note: '楼道清理', activity: '周末大扫除' }),
  row({ line: 4, date: '2022-01-31', status: '驳回', reviewer: undefined, quantity: 90, points: 0 }),
  row({ file: 'data/ledger/2022-02.csv', line: 2, date: '2022-02-01', subject: 'P-7', rule: 'R2', points: -3, note: '' }),
];

describe('the ledger as columns', () => {
  test('gives back each row as the reader made it: the same fields in the same order, blanks as blanks', () => {
    const ledger = Ledger.from(rows);
    expect(ledger.length).toBe(4);
    expect(ledger.rows()).toEqual(rows);
    for (let i = 0; i < rows.length; i++) expect(Object.keys(ledger.row(i))).toEqual(Object.keys(rows[i]!));
    expect(ledger.points(0)).toBeUndefined();
    expect(ledger.points(2)).toBe(0);
    expect(ledger.note(3)).toBe('');
    expect(ledger.note(0)).toBeUndefined();
  });

  test('a file the worker read, sent as its columns, gives the same rows as the objects read here', () => {
    const keys = Object.keys(tables.ledger.columns);
    const fromWorker = new LedgerBuilder();
    for (const file of ['data/ledger/2022-01.csv', 'data/ledger/2022-02.csv']) {
      const mine = rows.filter((r) => r.file === file);
      const encoder = new RowEncoder(tables.ledger);
      for (const row of mine) encoder.push(row as unknown as Record<string, unknown>);
      const sent = encoder.done();
      fromWorker.addEncoded(file, keys, { lines: sent.lines!, refs: sent.refs!, numbers: sent.numbers!, strings: sent.strings!.split('\0') });
    }
    expect(fromWorker.done().rows()).toEqual(rows);
  });

  test('keep: the rows marked, in order; the latest date of the rows kept', () => {
    const ledger = Ledger.from(rows);
    const kept = ledger.keep(Uint8Array.from([1, 0, 1, 0]));
    expect(kept.rows()).toEqual([rows[0], rows[2]]);
    expect(kept.latestDate()).toBe('2022-01-31');
    expect(ledger.latestDate()).toBe('2022-02-01');
    expect(Ledger.from([]).latestDate()).toBe('');
  });

  test('a status outside the three is refused, not stored as another', () => {
    expect(() => Ledger.from([row({ status: '已审核' as LedgerRow['status'] })])).toThrow(/status/);
  });
});
