/**
 * The build step that writes `dist/posters/`: every poster of the view model (or its copy from
 * the cache when its inputs did not change), the shelf labels and points cards, `manifest.json`
 * and the print shop's `index.html`. Drawn on a worker thread from the start of the build,
 * alongside the pages (`print.ts`), and put in place after them.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { buildSettings } from '../build/context.ts';
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
        drawing = startPrinting(job);
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
