/**
 * Addresses of the slideshow's own files in public/tv/, with a hash of their bytes, so a TV
 * that reloads after a new build never keeps yesterday's script from its HTTP cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const hrefs = new Map<string, string>();

/**
 * `/tv/<name>?v=<first 10 hex of sha256>`, read from `public/tv/` of the project being built.
 *
 * @example tvAsset('tv.js') // '/tv/tv.js?v=3f1c0a9b2d'
 */
export function tvAsset(name: 'tv.js' | 'tv.css'): string {
  let href = hrefs.get(name);
  if (!href) {
    // Astro runs the build from the project folder; public/ is not part of the bundle.
    const bytes = readFileSync(join(process.cwd(), 'public', 'tv', name));
    href = `/tv/${name}?v=${createHash('sha256').update(bytes).digest('hex').slice(0, 10)}`;
    hrefs.set(name, href);
  }
  return href;
}
