/**
 * Print-ready posters for the notice board (公示栏): the view model's notices as PDF files a
 * print shop prints as they are.
 *
 * @example
 * const fonts = loadPosterFonts();
 * const pdf = await renderPoster(doc, fonts);               // one poster
 * const result = await renderPosters(docs, 'dist/posters'); // all, with manifest.json and index.html
 */
export { posterDocSchema, posterSizes, pageSizesMm, type PosterDoc, type PosterSize, type Highlight } from './doc.ts';
export { loadPosterFonts, missingGlyphs, MISSING_MARK, type PosterFonts, type LoadPosterFontsOptions } from '../render/fonts.ts';
export { renderPoster, renderPosterWithInfo, posterDigest, posterMissingGlyphs, rendererFingerprint, RENDERER_VERSION, type RenderedPoster } from './render.ts';
export { renderPosters, posterIndexHtml, postersMissingGlyphs, type PosterManifest, type PosterManifestEntry, type RenderPostersOptions, type RenderPostersResult } from './batch.ts';
export { PosterTooLongError } from './paginate.ts';
