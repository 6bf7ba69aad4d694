/**
 * The cache key of a kept TV picture: everything it is drawn from but the stamp. The sources
 * of the drawing code come from the caller: the page bundle has them as `?raw` imports
 * (`png.ts`), the build's integration reads them from src/ (`build.ts`); the same files give
 * the same key either way.
 */
import { createHash } from 'node:crypto';
import type { PosterFonts } from '../render/fonts.ts';
import type { TvSlide } from './model.ts';
import type { PictureChrome, PictureOptions } from './picture-layout.ts';
import { unstamped } from './draw.ts';

/** The files whose code draws a picture, in the order their text enters the key. */
export const DRAWING_SOURCES = ['draw.ts', 'picture-layout.ts', 'strips.ts'] as const;

export function pictureKeyOf(sources: readonly string[], slide: TvSlide, chrome: PictureChrome, options: PictureOptions, fonts: Pick<PosterFonts, 'hash'>): string {
  const hash = createHash('sha256');
  for (const s of sources) hash.update(s).update('\0');
  return hash
    .update(process.versions.zlib)
    .update('\0')
    .update(fonts.hash)
    .update('\0')
    .update(JSON.stringify({ slide, chrome: unstamped(chrome), options }))
    .digest('hex');
}
