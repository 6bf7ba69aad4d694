/**
 * The build step that writes `dist/posters/`: every poster of the view model (or its copy from
 * the cache when its inputs did not change), the shelf labels and points cards, `manifest.json`
 * and the print shop's `index.html`. Drawn on a worker thread alongside the pages (`print.ts`),
 * once the TV's pictures are drawn, and put in place after them.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { buildSettings, processSlot } from '../build/context.ts';
import type { Printed, PrintJob } from './print.ts';

export default function posters(): AstroIntegration {
  let job: PrintJob | undefined;
  let drawing: Promise<{ printed: Printed; staging: string } | { error: string }> = Promise.resolve({ error: 'not started' });
  return {
    name: 'points-board-posters',
    hooks: {
      'astro:build:start': async () => {
        const { getBoard } = await import('../view/board.ts');
        const { printJob, startPrinting } = await import('./print.ts');
        const { renderCacheDir } = await import('../build/render-cache.ts');
        job = printJob(getBoard(), renderCacheDir('posters'), buildSettings().posterWorkers);
        // One drawing worker at a time: the print worker starts once the TV's pictures are drawn
        // (a street's 21 in some 10 s, its labels and cards then take 40 s beside 47 s of pages).
        // Both at once, while the build's thread makes the page list and its keys, made the
        // build's peak: 2.12 GB on a street, against 1.90 GB one after the other (read from
        // /proc every second; the bench's peak 2.10 → 1.99 GB).
        const pictures = processSlot<Promise<unknown>>('tv-drawing').get() ?? Promise.resolve();
        drawing = pictures.then(() => startPrinting(job!));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { runPrintJob } = await import('./print.ts');
        const { placeStaged } = await import('../build/staging.ts');
        const { pruneUnused } = await import('../build/render-cache.ts');
        const out = join(fileURLToPath(dir), 'posters');
        const done = await drawing;
        let printed: Printed;
        let where = 'alongside the pages, on a worker thread';
        if ('printed' in done) {
          placeStaged(done.staging, out);
          printed = done.printed;
        } else {
          // The worker could not draw them: here, now, and the log says why.
          logger.warn(`the print worker failed (${done.error}): drawing the posters after the pages`);
          printed = await runPrintJob(job!, out);
          where = 'after the pages';
        }
        const { posters, sheets } = printed;
        logger.info(`${posters.files} posters, ${posters.pages} pages: ${posters.rendered} rendered, ${posters.cached} from cache (${Math.round(posters.ms)} ms, ${where})`);
        logger.info(`shelf labels and points cards: ${sheets.files} files, ${sheets.pages} pages, ${sheets.drawn} drawn (${Math.round(sheets.ms)} ms)`);
        for (const m of posters.missingGlyphs) logger.warn(`${m.file}: no font has ${m.chars.join(' ')} (printed as 〓)`);
        const pruned = pruneUnused(job!.cacheDir);
        if (pruned > 0) logger.info(`poster cache: ${pruned} files unused for a month removed`);
      },
    },
  };
}
