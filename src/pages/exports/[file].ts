/** /exports/<scheme>-<period>.csv: every ranking as a spreadsheet, formula-safe. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { board, t, points } from '../../view/site.ts';
import { rankingCsv } from '../../view/export.ts';
import { oneAtATime } from '../../view/one-at-a-time.ts';

export const getStaticPaths = (() =>
  board.results.map((result) => ({ params: { file: `${result.scheme.id}-${result.period}.csv` }, props: { result } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => oneAtATime(() => rankingCsv(props.result, { t, points }), { 'Content-Type': 'text/csv; charset=utf-8' });
