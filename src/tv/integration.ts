/**
 * Says in the build's log how many TV pictures were drawn and how many were kept pictures
 * with the new stamp laid over them, so an editor (and `npm run bench`) sees that a small data
 * change draws only the slides it changed.
 */
import type { AstroIntegration } from 'astro';
import { pruneUnused, renderCacheDir } from '../render-cache.ts';
import { pictureCounts } from './counts.ts';

export default function tvPictures(): AstroIntegration {
  return {
    name: 'points-board-tv-pictures',
    hooks: {
      'astro:build:done': ({ logger }) => {
        const { drawn, kept, ms, worker } = pictureCounts();
        if (drawn + kept === 0) return;
        logger.info(`TV pictures: ${drawn} drawn, ${kept} from cache with the new stamp (${Math.round(ms)} ms${worker ? ', on a worker thread' : ''})`);
        const pruned = pruneUnused(renderCacheDir('tv'));
        if (pruned > 0) logger.info(`TV picture cache: ${pruned} pictures unused for a month removed`);
      },
    },
  };
}
