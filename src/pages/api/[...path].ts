/** The stable JSON API under /api/, exactly the files the view model lists. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { board } from '../../view/site.ts';
import { oneAtATime } from '../../view/one-at-a-time.ts';

export const getStaticPaths = (() => board.api.map((file) => ({ params: { path: file.path }, props: { file } }))) satisfies GetStaticPaths;

// A file's body is made when it is written, one file at a time: a district's results are 26 MB each.
export const GET: APIRoute = ({ props }) =>
  oneAtATime(() => JSON.stringify(props.file.body(), null, 1) + '\n', { 'Content-Type': 'application/json; charset=utf-8' });
