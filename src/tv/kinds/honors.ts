/** The honours board: red and black flags, plaques, star households. */
import type { HonorView } from '../../view/board.ts';
import { col, pageNote, pages, unitLabel, type Fmt, type TvColumn, type TvRow, type TvSlide } from '../model.ts';

const HONOR_ROWS = 8;

const HONOR_MARK = { red: '▲', black: '▼', gold: '◆' } as const;

/**
 * The current honours: for each honour (流动红旗, 星级文明户 …) the entries of its latest
 * period, one slide group per period, newest first.
 */
export function honorSlides(honors: HonorView[], f: Fmt, brief?: { slides: number }): TvSlide[] {
  const { t } = f;
  const latest = new Map<string, string>();
  // board.honors is newest first, so the first period seen for an honour is its latest.
  for (const h of honors) if (!latest.has(h.honor)) latest.set(h.honor, h.period);
  const current = honors.filter((h) => latest.get(h.honor) === h.period);
  const periods = [...new Set(current.map((h) => h.period))];
  const columns: TvColumn[] = [
    // The name whole (a household's door number is how it knows itself); the note may be cut.
    col('level', t('honors.honor'), 20, { line: 1, width: 45 }),
    col('name', t('honors.subject'), 35, { line: 1, width: 55 }),
    col('unit', t('ranking.unit'), 15, { line: 2, width: 45 }),
    col('note', t('honors.note'), 30, { line: 2, width: 55 }, { clip: true }),
  ];
  return periods.flatMap((period) => {
    let rows: TvRow[] = current
      .filter((h) => h.period === period)
      .map((h) => ({ cells: [`${HONOR_MARK[h.tone]} ${h.honor}`, h.subject.name, unitLabel(h.subject), h.note ?? ''], tone: h.tone }));
    // A loop people watch: a long roll is cut, and says how many more the site lists.
    const most = brief ? brief.slides * HONOR_ROWS : Infinity;
    if (rows.length > most) rows = [...rows.slice(0, most - 1), { cells: [], sentence: t('tv.honors.more', { n: rows.length - most + 1 }), tone: 'muted' }];
    const chunks = pages(rows, HONOR_ROWS);
    return chunks.map((list, i) => ({
      id: `honors-${period}-${i + 1}`,
      kind: 'honors' as const,
      title: `${t('honors.title')} · ${f.period(period)}`,
      note: pageNote(f, i + 1, chunks.length),
      table: { columns, rows: list },
    }));
  });
}
