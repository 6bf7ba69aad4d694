// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import posters from './src/posters/integration.ts';
import devPreview from './src/dev/integration.ts';
import tvPictures from './src/tv/integration.ts';
import stamp from './src/build/stamp.ts';
import checked from './src/check/integration.ts';
import outDir from './src/build/out-dir.ts';

// The data folder can be pointed elsewhere (tests, demo data) with BOARD_ROOT.
export default defineConfig({
  // BOARD_POSTERS=off leaves the posters step out (measuring the site build alone).
  // checked() first: the build waits there for the check `npm run build` runs alongside
  // Astro's start (src/cli/build.ts). outDir() next: the last build's files go while the board is computed.
  integrations: [checked(), outDir(), mdx(), devPreview(), tvPictures(), stamp(), ...(process.env.BOARD_POSTERS === 'off' ? [] : [posters()])],
  // Stories are plain prose: no syntax highlighter (Shiki's inline styles would break the CSP).
  markdown: { syntaxHighlight: false },
  trailingSlash: 'always',
  // Eight pages in flight: a page's render waits on its file writes (the page and the
  // incremental cache's copy), and with one at a time the core sat idle through them. On a
  // street's data (17,165 pages, 2 cores) the pages took 53 s one at a time, 41 s with 4 in
  // flight, 38 s with 8 and 36 s with 16, at the same peak memory (docs/performance.md).
  build: { format: 'directory', concurrency: 8 },
  devToolbar: { enabled: false },
  // Every page carries a Content-Security-Policy with no 'unsafe-inline': scripts and styles
  // come from the site's own files (or hashed by Astro), so text an editor typed can never run.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
    },
  },
  // Tests build several data folders; each gets its own content-layer cache.
  cacheDir: process.env.BOARD_CACHE_DIR ?? './node_modules/.astro',
  // A page whose cacheKey did not change is copied from the build before (passbooks: src/build/stamp.ts).
  experimental: { incrementalBuild: true },
  
});
