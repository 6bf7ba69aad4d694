/**
 * A passbook's view: what it answers first for each scheme, and its history folded by period.
 * The passbook page (src/pages/[kind]/[id].astro) prints these.
 */
import type { Board, ItemView, PassbookScheme, RankedRow } from './board.ts';

/** Items a scheme's points buy, the dearest first (what a balance reaches), at most this many. */
const BUYS_SHOWN = 6;

const recorded = (row: RankedRow) => row.breakdown.rowCount();

/**
 * What a passbook says first for a scheme: the latest result, the ranks within units, and for a
 * redeemable scheme what the balance buys now (or what the cheapest item needs).
 */
export function passbookAnswer(board: Board, s: PassbookScheme): PassbookAnswer {
  const latest = s.results[0];
  const result = latest ? board.result(s.scheme.id, latest.period) : undefined;
  const within = latest && result
    ? Object.entries(latest.row.within).flatMap(([unit, rank]) => {
        const u = result.byUnit.find((x) => x.unit === unit);
        return rank === null || !u ? [] : [{ unit: u.unitName, rank, count: u.rows.length }];
      })
    : [];
  const balance = s.balance?.balance;
  const items = balance === undefined ? [] : board.shop.items.filter((i) => (!i.scheme || i.scheme === s.scheme.id) && i.stockStatus !== 'out');
  const buys = balance === undefined ? [] : items.filter((i) => i.price <= balance).sort((a, b) => b.price - a.price || (a.id < b.id ? -1 : 1));
  const cheapest = [...items].sort((a, b) => a.price - b.price)[0];
  return { within, balance, buys: buys.slice(0, BUYS_SHOWN), more: Math.max(0, buys.length - BUYS_SHOWN), cheapest };
}

/**
 * What the passbook answers first beyond its book (the latest result is the book's own,
 * `s.results[0]`): ranks within units and what the balance buys, which depend on the units'
 * and the shop's data. A page's cache key hashes these, so they hold nothing the book has.
 */
export interface PassbookAnswer {
  within: { unit: string; rank: number; count: number }[];
  balance: number | undefined;
  buys: ItemView[];
  /** Items the balance buys beyond those listed. */
  more: number;
  cheapest: ItemView | undefined;
}

/** What `points` of a scheme whose point is worth `value` yuan come to, to the fen. */
export function yuan(points: number, value: number): number {
  return Math.round(points * value * 100) / 100;
}

/** Periods newest first; a run of periods with nothing recorded and no points is one entry. */
export function passbookHistory(s: PassbookScheme) {
  const out: ({ quiet: false; period: string; row: RankedRow; count: number; rows: number } | { quiet: true; from: string; to: string })[] = [];
  for (const r of s.results) {
    const rows = recorded(r.row);
    const quiet = rows === 0 && r.row.total === 0 && !r.row.breakdown.list().some((c) => c.assessed && c.assessment);
    const last = out.at(-1);
    if (quiet && last?.quiet) last.from = r.period;
    else if (quiet) out.push({ quiet: true, from: r.period, to: r.period });
    else out.push({ quiet: false, ...r, rows });
  }
  return out;
}
