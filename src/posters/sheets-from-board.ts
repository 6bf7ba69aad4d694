/**
 * The shop's shelf labels and the points cards, from the board: what `sheets.ts` draws.
 */
import type { Board } from '../view/board.ts';
import { translator, formatPoints } from '../i18n/index.ts';
import { absoluteUrl, itemAnchor } from '../view/routes.ts';
import type { SheetSpec } from './sheets.ts';

/** A sheet to write: its file under dist/posters/ and what it holds. */
export interface SheetFile {
  file: string;
  title: string;
  /** Files of one kind, listed together on the print shop's page (a district has 2,100 cards' files): their heading, and this file's name in the list. */
  group?: { title: string; item: string };
  spec: SheetSpec;
}

/** Shelf labels on A4: three across, four down. */
export const LABELS = { cardMm: { width: 66, height: 70 }, columns: 3, rows: 4, qrMm: 20 } as const;
/** Points cards: the ID-1 size of a bank card (85.6 × 54 mm), ten to an A4 sheet. */
export const CARDS = { cardMm: { width: 85.6, height: 54 }, columns: 2, rows: 5, qrMm: 20 } as const;

const RED = '#c8102e';

export function sheetFiles(board: Board): SheetFile[] {
  const locale = board.site.locale;
  const t = translator(locale);
  const points = (n: number) => formatPoints(locale, n);
  const date = new Date(`${board.version.date}T00:00:00Z`);
  const base = { date, lang: locale };
  const out: SheetFile[] = [];

  const items = board.shop.items;
  if (items.length > 0) {
    out.push({
      file: 'shop-labels.pdf',
      title: t('sheets.labels.title', { site: board.site.name }),
      spec: {
        ...base,
        ...LABELS,
        title: t('sheets.labels.title', { site: board.site.name }),
        cards: items.map((i) => ({
          band: RED,
          qr: absoluteUrl(board.site.baseUrl, itemAnchor(i.id)),
          lines: [
            { text: i.name, size: 16, min: 10, bold: true },
            { text: `${points(i.price)} ${t('sheets.labels.points')}`, size: 44, min: 36, bold: true, color: RED, gap: 2 },
            { text: [i.unit ? t('sheets.labels.per', { unit: i.unit }) : '', t(`shop.kind.${i.kind}`)].filter(Boolean).join(' · '), size: 12, min: 9, gap: 1 },
          ],
        })),
      },
    });
  }

  // A card for each subject of each redeemable scheme, one PDF per scheme and unit.
  for (const b of board.balances) {
    const byUnit = new Map<string, typeof b.rows>();
    for (const r of b.rows) byUnit.set(r.unit ?? '-', [...(byUnit.get(r.unit ?? '-') ?? []), r]);
    for (const [unit, rows] of [...byUnit].sort(([a], [c]) => (a < c ? -1 : 1))) {
      const unitName = rows[0]!.unitName ?? unit;
      const title = t('sheets.cards.title', { scheme: b.scheme.name, unit: unitName });
      out.push({
        file: `cards/${b.scheme.id}-${unit}.pdf`,
        title,
        group: { title: `${b.scheme.name} · ${t('sheets.cards.card')}`, item: unitName },
        spec: {
          ...base,
          ...CARDS,
          title,
          cards: [...rows]
            .sort((x, y) => (x.id < y.id ? -1 : 1))
            .map((r) => ({
              band: RED,
              qr: absoluteUrl(board.site.baseUrl, r.href),
              lines: [
                { text: `${b.scheme.name} · ${t('sheets.cards.card')}`, size: 10, min: 7, color: RED },
                { text: r.name, size: 18, min: 11, bold: true, gap: 1 },
                { text: `${t(`sheets.cards.id.${r.kind}`)} ${r.id}`, size: 11, min: 8, gap: 0.5 },
                { text: r.unitName ?? '', size: 10, min: 7, color: '#555555' },
              ],
            })),
        },
      });
    }
  }
  return out;
}
