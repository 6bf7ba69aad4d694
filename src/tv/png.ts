/**
 * Slides as pictures for a TV without a browser (a USB stick in the set's media player):
 * satori lays a slide out as SVG (`picture-layout.ts`) with the posters' fonts (Noto Sans SC
 * from node_modules, never the system's), resvg turns it into a PNG. No browser, no clock:
 * the same slide and fonts give the same bytes.
 *
 * Rendered pictures are kept in a content-addressed cache (node_modules/.cache/tv, or
 * $BOARD_TV_CACHE) without the data's stamp (version and date): the key (`key.ts`) covers the
 * slide, the words around it but the stamp, the fonts and the source of the drawing code, so
 * only a slide that changed is drawn again. The stamp, the same on every slide of a build, is
 * drawn once and laid over each kept picture. Pictures are encoded in strips (`strips.ts`),
 * so laying the stamp over one recompresses only the strips the stamp touches.
 *
 * This module draws one picture when asked: the dev preview's picture routes, and tests. The
 * build draws all of them at once, alongside the pages (`build.ts`). Both draw on the worker
 * threads of `pool.ts`, or in this thread without them (`BOARD_TV_WORKER=off`).
 */
import { join } from 'node:path';
import { defaultPosterFonts, type PosterFonts } from '../render/fonts.ts';
import type { TvSlide } from './model.ts';
import type { PictureChrome, PictureOptions } from './picture-layout.ts';
import { renderPicture, type PictureTask } from './draw.ts';
import { renderCacheDir } from '../build/render-cache.ts';
import { drawOnPool, picturePool } from './pool.ts';
import { pictureKeyOf } from './key.ts';
import source from './draw.ts?raw';
import layoutSource from './picture-layout.ts?raw';
import stripsSource from './strips.ts?raw';

export { pictureSize, type PictureChrome, type PictureOptions } from './picture-layout.ts';
export { slideSvg } from './draw.ts';

/** The cache key of a kept picture: everything it is drawn from (the stamp is not in it). */
export function pictureKey(slide: TvSlide, chrome: PictureChrome, options: PictureOptions, fonts: PosterFonts): string {
  return pictureKeyOf([source, layoutSource, stripsSource], slide, chrome, options, fonts);
}

/**
 * One slide as PNG bytes, from the cache when the same slide was drawn before.
 *
 * @example const png = await slidePng(slide, chrome, { orientation: 'landscape' });
 */
export async function slidePng(slide: TvSlide, chrome: PictureChrome, options: PictureOptions, fonts: PosterFonts = defaultPosterFonts()): Promise<Uint8Array> {
  const task: PictureTask = { file: join(renderCacheDir('tv'), `${pictureKey(slide, chrome, options, fonts)}.png`), slide, chrome, options };
  // The workers draw with the default fonts; other fonts (tests) are drawn here.
  const pool = fonts === defaultPosterFonts() ? picturePool() : null;
  try {
    if (pool) return (await drawOnPool(pool, task)).png!;
  } catch {
    // the workers failed: this thread draws it
  }
  return (await renderPicture(task, fonts)).png;
}

/** The response of a picture route (the dev preview). */
export async function pictureResponse(props: { slide: TvSlide; chrome: PictureChrome; options: PictureOptions }): Promise<Response> {
  const png = await slidePng(props.slide, props.chrome, props.options);
  return new Response(png as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'image/png' } });
}
