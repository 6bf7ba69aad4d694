/**
 * The posters of a build, from the same view model as the site: every notice with its
 * computed table, every scheme's ranking per period (the points wall), star ratings, the
 * shop's price list and monthly summaries, and the honour roll.
 */
import { noticePath, rankingPath, shopPeriodPath, starsPath, absoluteUrl, posterSlug, SECTION } from '../view/routes.ts';
import { type Board, type ResultView, type RankedRow } from '../view/board.ts';
import { translator, formatPeriod, formatDate, formatShortDate, formatPoints, type Locale, type Translate } from '../i18n/index.ts';
import { noticeText } from './text.ts';
import type { PosterDoc, Highlight } from './doc.ts';
import { periodKind } from '../domain/periods.ts';
import { columnsFor, rankingColumns, type ColumnsOf, type RankingColumn } from '../view/ranking-columns.ts';

type Size = PosterDoc['size'];


/** A notice period as short as it reads: 1月9日–15日, 1月16日–2月3日, or with the years when they differ. */
function shortRange(locale: Locale, start: string, end: string): string {
  if (start.slice(0, 4) !== end.slice(0, 4)) return `${formatDate(locale, start)}–${formatDate(locale, end)}`;
  const to = locale === 'zh-CN' && start.slice(0, 7) === end.slice(0, 7) ? `${Number(end.slice(8))}日` : formatShortDate(locale, end);
  return `${formatShortDate(locale, start)}–${to}`;
}

/** Poster ids are [a-z0-9-]: the same spelling the site links to. */
const slug = posterSlug;

/**
 * A ranking as a poster prints it: the ranking's columns (src/view/ranking-columns.ts) that
 * paper has room for, at most six categories; the vetoed row black, the first gold.
 */
function rankingTable(columnsOf: ColumnsOf, t: Translate, result: ResultView, points: (n: number) => string, rows: readonly RankedRow[] = result.rows): NonNullable<PosterDoc['table']> {
  const all = columnsOf(result.scheme, { t, points });
  const categories = all.filter((c) => c.key.startsWith('category:')).length;
  const shown = columnsFor(all, 'poster', rows, categories <= 6 ? ['always', 'wide', 'full'] : ['always', 'wide']);
  // 一票否决 不合格 on one line: the level column is wider when a row is vetoed.
  const weight = (c: RankingColumn) => (c.key === 'level' && rows.some((r) => r.vetoed) ? 1.6 : c.weight);
  return {
    columns: shown.map((c) => ({ label: c.label, width: weight(c), ...(c.align === 'end' ? { align: 'right' as const } : {}) })),
    rows: rows.map((r) => shown.map((c) => c.text(r))),
    highlight: rows.map((r): Highlight | null => (r.vetoed ? 'black' : r.rank === 1 || r.stars === 5 ? 'gold' : null)),
  };
}

/**
 * With `posters.periods: latest`, only the newest period of each kind (year, quarter, month)
 * per scheme: the notice board shows what is current, and a street's twelve monthly rankings
 * of 7,500 households would be 2,700 pages nobody prints. `all` keeps every period.
 */
export function postedPeriods<T extends { period: string }>(items: T[], scheme: (item: T) => string, mode: 'latest' | 'all'): T[] {
  if (mode === 'all') return items;
  const newest = new Map<string, string>();
  for (const it of items) {
    const key = `${scheme(it)}\0${periodKind(it.period)}`;
    const seen = newest.get(key);
    if (seen === undefined || it.period > seen) newest.set(key, it.period);
  }
  return items.filter((it) => newest.get(`${scheme(it)}\0${periodKind(it.period)}`) === it.period);
}

/** Every poster of the board; a ranking's columns come from `columnsOf` (a test adds one). */
export function posterDocs(board: Board, columnsOf: ColumnsOf = rankingColumns): PosterDoc[] {
  const mode = board.site.posters.periods ?? 'latest';
  const locale = board.site.locale;
  const t = translator(locale);
  const period = (p: string) => formatPeriod(t, p);
  const date = (d: string) => formatDate(locale, d);
  const points = (n: number) => formatPoints(locale, n);
  const base = {
    size: board.site.posters.size as Size,
    bleed: (board.site.posters.bleed >= 3 ? 3 : 0) as 0 | 3,
    locale,
    kicker: board.site.organiser,
  };
  const footer = (path: string, phone = board.site.phone) => ({
    organiser: board.site.organiser,
    phoneLabel: t('footer.phone'),
    phone,
    dataVersion: board.version.id,
    date: board.version.date,
    url: absoluteUrl(board.site.baseUrl, path),
  });
  const docs: PosterDoc[] = [];

  for (const n of board.notices) {
    docs.push({
      ...base,
      id: `notice-${slug(n.slug)}`,
      size: (n.size ?? base.size) as Size,
      title: n.title,
      subtitle: t('notices.period', { start: date(n.start), end: date(n.end) }),
      // What a passer-by needs from a metre away, on page 1 in the poster's biggest figures:
      // the period, the last day to object, and whom to call (every page's footer has the phone too).
      summary: [
        { label: t('posters.notice.period'), value: shortRange(locale, n.start, n.end) },
        { label: t('posters.notice.deadline'), value: formatShortDate(locale, n.end) },
        ...(n.contact ? [{ label: t('posters.notice.contact'), value: n.contact }] : []),
      ],
      ...noticeText(n.body),
      table: n.result ? rankingTable(columnsOf, t, n.result, points) : undefined,
      notes: [t('notices.contact', { contact: n.contact })],
      footer: footer(noticePath(n.slug), n.contact),
    });
  }

  for (const result of postedPeriods(board.results, (r) => r.scheme.id, mode)) {
    const scheme = result.scheme;
    const title = `${scheme.name} · ${period(result.period)}`;
    if (scheme.isStarRating) {
      docs.push({
        ...base,
        id: `stars-${slug(scheme.id)}-${slug(result.period)}`,
        title,
        summary: result.levels.map(({ level, count }) => ({ label: level.name, value: t('stars.count', { n: count }) })),
        table: rankingTable(columnsOf, t, result, points),
        notes: result.levels.filter((l) => l.level.guidance).map((l) => `${l.level.name}：${l.level.guidance}`),
        footer: footer(starsPath(scheme.id, result.period)),
      });
    } else {
      // Rows with no points take no paper: one line counts them, the site (the QR code) lists them.
      const scored = result.rows.filter((r) => r.total !== 0 || r.vetoed);
      const zeros = result.rows.length - scored.length;
      docs.push({
        ...base,
        id: `ranking-${slug(scheme.id)}-${slug(result.period)}`,
        title,
        subtitle: t(`ranking.count.${scheme.subject}`, { n: result.rows.length }),
        table: rankingTable(columnsOf, t, result, points, scored),
        // Their shared rank, so the jump in the ranks (141, then 360 for a deduction) reads.
        ...(zeros > 0 ? { notes: [t(`posters.zeros.${scheme.subject}`, { n: zeros, rank: result.rows.find((r) => r.total === 0 && !r.vetoed)?.rank ?? '—' })] } : {}),
        footer: footer(rankingPath(scheme.id, result.period)),
      });
    }
  }

  if (board.shop.items.length > 0) {
    const status = (s: string, n?: number) =>
      s === 'out' ? t('shop.outOfStock') : s === 'low' ? t('shop.lowStock', { n: n ?? 0 }) : s === 'in' ? t('shop.inStock') : '—';
    docs.push({
      ...base,
      id: 'shop-prices',
      title: `${t('shop.title')} · ${t('shop.catalogue')}`,
      subtitle: date(board.asOf),
      table: {
        columns: [
          { label: t('shop.item'), width: 2.4 },
          { label: t('shop.unit'), width: 0.6 },
          { label: t('shop.kind'), width: 0.8 },
          { label: t('shop.price'), align: 'right', width: 1 },
          { label: t('shop.stock'), width: 1.2 },
        ],
        // The unit in a column of its own: 大米（5千克）（袋） read badly.
        rows: board.shop.items.map((i) => [i.name, i.unit ?? '', t(`shop.kind.${i.kind}`), points(i.price), status(i.stockStatus, i.stock)]),
        highlight: board.shop.items.map((i): Highlight | null => (i.stockStatus === 'out' ? 'black' : null)),
      },
      footer: footer(SECTION.shop),
    });
  }
  for (const s of postedPeriods(board.shop.summaries.filter((s) => /^\d{4}-\d{2}$/.test(s.period)), () => 'shop', mode)) {
    docs.push({
      ...base,
      id: `shop-${slug(s.period)}`,
      title: `${t('shop.title')} · ${period(s.period)}`,
      summary: [
        { label: t('shop.redemptions'), value: String(s.redemptions) },
        { label: t('shop.pointsRedeemed'), value: points(s.pointsRedeemed) },
      ],
      table: {
        columns: [
          { label: t('shop.item'), width: 3.2 },
          { label: t('shop.quantity'), align: 'right' },
          { label: t('shop.pointsRedeemed'), align: 'right' },
          { label: t('shop.opening'), align: 'right' },
          { label: t('shop.in'), align: 'right' },
          { label: t('shop.out'), align: 'right' },
          { label: t('shop.closing'), align: 'right' },
        ],
        rows: s.stock.map((st) => {
          const sold = s.items.find((i) => i.id === st.id);
          return [st.name, String(sold?.quantity ?? 0), points(sold?.points ?? 0), String(st.opening), String(st.in), String(st.out), String(st.closing)];
        }),
      },
      footer: footer(shopPeriodPath(s.period)),
    });
  }

  if (board.honors.length > 0) {
    docs.push({
      ...base,
      id: 'honors',
      title: t('honors.title'),
      table: {
        columns: [
          { label: t('honors.period'), width: 1.2 },
          { label: t('honors.subject'), width: 2 },
          { label: t('honors.honor'), width: 1.2 },
          { label: t('honors.note'), width: 2 },
        ],
        rows: board.honors.map((h) => [period(h.period), h.subject.name, h.honor, h.note ?? '']),
        highlight: board.honors.map((h) => h.tone),
      },
      footer: footer(SECTION.honors),
    });
  }
  return docs;
}
