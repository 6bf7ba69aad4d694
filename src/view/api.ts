/**
 * The stable JSON API (dist/api/), exactly as the contract lists it (DATA-FORMAT.md). Every
 * shape is written out here field by field, never spread from a domain object, so renaming a
 * field in the domain cannot change what a consumer reads.
 */
import { translator, formatPoints } from '../i18n/index.ts';
import type { ApiFile, Board } from './board.ts';
import { apiResultRow, rankingColumns, type ColumnsOf } from './ranking-columns.ts';

/** Every file of the API, each made when it is written. `columns` is where a ranking's columns come from (a test adds one). */
export function apiFiles(board: Board, columnsOf: ColumnsOf = rankingColumns): ApiFile[] {
  const dataVersion = board.version.id;
  const t = translator(board.site.locale);
  const f = { t, points: (n: number) => formatPoints(board.site.locale, n) };
  const files: ApiFile[] = [
    { path: 'index.json', body: () => ({ dataVersion, schemes: board.schemes.map((s) => ({ id: s.id, name: s.name, periods: s.periods })) }) },
  ];
  for (const r of board.results) {
    const cols = columnsOf(r.scheme, f);
    files.push({
      path: `results/${r.scheme.id}/${r.period}.json`,
      body: () => ({ scheme: r.scheme.id, period: r.period, dataVersion, rows: r.rows.map((row) => apiResultRow(row, cols)) }),
    });
    const s = r.stats;
    files.push({
      path: `stats/${r.scheme.id}/${r.period}.json`,
      body: () => ({
        scheme: r.scheme.id,
        period: r.period,
        dataVersion,
        activities: s.activities,
        participations: s.participations,
        participants: s.participants,
        eligible: s.eligible,
        coverage: s.coverage,
        pointsIssued: s.pointsIssued,
        pointsDeducted: s.pointsDeducted,
      }),
    });
  }
  for (const b of board.balances) {
    files.push({
      path: `balances/${b.scheme.id}.json`,
      body: () => ({ scheme: b.scheme.id, dataVersion, rows: b.rows.map((row) => ({ id: row.id, name: row.name, earned: row.earned, redeemed: row.redeemed, balance: row.balance })) }),
    });
  }
  for (const s of board.shop.summaries) {
    files.push({
      path: `shop/${s.period}.json`,
      body: () => ({
        period: s.period,
        redemptions: s.redemptions,
        pointsRedeemed: s.pointsRedeemed,
        items: s.items.map((i) => ({ id: i.id, name: i.name, quantity: i.quantity, points: i.points })),
        stock: s.stock.map((st) => ({ id: st.id, name: st.name, opening: st.opening, in: st.in, out: st.out, closing: st.closing })),
        dataVersion,
      }),
    });
  }
  return files;
}
