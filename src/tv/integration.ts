/**
 * The build's TV pictures (`build.ts`): started before Astro writes the pages, so the worker
 * threads draw them while the pages are written, and put into the site folder after. The log
 * says how many were drawn and how many were kept pictures with the new stamp laid over them,
 * so an editor (and `npm run bench`) sees that a small data change draws only the slides it
 * changed.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { pruneUnused, renderCacheDir } from '../build/render-cache.ts';
import type { PicturesDone } from './build.ts';
import { processSlot } from '../build/context.ts';

const drawingSlot = processSlot<Promise<unknown>>('tv-drawing');

export default function tvPictures(): AstroIntegration {
  let drawing: Promise<PicturesDone | Error | null> = Promise.resolve(null);
  return {
    name: 'points-board-tv-pictures',
    hooks: {
      'astro:build:start': async () => {
        const { getBoard } = await import('../view/board.ts');
        const { picturesWanted } = await import('./pictures.ts');
        const board = getBoard();
        drawingSlot.forget();
        if (!picturesWanted(board)) return;
        const { startPictures } = await import('./build.ts');
        drawing = startPictures(board);
        // The print worker starts when these are drawn (src/posters/integration.ts).
        drawingSlot.set(drawing);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { getBoard } = await import('../view/board.ts');
        const { screensOf, loopLengths, minutesSeconds, LOOP_TARGET_SECONDS } = await import('./slides.ts');
        for (const screen of screensOf(getBoard())) {
          const { plain, longest } = loopLengths(screen);
          const notice = longest > plain ? ` (${minutesSeconds(longest)} while a notice is up)` : '';
          const line = `TV ${screen.path}: ${screen.slides.length} slides, a loop of ${minutesSeconds(plain)}${notice} at ${screen.seconds} s a slide`;
          if (longest > LOOP_TARGET_SECONDS) logger.warn(`${line}: longer than ${LOOP_TARGET_SECONDS / 60} minutes; tv.rankingTop sets how far down each ranking goes`);
          else logger.info(line);
        }
        const done = await drawing;
        if (done === null) return;
        if (done instanceof Error) throw done;
        const { placeStaged } = await import('../build/staging.ts');
        placeStaged(done.staging, fileURLToPath(dir)); // removes the staging folder too
        const on = done.workers === 0 ? '' : done.workers === 1 ? ', on a worker thread' : `, on ${done.workers} worker threads`;
        logger.info(`TV pictures: ${done.drawn} drawn, ${done.kept} from cache with the new stamp (${Math.round(done.ms)} ms${on}, alongside the pages); ${done.files} files`);
        const pruned = pruneUnused(renderCacheDir('tv'));
        if (pruned > 0) logger.info(`TV picture cache: ${pruned} pictures unused for a month removed`);
      },
    },
  };
}
