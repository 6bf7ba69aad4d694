/**
 * /tv/slides/001.png …: every slide of /tv/ as a 1920×1080 picture, for a USB stick. Served
 * here by the dev preview; the build draws them alongside the pages (src/tv/build.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { board } from '../../../view/site.ts';
import { screensOf } from '../../../tv/slides.ts';
import { servedPictureRoutes, type PictureRoute } from '../../../tv/pictures.ts';
import { pictureResponse } from '../../../tv/png.ts';

export const getStaticPaths = (() => servedPictureRoutes(screensOf(board)[0]!, board)) satisfies GetStaticPaths;

export const GET: APIRoute<PictureRoute['props']> = ({ props }) => pictureResponse(props);
