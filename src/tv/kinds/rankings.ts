/** Rankings and star ratings: each scheme's latest result, ten rows a slide, through the whole list. */
import type { RankedRow, ResultView } from '../../view/board.ts';
import { ROWS_PER_SLIDE, col, medal, pageNote, pages, stars, unitLabel, type Fmt, type TvColumn, type TvQr, type TvRow, type TvSlide } from '../model.ts';

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
export function rankingSlides(result: ResultView, f: Fmt, top?: number, qr?: TvQr): TvSlide[] {
  const { t } = f;
  const scheme = result.scheme;
  const hasLevels = scheme.levels.length > 0;
  // Households are named after their address (锦园1-1-101): a unit column would stay empty.
  const hasUnits = result.rows.some((r) => unitLabel(r) !== '');
  // Landscape widths of name, unit, total and level for the columns present.
  const [name, unit, total, level]: [number, number, number, number] = hasUnits ? (hasLevels ? [35, 25, 10, 20] : [40, 35, 15, 0]) : hasLevels ? [55, 0, 15, 20] : [70, 0, 20, 0];
  const columns: TvColumn[] = [
    col('rank', t('ranking.rank'), 10, { line: 1, width: 15 }),
    col('name', t('ranking.name'), name, { line: 1, width: 55 }),
    ...(hasUnits ? [col('unit', t('ranking.unit'), unit, { line: 2, width: hasLevels ? 45 : 85, indent: 15 })] : []),
    col('num', t('ranking.total'), total, { line: 1, width: 30 }),
    ...(hasLevels ? [col('level', t('ranking.level'), level, { line: 2, width: hasUnits ? 40 : 85, indent: hasUnits ? undefined : 15 })] : []),
  ];
  const scored = result.rows.filter((r) => r.total !== 0 || r.vetoed);
  const zeros = result.rows.length - scored.length;
  const shown = topRows(scored, top);
  const all = t(`tv.count.${scheme.subject}`, { n: result.rows.length });
  const count = shown.cut ? `${t('tv.top', { n: top! })} · ${all}` : all;
  const lines = shown.rows.map((r) => rankingRow(r, hasUnits, hasLevels, f));
  if (shown.tied) {
    const { rank, count: n, row } = shown.tied;
    const cells = [String(rank), t('tv.tied', { count: t(`tv.count.${scheme.subject}`, { n }) }), ...(hasUnits ? [''] : []), f.points(row.total)];
    if (hasLevels) cells.push(row.level ?? '');
    lines.push({ cells, medal: medal(rank) });
  }
  if (zeros > 0 && !shown.cut) lines.push({ cells: [], sentence: t(`tv.zero.${scheme.subject}`, { n: zeros }), tone: 'muted' });
  const chunks = pages(lines, ROWS_PER_SLIDE);
  return chunks.map((rows, i) => ({
    id: `ranking-${scheme.id}-${result.period}-${i + 1}`,
    kind: 'ranking',
    title: t('ranking.title', { scheme: scheme.name, period: f.period(result.period) }),
    // A cut list: 前 10 名 · 共 302 人 on one slide; its pages and 前 10 名 when a tie runs onto a second.
    note: shown.cut ? (chunks.length > 1 ? pageNote(f, i + 1, chunks.length, t('tv.top', { n: top! })) : count) : pageNote(f, i + 1, chunks.length, count),
    table: { columns, rows },
    ...(qr ? { qr } : {}),
  }));
}


function rankingRow(r: RankedRow, hasUnits: boolean, hasLevels: boolean, f: Fmt): TvRow {
  const cells = [r.rank === null ? '—' : String(r.rank), r.name, ...(hasUnits ? [unitLabel(r)] : []), f.points(r.total)];
  // A vetoed subject fails whatever its score (一票否决): the word says the level.
  if (hasLevels) cells.push(r.vetoed ? f.t('ranking.vetoed') : (r.level ?? ''));
  return { cells, tone: r.vetoed ? 'red' : undefined, medal: medal(r.rank) };
}

/** A star rating: how many units got each level, then every unit with its stars. */
export function starSlides(result: ResultView, f: Fmt): TvSlide[] {
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
      return { label: level.name, value: t('stars.count', { n: count }), stars: stars(level.stars ?? 0), items };
    }),
  };
  // 枣园村党支部 under 枣园村 says its parent already: no column that would stay empty.
  const hasUnits = result.rows.some((r) => unitLabel(r) !== '');
  const columns: TvColumn[] = [
    col('rank', t('ranking.rank'), 10, { line: 1, width: 15 }),
    col('name', t('tv.stars.unit'), hasUnits ? 35 : 50, { line: 1, width: 55 }),
    ...(hasUnits ? [col('unit', t('tv.stars.parent'), 20, { line: 2, width: 40, indent: 15 })] : []),
    col('num', t('ranking.total'), hasUnits ? 10 : 15, { line: 1, width: 30 }),
    col('stars', t('ranking.stars'), 25, { line: 2, width: hasUnits ? 45 : 85, indent: hasUnits ? undefined : 15 }),
  ];
  const count = t('tv.count.unit', { n: result.rows.length });
  const chunks = pages(result.rows, ROWS_PER_SLIDE);
  const tables: TvSlide[] = chunks.map((rows, i) => ({
    id: `stars-${scheme.id}-${result.period}-${i + 1}`,
    kind: 'stars',
    title,
    note: pageNote(f, i + 1, chunks.length, count),
    table: {
      columns,
      rows: rows.map((r) => ({
        cells: [r.rank === null ? '—' : String(r.rank), r.name, ...(hasUnits ? [unitLabel(r)] : []), f.points(r.total), r.stars !== undefined ? stars(r.stars) : (r.level ?? '')],
        medal: medal(r.rank),
        tone: r.vetoed ? 'red' : undefined,
      })),
    },
  }));
  return [distribution, ...tables];
}
