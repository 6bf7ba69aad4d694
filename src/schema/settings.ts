/**
 * `data/site.yaml` and `data/schemes.yaml`: zod schemas that are at once the types and the
 * documentation of every setting.
 */
import { z } from 'zod';
import { ROLES, UNIT_TYPES } from './tables.ts';

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/, '只能包含小写英文字母、数字和 -');

/** Yes/no as editors write it in YAML: true/false, yes/no, 是/否. */
const yesNo = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return ['yes', 'y', 'true', '是', 'on'].includes(s) ? true : ['no', 'n', 'false', '否', 'off'].includes(s) ? false : v;
}, z.boolean());

export const POSTER_SIZES = ['A4', 'A3', 'A2', 'A1'] as const;

/** How far down a TV shows each ranking: a rank, or `全部` / `all` for the whole list. */
const rankingTop = z.union([
  // "30", quoted, is 30.
  z.preprocess((v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v), z.number().int().min(1).max(100_000)),
  z.preprocess((v) => (typeof v === 'string' && ['all', '全部'].includes(v.trim().toLowerCase()) ? 'all' : v), z.literal('all')),
], { error: '写一个名次（如 30），或写 全部' });

export const screenSchema = z.strictObject({
  /** Screen id, used in the address `/tv/<id>/`. */
  id: slug,
  /** Seconds each slide stays on this screen. */
  slideSeconds: z.number().int().min(3).max(600).optional(),
  /** Which kinds of slide to show, in order (default: all). */
  playlist: z.array(z.enum(['ranking', 'stars', 'notices', 'shop', 'prices', 'honors', 'news'])).optional(),
  /** `portrait` for a TV mounted upright. */
  orientation: z.enum(['landscape', 'portrait']).default('landscape'),
  /** `rankingTop` for this screen (default: the `tv` setting); `全部` (all) for the whole list. */
  rankingTop: rankingTop.optional(),
});

export const siteSchema = z.strictObject({
  /** Site title, e.g. 幸福街道积分公示栏. */
  name: z.string().min(1),
  /** Who publishes the board. */
  organiser: z.string().min(1),
  /** Public address, for QR codes and links on posters. */
  baseUrl: z.url().default('https://example.org/'),
  /** Objection phone (监督电话): an office landline, never a personal mobile. */
  phone: z.string().default(''),
  /** Mask people's names on every public page, poster and JSON. */
  maskNames: yesNo.default(true),
  /** Language of the site, the TV and the posters. */
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  tv: z
    .strictObject({
      slideSeconds: z.number().int().min(3).max(600).default(15),
      screens: z.array(screenSchema).optional(),
      /**
       * Every slide also as a PNG under dist/tv/ (for a TV without a browser: a USB stick in
       * its media player). `no` leaves them out: a street's rankings are some 1,800 pictures.
       */
      pictures: yesNo.default(true),
      /**
       * Show each ranking down to this rank (ties included), not through the whole list: a
       * district's household ranking is some 1,500 slides, days of slideshow. Unset: the
       * whole list. The site and the posters always publish the whole ranking.
       */
      rankingTop: rankingTop.optional(),
    })
    .default({ slideSeconds: 15, pictures: true }),
  posters: z
    .strictObject({
      size: z.enum(POSTER_SIZES).default('A3'),
      /** Bleed in mm; 3 for the print shop. */
      bleed: z.number().min(0).max(10).default(0),
      /**
       * Which periods get a ranking, star and shop-summary poster: `latest`, the newest year,
       * quarter and month of each scheme (what the notice board shows now); `all`, every
       * period, for an archive.
       */
      periods: z.enum(['latest', 'all']).default('latest'),
    })
    .default({ size: 'A3', bleed: 0, periods: 'latest' }),
});
export type Site = z.output<typeof siteSchema>;

export const categorySchema = z.strictObject({
  /** Category id as editors write it in rules.csv and as an assessment header: 基础分. */
  id: z.string().min(1),
  /** Score before any ledger row (65 for a base score that only goes down). */
  start: z.number().default(0),
  min: z.number().optional(),
  max: z.number().optional(),
  /** The value comes from `assessments/`, not from the ledger (民主评议). */
  assessed: yesNo.default(false),
});

export const levelSchema = z.strictObject({
  name: z.string().min(1),
  /** The first level whose min is at or below the total applies. */
  min: z.number(),
  /** Star count, for star ratings. */
  stars: z.number().int().min(0).max(5).optional(),
  /** What the level means for the subject (整改要求, 巩固提升). */
  guidance: z.string().optional(),
});

export const SUBJECT_KINDS = ['person', 'household', 'merchant', 'unit'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const schemeSchema = z
  .strictObject({
    /** Slug used in rules.csv, URLs and output paths. */
    id: slug,
    name: z.string().min(1),
    subject: z.enum(SUBJECT_KINDS),
    /** Person schemes: which roles take part (default: all). */
    roles: z.array(z.enum(ROLES)).optional(),
    /** Unit schemes: which unit types take part (default: all). */
    unitTypes: z.array(z.enum(UNIT_TYPES)).optional(),
    period: z.enum(['year', 'quarter', 'month']),
    /** Day of the month a monthly result is published. */
    publishDay: z.number().int().min(1).max(31).optional(),
    /** Earned points form a balance the shop can spend. */
    redeemable: yesNo.default(false),
    /** Yuan a point is worth (S6's credit card: 1 分 = 1 元), shown beside balances. */
    pointValue: z.number().positive().max(10_000).optional(),
    categories: z.array(categorySchema).min(1),
    /** Clamp of the sum of categories. */
    total: z.strictObject({ min: z.number().optional(), max: z.number().optional() }).default({}),
    /** Ordered from the highest min down. */
    levels: z.array(levelSchema).default([]),
    /** Level given to a vetoed subject. */
    vetoLevel: z.string().optional(),
    /** Also rank inside each unit (or ancestor) of these types. */
    ranking: z.strictObject({ within: z.array(z.string()).default([]) }).default({ within: [] }),
  })
  .superRefine((s, ctx) => {
    const ids = s.categories.map((c) => c.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['categories', i, 'id'], message: `类别“${id}”重复` });
    });
    if (s.vetoLevel && !s.levels.some((l) => l.name === s.vetoLevel)) {
      ctx.addIssue({ code: 'custom', path: ['vetoLevel'], message: `“${s.vetoLevel}”不在 levels 中` });
    }
    s.categories.forEach((c, i) => {
      if (c.min !== undefined && c.max !== undefined && c.min > c.max) {
        ctx.addIssue({ code: 'custom', path: ['categories', i], message: 'min 大于 max' });
      }
    });
  });
export type Scheme = z.output<typeof schemeSchema>;
export type Category = z.output<typeof categorySchema>;
export type Level = z.output<typeof levelSchema>;

export const schemesSchema = z.array(schemeSchema).min(1);
