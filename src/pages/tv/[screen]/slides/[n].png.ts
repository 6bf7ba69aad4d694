/**
 * /tv/<screen>/slides/001.png …: the slides of each screen of site.yaml, in its orientation.
 * Served here by the dev preview; the build draws them alongside the pages (src/tv/build.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { board } from '../../../../view/site.ts';
import { screensOf } from '../../../../tv/slides.ts';
import { servedPictureRoutes, type PictureRoute } from '../../../../tv/pictures.ts';
import { pictureResponse } from '../../../../tv/png.ts';

export const getStaticPaths = (() => screensOf(board).filter((s) => s.id).flatMap((s) => servedPictureRoutes(s, board))) satisfies GetStaticPaths;

export const GET: APIRoute<PictureRoute['props']> = ({ props }) => pictureResponse(props);
