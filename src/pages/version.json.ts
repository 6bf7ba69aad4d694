/** /version.json: the data version the whole build was made from. */
import type { APIRoute } from 'astro';
import { board } from '../view/site.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify({ dataVersion: board.version.id, commit: board.version.source === 'git' ? board.version.full : null, hash: board.version.source === 'hash' ? board.version.full : null, date: board.version.date }, null, 1) + '\n');
