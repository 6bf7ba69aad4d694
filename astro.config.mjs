// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// The data folder can be pointed elsewhere (tests, demo data) with BOARD_ROOT.
export default defineConfig({
  integrations: [mdx()],
  trailingSlash: 'always',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  // Tests build several data folders; each gets its own content-layer cache.
  cacheDir: process.env.BOARD_CACHE_DIR ?? './node_modules/.astro',
  
});
