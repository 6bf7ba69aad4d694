/**
 * /api/changes.json: 本期变动 in full, for anyone who wants every row the pages shorten:
 * the publication compared against, rows changed per data file, and every subject whose
 * published figures moved (before / after), per scheme and period.
 */
import type { APIRoute } from 'astro';
import { board, changes } from '../../view/site.ts';

export const GET: APIRoute = () =>
  new Response(
    JSON.stringify(
      {
        dataVersion: board.version.id,
        base: changes.base && { dataVersion: changes.base.id, commit: changes.base.full, date: changes.base.date },
        status: changes.status,
        files: changes.files,
        periods: changes.periods.map((p) => ({
          scheme: p.scheme,
          period: p.period,
          subjects: p.subjects.map((s) => ({ id: s.id, name: s.name, before: s.before ?? null, after: s.after ?? null })),
        })),
        balances: changes.balances.map((b) => ({ scheme: b.scheme, id: b.id, name: b.name, before: b.before, after: b.after })),
      },
      null,
      1,
    ) + '\n',
  );
