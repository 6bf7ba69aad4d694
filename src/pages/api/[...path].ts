/** The stable JSON API under /api/, exactly the files the view model lists. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { board } from '../../view/site.ts';

export const getStaticPaths = (() => board.api.map((file) => ({ params: { path: file.path }, props: { body: file.body } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(props.body, null, 1) + '\n', { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
