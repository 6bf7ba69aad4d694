/**
 * The build step that writes `dist/posters/`: after Astro has written the site, every poster
 * of the view model is rendered (or copied from the cache when its inputs did not change),
 * with `manifest.json` and the print shop's `index.html`.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { buildSettings } from '../build/context.ts';

export default function posters(): AstroIntegration {
  return {
    name: 'points-board-posters',
    hooks: {
      // Load the fonts before the pages build the view model: unpacking them allocates some
      // 40 MB of buffers, which costs seconds of garbage collection once a large board is in
      // memory, and well under one before.
      'astro:build:start': async () => {
        const { defaultPosterFonts } = await import('../render/fonts.ts');
        defaultPosterFonts();
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { getBoard } = await import('../view/board.ts');
        const { posterDocs } = await import('./from-board.ts');
        const { renderPosters } = await import('./batch.ts');
        const { renderCacheDir, pruneUnused } = await import('../build/render-cache.ts');
        const started = performance.now();
        const docs = posterDocs(getBoard());
        const cacheDir = renderCacheDir('posters');
        const result = await renderPosters(docs, join(fileURLToPath(dir), 'posters'), {
          cacheDir,
          workers: buildSettings().posterWorkers,
        });
        const pages = result.files.reduce((n, f) => n + f.pages, 0);
        logger.info(`${result.files.length} posters, ${pages} pages: ${result.rendered} rendered, ${result.cached} from cache (${Math.round(performance.now() - started)} ms)`);
        // The shop's shelf labels and the points cards, listed in the same manifest.
        const sheetsStarted = performance.now();
        const { writeSheetFiles } = await import('./batch.ts');
        const { sheetFiles } = await import('./sheets-from-board.ts');
        const { defaultPosterFonts } = await import('../render/fonts.ts');
        const sheets = await writeSheetFiles(sheetFiles(getBoard(), defaultPosterFonts()), join(fileURLToPath(dir), 'posters'), cacheDir);
        logger.info(`shelf labels and points cards: ${sheets.files} files, ${sheets.pages} pages, ${sheets.drawn} drawn (${Math.round(performance.now() - sheetsStarted)} ms)`);
        for (const m of result.missingGlyphs) logger.warn(`${m.file}: no font has ${m.chars.join(' ')} (printed as 〓)`);
        const pruned = pruneUnused(cacheDir);
        if (pruned > 0) logger.info(`poster cache: ${pruned} files unused for a month removed`);
      },
    },
  };
}
