/** Rankings and star ratings: each scheme's latest result, ten rows a slide, through the whole list. */
import type { RankedRow, ResultView } from '../../view/board.ts';
import { columnsFor, rankingColumns, starText, maxStars, type ColumnsOf, type RankingColumn } from '../../view/ranking-columns.ts';
import { ROWS_PER_SLIDE, col, medal, pageNote, pages, type Fmt, type TvColumn, type TvQr, type TvRow, type TvSlide } from '../model.ts';

/** Names listed on a star level's card; the table slides after it list them all. */
const NAMES_PER_FIGURE = 4;

/** What a TV shows of a ranking cut at `top`. */
export interface TopCut {
  rows: readonly RankedRow[];
  /** Rows were left out: the slides say 前 N 名. */
  cut: boolean;
  /** A tie across the cut too large to list (it is shown as one line): its rank, size and first row. */
  tied?: { rank: number; count: number; row: RankedRow };
}

/**
 * The rows a TV shows of a ranking cut at `top`: everyone ranked `top`th or better, without
 * the vetoed (who have no rank). A tie across the cut is listed when it fits on one more
 * slide; a larger one is one line (early in a month most households have no points yet,
 * and share the last place). The whole list, the vetoed at its end, when `top` is not set,
 * or when the cut leaves out no ranked row and the list is short.
 *
 * @example topRows(rows, 30).rows.at(-1)?.rank // 30 or less (none when a large tie starts at the top)
 */
export function topRows(rows: readonly RankedRow[], top: number | undefined): TopCut {
  if (top === undefined) return { rows, cut: false };
  // Ranked rows come first, in rank order, then the vetoed.
  let end = rows.findIndex((r) => r.rank === null || r.rank > top);
  if (end === -1) end = rows.length;
  const ranked = rows.filter((r) => r.rank !== null).length;
  if (end <= top + ROWS_PER_SLIDE) return end === ranked ? { rows, cut: false } : { rows: rows.slice(0, end), cut: true };
  const rank = rows[end - 1]!.rank!;
  const start = rows.findIndex((r) => r.rank === rank);
  return { rows: rows.slice(0, start), cut: true, tied: { rank, count: end - start, row: rows[start]! } };
}

/**
 * A scheme's latest ranking, ten rows a slide, through the whole list or down to rank `top`,
 * each slide with `qr` (the whole ranking on the site). Subjects with no points in the period
 * take no row: one line counts them (early in a month most households have none yet), unless
 * the list is cut above them anyway.
 */
export function rankingSlides(result: ResultView, f: Fmt, top?: number, qr?: TvQr, columnsOf: ColumnsOf = rankingColumns): TvSlide[] {
  const { t } = f;
  const scheme = result.scheme;
  const scored = result.rows.filter((r) => r.total !== 0 || r.vetoed);
  const zeros = result.rows.length - scored.length;
  const shown = topRows(scored, top);
  const table = tvTable(result, f, columnsOf);
  const all = t(`tv.count.${scheme.subject}`, { n: result.rows.length });
  const count = shown.cut ? `${t('tv.top', { n: top! })} · ${all}` : all;
  const lines = shown.rows.map(table.row);
  if (shown.tied) {
    const { rank, count: n, row } = shown.tied;
    const said: Record<string, string> = { rank: String(rank), name: t('tv.tied', { count: t(`tv.count.${scheme.subject}`, { n }) }), total: f.points(row.total), level: row.level ?? '' };
    lines.push({ cells: table.shown.map((c) => said[c.key] ?? ''), medal: medal(rank) });
  }
  if (zeros > 0 && !shown.cut) lines.push({ cells: [], sentence: t(`tv.zero.${scheme.subject}`, { n: zeros }), tone: 'muted' });
  const chunks = pages(lines, ROWS_PER_SLIDE);
  return chunks.map((rows, i) => ({
    id: `ranking-${scheme.id}-${result.period}-${i + 1}`,
    kind: 'ranking',
    title: t('ranking.title', { scheme: scheme.name, period: f.period(result.period) }),
    // A cut list: 前 10 名 · 共 302 人 on one slide; its pages and 前 10 名 when a tie runs onto a second.
    note: shown.cut ? (chunks.length > 1 ? pageNote(f, i + 1, chunks.length, t('tv.top', { n: top! })) : count) : pageNote(f, i + 1, chunks.length, count),
    table: { columns: table.columns, rows },
    ...(qr ? { qr } : {}),
  }));
}

/** Widths the TV was laid out with for the usual columns, by their roles: landscape, then portrait. */
const LAYOUTS: Record<string, { landscape: number[]; portrait: TvColumn['portrait'][] }> = {
  'rank name unit num level': { landscape: [10, 35, 25, 10, 20], portrait: [{ line: 1, width: 15 }, { line: 1, width: 55 }, { line: 2, width: 45, indent: 15 }, { line: 1, width: 30 }, { line: 2, width: 40 }] },
  'rank name unit num': { landscape: [10, 40, 35, 15], portrait: [{ line: 1, width: 15 }, { line: 1, width: 55 }, { line: 2, width: 85, indent: 15 }, { line: 1, width: 30 }] },
  'rank name num level': { landscape: [10, 55, 15, 20], portrait: [{ line: 1, width: 15 }, { line: 1, width: 55 }, { line: 1, width: 30 }, { line: 2, width: 85, indent: 15 }] },
  'rank name num': { landscape: [10, 70, 20], portrait: [{ line: 1, width: 15 }, { line: 1, width: 55 }, { line: 1, width: 30 }] },
  'rank name unit num stars': { landscape: [10, 35, 20, 10, 25], portrait: [{ line: 1, width: 15 }, { line: 1, width: 55 }, { line: 2, width: 40, indent: 15 }, { line: 1, width: 30 }, { line: 2, width: 45 }] },
  'rank name num stars': { landscape: [10, 50, 15, 25], portrait: [{ line: 1, width: 15 }, { line: 1, width: 55 }, { line: 1, width: 30 }, { line: 2, width: 85, indent: 15 }] },
};

const ROLE: Record<string, TvColumn['role']> = { rank: 'rank', name: 'name', unit: 'unit', total: 'num' };

/**
 * A ranking as the TV shows it: the ranking's columns (src/view/ranking-columns.ts) without
 * the full record (categories), the vetoed row red, the first three as medals.
 */
function tvTable(result: ResultView, f: Fmt, columnsOf: ColumnsOf): { shown: RankingColumn[]; columns: TvColumn[]; row: (r: RankedRow) => TvRow } {
  const scheme = result.scheme;
  const shown = columnsFor(columnsOf(scheme, f), 'tv', result.rows, ['always', 'wide']);
  const roles = shown.map((c): TvColumn['role'] => ROLE[c.key] ?? (c.key === 'level' ? (scheme.isStarRating ? 'stars' : 'level') : 'text'));
  const layout = LAYOUTS[roles.join(' ')] ?? layoutByWeight(shown, roles);
  return {
    shown,
    columns: shown.map((c, i) => col(roles[i]!, c.label, layout.landscape[i]!, layout.portrait[i]!)),
    row: (r) => ({ cells: shown.map((c) => c.text(r)), tone: r.vetoed ? 'red' : undefined, medal: medal(r.rank) }),
  };
}

/**
 * Widths for columns the TV has no hand-made layout for: the rank a tenth, the rest shared by
 * weight in steps of five; in portrait rank, name and total on the first line, the rest below.
 */
function layoutByWeight(shown: RankingColumn[], roles: TvColumn['role'][]): { landscape: number[]; portrait: TvColumn['portrait'][] } {
  const rest = shown.map((c, i) => (roles[i] === 'rank' ? 0 : c.weight));
  const sum = rest.reduce((a, b) => a + b, 0);
  const landscape = rest.map((w, i) => (roles[i] === 'rank' ? 10 : Math.max(5, Math.floor((90 * w) / sum / 5) * 5)));
  const name = roles.indexOf('name');
  landscape[name] = landscape[name]! + 100 - landscape.reduce((a, b) => a + b, 0);
  const first: Partial<Record<TvColumn['role'], number>> = { rank: 15, name: 55, num: 30 };
  const below = roles.filter((r) => first[r] === undefined).length;
  const share = Math.floor(85 / Math.max(1, below) / 5) * 5;
  let placed = 0;
  const portrait = roles.map((r): TvColumn['portrait'] => (first[r] !== undefined ? { line: 1, width: first[r]! } : { line: 2, width: share, ...(placed++ === 0 ? { indent: 15 } : {}) }));
  return { landscape, portrait };
}

/** A star rating: how many units got each level, then every unit with its stars. */
export function starSlides(result: ResultView, f: Fmt, columnsOf: ColumnsOf = rankingColumns): TvSlide[] {
  const { t } = f;
  const scheme = result.scheme;
  const title = t('ranking.title', { scheme: scheme.name, period: f.period(result.period) });
  const distribution: TvSlide = {
    id: `stars-${scheme.id}-${result.period}`,
    kind: 'stars',
    title,
    note: t('stars.distribution'),
    figures: result.levels.map(({ level, count }) => {
      const names = result.rows.filter((r) => r.level === level.name).map((r) => r.name);
      const items = names.length > NAMES_PER_FIGURE ? [...names.slice(0, NAMES_PER_FIGURE - 1), t('tv.stars.more', { n: names.length - NAMES_PER_FIGURE + 1 })] : names;
      return { label: level.name, value: t('stars.count', { n: count }), stars: starText(level.stars ?? 0, maxStars(scheme)), items };
    }),
  };
  const table = tvTable(result, f, columnsOf);
  const count = t('tv.count.unit', { n: result.rows.length });
  const chunks = pages(result.rows, ROWS_PER_SLIDE);
  const tables: TvSlide[] = chunks.map((rows, i) => ({
    id: `stars-${scheme.id}-${result.period}-${i + 1}`,
    kind: 'stars',
    title,
    note: pageNote(f, i + 1, chunks.length, count),
    table: { columns: table.columns, rows: rows.map(table.row) },
  }));
  return [distribution, ...tables];
}
