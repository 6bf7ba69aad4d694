/**
 * Front matter of `content/news/*.mdx` and `content/notices/*.mdx`. Shared by Astro's content
 * collections and by `npm run check`, so both accept exactly the same files.
 */
import { z } from 'zod';
import { dateCell, periodCell, idCell } from './cells.ts';

/** A date as editors write it (YAML may hand over a Date object or a string). */
const dateField = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const raw = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  const r = dateCell(raw);
  if (r.ok) return r.value;
  ctx.addIssue({ code: 'custom', message: `“${raw}”不是日期（写成 2022-10-09）` });
  return z.NEVER;
});
const periodField = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const r = periodCell(String(v));
  if (r.ok) return r.value;
  ctx.addIssue({ code: 'custom', message: `“${v}”不是周期（写成 2022、2022-Q3 或 2022-10）` });
  return z.NEVER;
});
const idField = z.string().refine((s) => idCell(s).ok, '编号只能包含英文字母、数字、- 和 _');

export const newsSchema = z.strictObject({
  /** Headline. */
  title: z.string().min(1),
  date: dateField,
  /** Unit id the story is about. */
  unit: idField.optional(),
  author: z.string().optional(),
  summary: z.string().min(1),
  /** Path of a cover image under public/. */
  cover: z.string().regex(/^\/[A-Za-z0-9/_.-]+$/, '封面图片路径写成 /images/xxx.jpg').optional(),
  tags: z.array(z.string()).default([]),
});

export const noticeSchema = z
  .strictObject({
    title: z.string().min(1),
    /** Scheme id whose computed table the notice attaches. */
    scheme: z.string().regex(/^[a-z0-9-]+$/),
    period: periodField,
    /** First and last day of the notice period (公示期). */
    start: dateField,
    end: dateField,
    /** Objection contact; defaults to the site's phone. */
    contact: z.string().optional(),
    /** Poster size for this notice. */
    size: z.enum(['A4', 'A3', 'A2', 'A1']).optional(),
    /** After this date the notice and its poster leave the build. */
    expires: dateField.optional(),
  })
  .refine((n) => n.start <= n.end, { message: '公示结束日期早于开始日期', path: ['end'] });

export type NewsMeta = z.output<typeof newsSchema>;
export type NoticeMeta = z.output<typeof noticeSchema>;
export interface NewsEntry extends NewsMeta { slug: string; file: string; body: string }
export interface NoticeEntry extends NoticeMeta { slug: string; file: string; body: string }
