/**
 * How a ranking is shown, said once: its columns in order, each with a header, an alignment,
 * a share of the width, how much room it needs, and what its cell says. The site's tables, the
 * posters, the TV, the CSV download and the JSON API all take their columns from here and only
 * map them to their medium (a phone hides the wide columns, the TV leaves out the full ones,
 * the API keeps the contract's shape). A veto reads 一票否决 and the level everywhere; stars
 * are ★★★☆☆ everywhere, filled and hollow up to the scheme's most.
 *
 * Adding a column to every ranking is one entry in `rankingColumns` (and its strings).
 */
import type { Translate } from '../i18n/index.ts';
import type { RankedRow, SchemeView } from './board.ts';

/** What a passbook shows of a ranked row beyond a table: the breakdown and the raw figures. */
const PASSBOOK_ONLY = ['breakdown', 'rawTotal', 'totalClamp', 'vetoRow', 'guidance'] as const;
type PassbookOnly = (typeof PASSBOOK_ONLY)[number];

/** A ranking row as a table prints it: without the breakdown and the raw figures only a passbook shows.
 * Every column reads only these fields, and a page's cache key covers them (src/view/page-routes.ts). */
export type TableRow = Omit<RankedRow, PassbookOnly>;

export function tableRow(row: RankedRow): TableRow {
  const { breakdown: _b, rawTotal: _r, totalClamp: _c, vetoRow: _v, guidance: _g, ...shown } = row;
  return shown;
}

/** The rest of a ranked row, what `tableRow` leaves out: with it, a row's every field (a passbook's key covers both). */
export function passbookOnly(row: RankedRow): Pick<RankedRow, PassbookOnly> {
  const rest: Partial<Record<PassbookOnly, unknown>> = {};
  for (const key of PASSBOOK_ONLY) rest[key] = row[key];
  return rest as Pick<RankedRow, PassbookOnly>;
}

/** Where a ranking is shown. */
export type Medium = 'site' | 'poster' | 'tv' | 'csv';

/**
 * How much room a column needs: `always` in every medium; `wide` where a row has room for the
 * name's context (a computer's screen, a poster, the TV, not a phone's narrow column); `full`
 * where the whole record is wanted (the site on a wide screen, a poster, the CSV, not the TV).
 */
export type Room = 'always' | 'wide' | 'full';

export interface RankingColumn {
  /** rank, id, name, unit, category:<id>, total, level, change, or a new column's own key. */
  key: string;
  label: string;
  /** A remark after the header: a category's most points. */
  note?: string;
  align: 'start' | 'end';
  /** Share of a printed table's width (posters; the TV's fallback layout). */
  weight: number;
  room: Room;
  /** The media that show it: the rank change only means something on the live site. */
  media: readonly Medium[];
  /** The cell as read in a table. */
  text(row: TableRow): string;
  /** The cell in a CSV download: numbers as numbers, without grouping. */
  csv(row: TableRow): string;
  /**
   * A column the contract's API does not list yet publishes its value under this key (the
   * contract's own fields keep their shape and order: see `apiResultRow`).
   */
  api?: { key: string; value(row: TableRow): unknown };
}

export interface RankingFormat {
  t: Translate;
  points(n: number): string;
}

export interface RankingOptions {
  /** The rank inside this unit instead of the overall rank (a unit's page). */
  withinUnit?: string;
}

/** What the level cell holds, for a medium that draws it (a badge, stars) rather than print its text. */
export interface LevelCell {
  vetoed: boolean;
  level: string | null;
  /** A star rating: the stars earned of the most there are. */
  stars?: { n: number; max: number };
  /** The cell as text: 一票否决 不合格, ★★★☆☆ or 合格. */
  text: string;
}

/** ★★★☆☆: `n` filled of `max`. */
export function starText(n: number, max: number): string {
  return '★'.repeat(n) + '☆'.repeat(Math.max(0, max - n));
}

/** The most stars a level of the scheme gives (5 when the scheme names none). */
export function maxStars(scheme: Pick<SchemeView, 'levels'>): number {
  return Math.max(0, ...scheme.levels.map((l) => l.stars ?? 0)) || 5;
}

/** A row's level as every medium shows it. */
export function levelCell(row: Pick<RankedRow, 'vetoed' | 'level' | 'stars'>, scheme: Pick<SchemeView, 'levels'>, t: Translate): LevelCell {
  const stars = row.stars !== undefined ? { n: row.stars, max: maxStars(scheme) } : undefined;
  if (row.vetoed) return { vetoed: true, level: row.level, text: [t('ranking.vetoed'), row.level ?? ''].join(' ').trim() };
  return { vetoed: false, level: row.level, stars, text: stars ? starText(stars.n, stars.max) : (row.level ?? '') };
}

/**
 * The unit a row shows: left out when the name already says it (滨河花园23-1-302 in 滨河花园),
 * so no medium prints it twice.
 */
export function unitLabel(row: { name: string; unitName?: string }): string {
  return row.unitName && !row.name.startsWith(row.unitName) ? row.unitName : '';
}

/** Where an output takes a ranking's columns from: `rankingColumns`, or a test's own list. */
export type ColumnsOf = (scheme: SchemeView, f: RankingFormat, options?: RankingOptions) => RankingColumn[];

/** The columns of a scheme's rankings, in the order every medium shows them. */
export function rankingColumns(scheme: SchemeView, f: RankingFormat, options: RankingOptions = {}): RankingColumn[] {
  const { t, points } = f;
  const units = scheme.subject === 'unit';
  const rankOf = (r: TableRow) => (options.withinUnit ? (r.within[options.withinUnit] ?? null) : r.rank);
  const columns: RankingColumn[] = [
    { key: 'rank', label: t('ranking.rank'), align: 'end', weight: 0.7, room: 'always', media: ['site', 'poster', 'tv', 'csv'], text: (r) => String(rankOf(r) ?? '—'), csv: (r) => String(rankOf(r) ?? '') },
    { key: 'id', label: 'ID', align: 'start', weight: 1, room: 'full', media: ['csv'], text: (r) => r.id, csv: (r) => r.id },
    { key: 'name', label: units ? t('ranking.name.unit') : t('ranking.name'), align: 'start', weight: 1.8, room: 'always', media: ['site', 'poster', 'tv', 'csv'], text: (r) => r.name, csv: (r) => r.name },
    { key: 'unit', label: units ? t('ranking.unit.unit') : t('ranking.unit'), align: 'start', weight: 1.6, room: 'wide', media: ['site', 'poster', 'tv', 'csv'], text: unitLabel, csv: (r) => r.unitName ?? '' },
    ...scheme.categories.map((c): RankingColumn => ({
      key: `category:${c.id}`,
      label: c.id,
      ...(c.max !== undefined ? { note: String(c.max) } : {}),
      align: 'end',
      weight: 0.9,
      room: 'full',
      media: ['site', 'poster', 'csv'],
      text: (r) => points(r.categories[c.id] ?? 0),
      csv: (r) => String(r.categories[c.id] ?? 0),
    })),
    { key: 'total', label: t('ranking.total'), align: 'end', weight: 0.9, room: 'always', media: ['site', 'poster', 'tv', 'csv'], text: (r) => points(r.total), csv: (r) => String(r.total) },
  ];
  if (scheme.levels.length > 0) {
    columns.push({
      key: 'level',
      label: scheme.isStarRating ? t('ranking.stars') : t('ranking.level'),
      align: 'start',
      weight: 1.1,
      room: 'always',
      media: ['site', 'poster', 'tv', 'csv'],
      text: (r) => levelCell(r, scheme, t).text,
      // A spreadsheet sorts and counts by the level's name (五星), the veto said before it.
      csv: (r) => (r.vetoed ? levelCell(r, scheme, t).text : (r.level ?? '')),
    });
  }
  columns.push({ key: 'change', label: t('ranking.change'), align: 'start', weight: 1, room: 'wide', media: ['site'], text: (r) => changeText(r, t), csv: (r) => changeText(r, t) });
  return columns;
}

function changeText(r: TableRow, t: Translate): string {
  if (!r.change) return '';
  return r.change.kind === 'up' || r.change.kind === 'down' ? t(`ranking.${r.change.kind}`, { n: r.change.by }) : t(`ranking.${r.change.kind}`);
}

/**
 * The columns a medium shows of `rows`: those of its medium and room, without a column whose
 * every cell is empty (households named after their address need no unit column).
 */
export function columnsFor(columns: readonly RankingColumn[], medium: Medium, rows: readonly TableRow[], rooms: readonly Room[]): RankingColumn[] {
  return columns.filter((c) => c.media.includes(medium) && rooms.includes(c.room) && (medium === 'csv' || c.key !== 'unit' || rows.some((r) => c.text(r) !== '')));
}

/** A ranking as the site's table shows it: its header and, for each row, its cells with their CSS classes. */
export interface SiteTable {
  head: { key: string; label: string; note?: string; className?: string }[];
  rows: { row: TableRow; cells: { key: string; text: string; className?: string }[] }[];
}

export interface SiteTableOptions extends RankingOptions {
  showChange?: boolean;
  showCategories?: boolean;
  columnsOf?: ColumnsOf;
}

/**
 * A ranking for the site (src/components/RankingTable.astro prints it): the ranking's columns
 * of the site, the full ones when asked; on a narrow phone only the `always` ones show
 * (`hide-narrow`), numbers align right (`num`). The component draws a few cells its own way
 * (the name as a link, the level as Level.astro, the change as an arrow) and prints the rest.
 */
export function siteTable(scheme: SchemeView, rows: readonly TableRow[], f: RankingFormat, options: SiteTableOptions = {}): SiteTable {
  const { showChange = true, showCategories = false, columnsOf = rankingColumns } = options;
  const rooms: Room[] = showCategories ? ['always', 'wide', 'full'] : ['always', 'wide'];
  const columns = columnsFor(columnsOf(scheme, f, { withinUnit: options.withinUnit }), 'site', rows, rooms).filter((c) => showChange || c.key !== 'change');
  const cls = (c: RankingColumn, ...more: string[]) => [c.align === 'end' ? 'num' : '', ...more, c.room === 'always' ? '' : 'hide-narrow'].filter(Boolean).join(' ') || undefined;
  return {
    head: columns.map((c) => ({ key: c.key, label: c.label, ...(c.note !== undefined ? { note: c.note } : {}), className: cls(c) })),
    rows: rows.map((row) => ({ row, cells: columns.map((c) => ({ key: c.key, text: c.text(row), className: cls(c, ...(c.key === 'rank' ? ['rank'] : c.key === 'name' ? ['name'] : [])) })) })),
  };
}

/** A ranking as the CSV download has it: a header line, then a line a row. */
export function csvTable(columns: readonly RankingColumn[], rows: readonly TableRow[]): string[][] {
  const shown = columnsFor(columns, 'csv', rows, ['always', 'wide', 'full']);
  return [shown.map((c) => c.label), ...rows.map((r) => shown.map((c) => c.csv(r)))];
}

/**
 * A row of the API's `results/<scheme>/<period>.json`, in the contract's shape and order
 * (DATA-FORMAT.md), then the value of any column that publishes one of its own.
 */
export function apiResultRow(row: RankedRow, columns: readonly RankingColumn[]): Record<string, unknown> {
  const own = Object.fromEntries(columns.filter((c) => c.api).map((c) => [c.api!.key, c.api!.value(row)]));
  return {
    rank: row.rank,
    id: row.id,
    name: row.name,
    unit: row.unit ?? null,
    total: row.total,
    categories: row.categories,
    level: row.level,
    ...(row.stars !== undefined ? { stars: row.stars } : {}),
    vetoed: row.vetoed,
    within: row.within,
    ...own,
  };
}
