/**
 * /search/i/meta.json (bucket count and sizes) and /search/i/<n>.json (one bucket of the
 * search index): see src/view/search.ts.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { board } from '../../../view/site.ts';
import { searchBuckets, type SearchEntry } from '../../../view/search.ts';

const index = searchBuckets(board.passbooks.map((p): SearchEntry => [p.id, p.name, p.unitName ?? '', p.href]));

export const getStaticPaths = (() => [
  { params: { bucket: 'meta' }, props: { body: index.meta } },
  ...index.buckets.map((b, i) => ({ params: { bucket: String(i) }, props: { body: b } })),
]) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response(JSON.stringify(props.body));
