/** The points shop: this month's redemptions and the price list. */
import type { Board } from '../../view/board.ts';
import { ROWS_PER_SLIDE, col, pageNote, pages, type Fmt, type TvColumn, type TvFigure, type TvSlide } from '../model.ts';

const SHOP_ROWS = 6;

/** This month's shop: redemptions and points, then what went out. */
export function shopSlides(board: Board, f: Fmt): TvSlide[] {
  const { t } = f;
  const summary = board.shop.current;
  if (!summary) return [];
  const title = `${t('shop.title')} · ${f.period(summary.period)}`;
  const figures: TvFigure[] = [
    { label: t('shop.redemptions'), value: String(summary.redemptions) },
    { label: t('shop.pointsRedeemed'), value: f.points(summary.pointsRedeemed) },
  ];
  const columns: TvColumn[] = [
    col('name', t('shop.item'), 50, { line: 1, width: 100 }),
    col('num', t('shop.quantity'), 20, { line: 2, width: 40 }),
    col('num', t('shop.pointsRedeemed'), 30, { line: 2, width: 60 }),
  ];
  const chunks = summary.items.length > 0 ? pages(summary.items, SHOP_ROWS) : [[]];
  return chunks.map((items, i) => ({
    id: `shop-${summary.period}-${i + 1}`,
    kind: 'shop',
    title,
    note: pageNote(f, i + 1, chunks.length),
    figures,
    table: items.length > 0 ? { columns, rows: items.map((it) => ({ cells: [it.name, String(it.quantity), f.points(it.points)] })) } : undefined,
  }));
}

/** What points buy today: every item with its price and stock. */
export function priceSlides(board: Board, f: Fmt): TvSlide[] {
  const { t } = f;
  const items = board.shop.items;
  if (items.length === 0) return [];
  const columns: TvColumn[] = [
    col('name', t('shop.item'), 40, { line: 1, width: 70 }),
    col('text', t('shop.kind'), 15, { line: 2, width: 30 }),
    col('text', t('tv.prices.unit'), 10, { line: 2, width: 20 }),
    col('num', t('shop.price'), 15, { line: 1, width: 30 }),
    col('text', t('shop.stock'), 20, { line: 2, width: 50 }),
  ];
  const status = (i: (typeof items)[number]) =>
    i.stockStatus === 'out' ? t('shop.outOfStock') : i.stockStatus === 'low' ? t('shop.lowStock', { n: i.stock ?? 0 }) : i.stockStatus === 'in' ? t('shop.inStock') : '—';
  const chunks = pages(items, ROWS_PER_SLIDE);
  return chunks.map((list, i) => ({
    id: `prices-${i + 1}`,
    kind: 'prices',
    title: t('tv.prices.title'),
    note: pageNote(f, i + 1, chunks.length, f.date(board.asOf)),
    table: {
      columns,
      rows: list.map((it) => ({ cells: [it.name, t(`shop.kind.${it.kind}`), it.unit ?? '', f.points(it.price), status(it)], tone: it.stockStatus === 'out' ? 'muted' : undefined })),
    },
  }));
}
