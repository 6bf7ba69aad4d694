/**
 * The build waits here, at its start, for the check that `npm run build` runs while Astro
 * starts (src/cli/build.ts): nothing after this hook (the board, the TV's pictures, the print
 * shop's folder, the pages) starts before the data has passed. When the data has errors, the
 * build stops here, having written nothing. A build without a check under way (`astro build`,
 * the tests) goes on at once, and checks the data when the board is first asked for.
 */
import type { AstroIntegration } from 'astro';
import { checkHandedOver } from './in-flight.ts';

export default function checkIntegration(): AstroIntegration {
  let loading: Promise<unknown> = Promise.resolve();
  return {
    name: 'points-board-check',
    hooks: {
      'astro:config:done': () => {
        // The board's modules (some eighty, each transformed by Vite) load while the check
        // runs, not after it: the build's start asks for the board first thing.
        loading = import('../view/board.ts');
      },
      'astro:build:start': async () => {
        await Promise.all([checkHandedOver(), loading]);
      },
    },
  };
}
