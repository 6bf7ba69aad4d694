/** /tv/slides/001.png …: every slide of /tv/ as a 1920×1080 picture, for a USB stick. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { board } from '../../../site.ts';
import { screensOf } from '../../../tv/slides.ts';
import { pictureRoutes, pictureResponse, type PictureRoute } from '../../../tv/pictures.ts';

export const getStaticPaths = (() => pictureRoutes(screensOf(board)[0]!, board)) satisfies GetStaticPaths;

export const GET: APIRoute<PictureRoute['props']> = ({ props }) => pictureResponse(props);
