/**
 * Passbook pages from the build before: Astro's incremental build (`experimental.incrementalBuild`)
 * copies a page from its cache instead of rendering it again when the page's `cacheKey` is the
 * same as last time. A passbook's key covers everything it shows (its own book and the site's
 * settings) except the data version and date in the footer, which change with every edit and
 * would make every page new. Those are written as placeholders and filled in after the pages
 * (`stampPages`), in every passbook, rendered or copied. So one changed ledger row renders the
 * passbooks it changed, not all ten thousand.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Board, Passbook } from './board.ts';
import { formatDate } from './i18n/index.ts';

const BUILDING = Symbol.for('points-board:building');
const flags = globalThis as typeof globalThis & { [BUILDING]?: boolean };

/**
 * Whether this process is building the site (`astro build`), not serving the dev preview. Set
 * by the integration below and read by the page bundle, both in this process. (Vite's
 * `import.meta.env.PROD` is no guide: a build run with NODE_ENV=test, as the tests run it, is
 * not "production".)
 */
export const building = (): boolean => flags[BUILDING] === true;

/** What a passbook prints for the data version and its date until `stampPages` fills them in. */
export const VERSION_MARK = '@@board:version@@';
export const DATE_MARK = '@@board:date@@';

/** The cache key of a passbook page: its book and the site's settings, in full. */
export function passbookKey(book: Passbook, site: Board['site']): string {
  return createHash('sha256').update(JSON.stringify([book, site])).digest('hex');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Fills the data version and date into every passbook page under `dist`; returns how many. */
export function stampPages(board: Board, dist: string): number {
  const version = escapeHtml(board.version.id);
  const date = escapeHtml(formatDate(board.site.locale, board.version.date));
  let n = 0;
  for (const book of board.passbooks) {
    const file = join(dist, book.href, 'index.html');
    const html = readFileSync(file, 'utf8');
    writeFileSync(file, html.replaceAll(VERSION_MARK, version).replaceAll(DATE_MARK, date));
    n++;
  }
  return n;
}

export default function stampIntegration(): AstroIntegration {
  return {
    name: 'points-board-stamp',
    hooks: {
      'astro:build:start': () => {
        flags[BUILDING] = true;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { getBoard } = await import('./board.ts');
        const started = performance.now();
        const n = stampPages(getBoard(), fileURLToPath(dir));
        logger.info(`${n} passbooks stamped with the data version (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
