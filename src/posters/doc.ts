/**
 * What a poster says: the view model's public notice, on paper. The schema is the type; the
 * renderer checks every document against it first, so a bad id or date fails with a message
 * instead of a broken PDF.
 */
import { z } from 'zod';

const text = z.string();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date is YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'no such date');

export const posterSizes = ['A4', 'A3', 'A2', 'A1'] as const;
export type PosterSize = (typeof posterSizes)[number];

export const highlights = ['red', 'black', 'gold'] as const;
export type Highlight = (typeof highlights)[number];

export const posterDocSchema = z.object({
  /** Output file name without extension, e.g. `ranking-party-2022`. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id is lower-case letters, digits and single hyphens'),
  /** ISO 216 paper size of the trimmed poster. */
  size: z.enum(posterSizes),
  /** Bleed in millimetres on each side: 0, or 3 for a print shop that trims (crop marks are drawn then). */
  bleed: z.union([z.literal(0), z.literal(3)]),
  /** Language of the fixed labels (page numbers, QR caption); the caller translates its own texts. */
  locale: z.enum(['zh-CN', 'en']),
  /** Small line above the title, e.g. the organiser. */
  kicker: text.optional(),
  /** e.g. 2022 年度党员积分公示 */
  title: text.min(1),
  /** e.g. 公示期：2023年1月5日至1月11日 */
  subtitle: text.optional(),
  /** Notice text, plain text (never HTML), one paragraph each. */
  paragraphs: z.array(text).optional(),
  /** A notice's sign-off under its paragraphs, line by line at the right: who issued it, and the date. */
  signature: z.array(text).optional(),
  /** Figures shown as boxes above the table, e.g. counts per star level. */
  summary: z.array(z.object({ label: text, value: text })).optional(),
  table: z
    .object({
      columns: z
        .array(
          z.object({
            label: text,
            align: z.enum(['left', 'right', 'center']).optional(),
            /** Relative width; 1 when left out. */
            width: z.number().positive().optional(),
          }),
        )
        .min(1),
      rows: z.array(z.array(text)),
      /** Per row: a red flag, a black flag, gold (first place, five stars), or nothing. */
      highlight: z.array(z.enum(highlights).nullable()).optional(),
    })
    .refine((t) => t.rows.every((r) => r.length === t.columns.length), 'every row has one cell per column')
    .refine((t) => !t.highlight || t.highlight.length === t.rows.length, 'highlight has one entry per row')
    .optional(),
  /** Guidance under the table, e.g. how to raise an objection. */
  notes: z.array(text).optional(),
  /**
   * How much larger than the base sizes the body is set (table, figures, paragraphs, notes).
   * The renderer sets it for a poster that fits on one page, to fill the sheet; 1 otherwise.
   */
  scale: z.number().min(1).max(3).optional(),
  /** How much taller than at `scale` the table's rows are: a short list at its largest type still fills the sheet. */
  spread: z.number().min(1).max(8).optional(),
  footer: z.object({
    organiser: text.min(1),
    /** e.g. 监督电话 */
    phoneLabel: text,
    phone: text,
    /** The data version the table was computed from, so a supervisor can trace it. */
    dataVersion: text,
    /** YYYY-MM-DD: printed, and used as the PDF's creation and modification date. */
    date,
    /** The QR code's target. */
    url: z.string().min(1),
  }),
});

export type PosterDoc = z.input<typeof posterDocSchema>;
export type PosterTable = NonNullable<PosterDoc['table']>;
export type PosterColumn = PosterTable['columns'][number];

/** Trimmed page sizes in millimetres (ISO 216). */
export const pageSizesMm: Record<PosterSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  A3: { width: 297, height: 420 },
  A2: { width: 420, height: 594 },
  A1: { width: 594, height: 841 },
};

/** PostScript points per millimetre. */
export const PT_PER_MM = 72 / 25.4;
