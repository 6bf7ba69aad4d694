/**
 * Stories and notices as Astro content collections, read from the top-level `content/`
 * folder (or `$BOARD_ROOT/content`) with the same front-matter schemas `npm run check` uses.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { newsSchema, noticeSchema } from './schema/content.ts';
import { buildSettings } from './build/context.ts';

const root = buildSettings().root;

export const collections = {
  news: defineCollection({ loader: glob({ pattern: '*.{md,mdx}', base: `${root}/content/news` }), schema: newsSchema }),
  notices: defineCollection({ loader: glob({ pattern: '*.{md,mdx}', base: `${root}/content/notices` }), schema: noticeSchema }),
};
