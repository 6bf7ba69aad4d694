/**
 * What a TV slide is: the words of the view model cut into screens of big type. The slide
 * builders (`kinds/`) format every text once, so the HTML slideshow (`src/components/tv/`)
 * and the PNG renderer print the same words and only decide how they look.
 *
 * A slide holds a title, then any of: figures (big numbers), a table of at most one page of
 * rows, news stories, a notice or a message. Table columns carry their widths as whole
 * percentages (multiples of 5), landscape and portrait, so the CSS can give them by class (no
 * inline styles) and satori by the same numbers.
 */
import { translator, formatPeriod, formatDate, formatPoints, type Locale, type Translate } from '../i18n/index.ts';
import { chunks } from '../view/paging.ts';

/** What a playlist may hold, in the order of the settings schema. */
export const TV_KINDS = ['ranking', 'stars', 'notices', 'shop', 'prices', 'honors', 'news'] as const;
export type TvKind = (typeof TV_KINDS)[number];

/** The playlist of a screen that does not name one: open notices first, news last. */
export const DEFAULT_PLAYLIST: readonly TvKind[] = ['notices', 'ranking', 'stars', 'honors', 'shop', 'prices', 'news'];

/** Rows on one slide. Ten for rankings, as the brief of the hall asks; fewer below figures. */
export const ROWS_PER_SLIDE = 10;

/**
 * How far down a TV shows each ranking when `tv.rankingTop` is not set: the top ten (and a
 * tie across the tenth place), with a QR code to the whole list. A loop of a street's schemes
 * then stays under ten minutes; `rankingTop: 全部` plays every row.
 */
export const DEFAULT_RANKING_TOP = 10;

/** The longest loop a screen should play with the default settings, in seconds (the build says when one is longer). */
export const LOOP_TARGET_SECONDS = 600;

export type TvTone = 'gold' | 'red' | 'black' | 'muted';

export interface TvColumn {
  /** What the column holds: the CSS and the PNG renderer style by it. */
  role: 'rank' | 'name' | 'unit' | 'num' | 'level' | 'stars' | 'text' | 'note';
  label: string;
  align: 'start' | 'end' | 'center';
  /** Landscape width in percent of the table (a multiple of 5; a row sums to 100). */
  width: number;
  /**
   * Portrait: the line of the row the cell goes on, its width on that line (percent) and,
   * for the first cell of line 2, an indent (percent) that lines it up under the name.
   */
  portrait: { line: 1 | 2; width: number; indent?: number };
  /** Long free text that may be cut with an ellipsis rather than overflow. */
  clip?: boolean;
}

export interface TvRow {
  cells: string[];
  tone?: TvTone;
  /** 1, 2 or 3: the rank is drawn as a medal. */
  medal?: 1 | 2 | 3;
  /** The row is one sentence across the table (另有 12 户本期未得分); `cells` is empty. */
  sentence?: string;
}

export interface TvFigure {
  label: string;
  value: string;
  /** Star rating levels: drawn as stars above the label. */
  stars?: string;
  /** Names under the value: the units at a star level. */
  items?: string[];
}

export interface TvStory {
  title: string;
  /** Date and unit: 2023年1月6日 · 锦园社区 */
  meta: string;
  summary: string;
}

export interface TvNotice {
  title: string;
  /** 公示期：2023年1月9日 至 2023年1月15日 */
  period: string;
  /** The player fills `{n}` with the days left on the TV's own date: 还剩 {n} 天 */
  daysLeft: string;
  /** The first paragraph of the notice as plain text. */
  lead: string;
  /** 如有异议，请在公示期内联系：0635-… */
  contact: string;
}

export interface TvSlide {
  /** Stable and unique within a screen, e.g. `ranking-party-2022-3`. */
  id: string;
  kind: TvKind | 'idle';
  title: string;
  /** Beside the title: page and count, e.g. 第 3/31 页 · 共 302 人. */
  note?: string;
  figures?: TvFigure[];
  table?: { columns: TvColumn[]; rows: TvRow[] };
  stories?: TvStory[];
  notice?: TvNotice;
  /** A single line in the middle of the slide (the idle slide). */
  message?: string;
  /** A QR code to the page with the whole list, its caption and its address to type. */
  qr?: TvQr;
  /** Shown only on days from `start` to `end` (inclusive), decided by the player on the TV's date. */
  window?: { start: string; end: string };
}

export interface TvQr {
  /** https://example.org/rankings/party/2022/ */
  url: string;
  /** 扫码查看完整排名和自己的积分 */
  caption: string;
  /** example.org/rankings/party/2022 */
  address: string;
}

export interface TvScreen {
  /** `undefined` for the default screen at /tv/. */
  id: string | undefined;
  /** Address of the slideshow: /tv/ or /tv/<id>/ */
  path: string;
  seconds: number;
  orientation: 'landscape' | 'portrait';
  playlist: TvKind[];
  slides: TvSlide[];
  /** Shown when no slide is on (a notices-only screen outside every notice period). */
  idle: TvSlide;
}

/** What every slide set needs besides the slides: the words around them. */
export interface TvChrome {
  locale: Locale;
  siteName: string;
  /** 监督电话 0635-… (empty without a phone). */
  phone: string;
  /** 数据版本 e38605b0dd70 */
  version: string;
  /** Date format of the clock: {y} {m} {d} {w} {mon}. */
  dateFormat: string;
  weekdays: string[];
  months: string[];
}

/** The translator and formatters of a locale, handed to every slide builder. */
export interface Fmt {
  t: Translate;
  period: (p: string) => string;
  date: (d: string) => string;
  points: (n: number) => string;
}

export function formatters(locale: Locale): Fmt {
  const t = translator(locale);
  return { t, period: (p) => formatPeriod(t, p), date: (d) => formatDate(locale, d), points: (n) => formatPoints(locale, n) };
}

/** Cuts a list into pages of `size`. */
export const pages = chunks;

export function pageNote(f: Fmt, n: number, total: number, count?: string): string {
  const page = total > 1 ? f.t('tv.page', { n, total }) : '';
  return [page, count ?? ''].filter(Boolean).join(' · ');
}

/** The unit a row shows: the rule every ranking medium follows. */
export { unitLabel } from '../view/ranking-columns.ts';

export function medal(rank: number | null): TvRow['medal'] {
  return rank === 1 || rank === 2 || rank === 3 ? rank : undefined;
}


export function col(role: TvColumn['role'], label: string, width: number, portrait: TvColumn['portrait'], extra: Partial<TvColumn> = {}): TvColumn {
  const align = role === 'rank' || role === 'num' ? 'end' : 'start';
  return { role, label, align, width, portrait, ...extra };
}

/** Every text on a slide, for choosing fonts and checking glyphs. */
export function slideTexts(slide: TvSlide): string[] {
  const out = [slide.title, slide.note ?? ''];
  for (const fig of slide.figures ?? []) out.push(fig.label, fig.value, fig.stars ?? '', ...(fig.items ?? []));
  for (const c of slide.table?.columns ?? []) out.push(c.label);
  for (const r of slide.table?.rows ?? []) out.push(...r.cells, r.sentence ?? '');
  for (const s of slide.stories ?? []) out.push(s.title, s.meta, s.summary);
  if (slide.notice) out.push(...Object.values(slide.notice));
  if (slide.message) out.push(slide.message);
  if (slide.qr) out.push(slide.qr.caption, slide.qr.address);
  return out;
}
