/** /tv/<screen>/slides/001.png …: the slides of each screen of site.yaml, in its orientation. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { board } from '../../../../site.ts';
import { screensOf } from '../../../../tv/slides.ts';
import { pictureRoutes, pictureResponse, type PictureRoute } from '../../../../tv/pictures.ts';

export const getStaticPaths = (() => screensOf(board).filter((s) => s.id).flatMap((s) => pictureRoutes(s, board))) satisfies GetStaticPaths;

export const GET: APIRoute<PictureRoute['props']> = ({ props }) => pictureResponse(props);
