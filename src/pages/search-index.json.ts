/**
 * /search-index.json: id, name as published (masked when masking is on), unit and link of
 * every subject. Never a full name the pages do not show.
 */
import type { APIRoute } from 'astro';
import { board } from '../site.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(board.passbooks.map((p) => [p.id, p.name, p.unitName ?? '', p.href])));
