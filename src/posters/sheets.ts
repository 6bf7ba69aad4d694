/**
 * Sheets of small cards on A4, with cut lines: shelf labels for the points shop (价签: an
 * item, its points in large figures, its unit, kind and a QR code to its row in the price
 * list) and points cards (积分卡, S4: a card for each household or person of a redeemable
 * scheme, with its published name, its id and a QR code to its passbook; one PDF per unit,
 * so an office prints its own). Drawn straight with pdfkit in the poster fonts.
 */
import { qrModules } from '../render/qr.ts';
import { PT_PER_MM } from './doc.ts';
import type { PosterFace, PosterFonts } from '../render/fonts.ts';
import { drawQr, openPdf, segmentsByFace } from './pdf.ts';

const A4 = { width: 210 * PT_PER_MM, height: 297 * PT_PER_MM };
const mm = (n: number) => n * PT_PER_MM;

/** One line of a card: its text, size (pt), weight and colour; it shrinks to its width, never below `min`. */
export interface CardLine {
  text: string;
  size: number;
  min?: number;
  bold?: boolean;
  color?: string;
  /** Space above the line, in mm. */
  gap?: number;
}

export interface Card {
  lines: CardLine[];
  /** Where the QR code leads. */
  qr: string;
  /** A band of colour across the card's top (the shop's red), or none. */
  band?: string;
}

export interface SheetSpec {
  /** Card size and the grid on the A4 page. */
  cardMm: { width: number; height: number };
  columns: number;
  rows: number;
  /** QR code's side, mm; it sits in the card's bottom right corner. */
  qrMm: number;
  cards: Card[];
  title: string;
  /** The PDF's dates: the data's, never the clock's. */
  date: Date;
  lang: string;
}

/**
 * A line's pieces, one face each, and the width of each at 1 pt: laid out once per text and
 * weight, where the shrinking loop and the drawing each laid it out again (a street's 15,000
 * cards spent 4.5 s in fontkit's layout). Measured by the PDF's own font (`width`), whose
 * layout of the piece the drawing then finds made: laid out with fontkit apart, every piece
 * was laid out twice (0.9 s of a street's cards).
 */
type Laid = { face: PosterFace; text: string; em: number }[];
function layoutOf(text: string, bold: boolean, fonts: PosterFonts, memo: Map<string, Laid>, width: (face: PosterFace, text: string) => number): Laid {
  const key = `${bold ? 'b' : 'r'}${text}`;
  let laid = memo.get(key);
  if (!laid) {
    laid = [];
    for (const seg of segmentsByFace(text, bold ? 700 : 400, fonts)) if (seg.face) laid.push({ face: seg.face, text: seg.text, em: width(seg.face, seg.text) });
    memo.set(key, laid);
  }
  return laid;
}

/** The grid's cells, top left first: x, y of each card on the page. */
export function gridOf(spec: Pick<SheetSpec, 'cardMm' | 'columns' | 'rows'>): { x: number; y: number }[] {
  const w = mm(spec.cardMm.width);
  const h = mm(spec.cardMm.height);
  const left = (A4.width - spec.columns * w) / 2;
  const top = (A4.height - spec.rows * h) / 2;
  const cells: { x: number; y: number }[] = [];
  for (let r = 0; r < spec.rows; r++) for (let c = 0; c < spec.columns; c++) cells.push({ x: left + c * w, y: top + r * h });
  return cells;
}

/** Writes the sheets and resolves to the PDF's bytes. */
export async function writeSheets(spec: SheetSpec, fonts: PosterFonts): Promise<Uint8Array> {
  const { pdf, done, fontName } = openPdf({ Title: spec.title, Creator: 'points-board posters', Producer: 'PDFKit', CreationDate: spec.date, ModDate: spec.date }, spec.lang);
  const cells = gridOf(spec);
  const w = mm(spec.cardMm.width);
  const h = mm(spec.cardMm.height);
  const pad = mm(4);
  const qr = mm(spec.qrMm);
  const memo = new Map<string, Laid>();
  const width = (face: PosterFace, text: string) => pdf.font(fontName(face)).fontSize(1).widthOfString(text);
  for (let i = 0; i < spec.cards.length; i++) {
    const k = i % cells.length;
    if (k === 0) {
      pdf.addPage({ size: [A4.width, A4.height], margin: 0 });
      drawCutLines(pdf, spec);
    }
    const { x, y } = cells[k]!;
    const card = spec.cards[i]!;
    // The band stays 2 mm inside the cut lines: a cutter's half millimetre never leaves a sliver of red on the next card.
    if (card.band) pdf.rect(x + mm(2), y + mm(2), w - mm(4), mm(2.5)).fill(card.band);
    let top = y + pad + (card.band ? mm(2.5) : 0);
    for (const line of card.lines) {
      top += mm(line.gap ?? 0);
      // Lines beside the QR code stop short of it; the first ones run the card's width.
      const room = w - 2 * pad;
      const laid = layoutOf(line.text, line.bold ?? false, fonts, memo, width);
      const em = laid.reduce((w, seg) => w + seg.em, 0);
      let size = line.size;
      while (size > (line.min ?? line.size * 0.6) && em * size > room) size -= 0.5;
      let cx = x + pad;
      for (const seg of laid) {
        pdf.font(fontName(seg.face)).fontSize(size).fillColor(line.color ?? '#000000');
        pdf.text(seg.text, cx, top + size * 0.88, { lineBreak: false, baseline: 'alphabetic' });
        cx += seg.em * size;
      }
      top += size * 1.2;
    }
    drawQr(pdf, qrModules(card.qr), { x: x + w - pad - qr, y: y + h - pad - qr, size: qr });
  }
  pdf.end();
  return done;
}

/**
 * Cut lines: every card edge as a thin grey line across the whole sheet, so a guillotine or a
 * paper cutter follows them; they run on past the grid to the paper's edge.
 */
function drawCutLines(pdf: PDFKit.PDFDocument, spec: SheetSpec): void {
  const cells = gridOf(spec);
  const w = mm(spec.cardMm.width);
  const h = mm(spec.cardMm.height);
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (const c of cells) {
    xs.add(c.x).add(c.x + w);
    ys.add(c.y).add(c.y + h);
  }
  pdf.save().lineWidth(0.25).strokeColor('#888888').dash(mm(1.5), { space: mm(1) });
  for (const x of xs) pdf.moveTo(x, 0).lineTo(x, A4.height);
  for (const y of ys) pdf.moveTo(0, y).lineTo(A4.width, y);
  pdf.stroke().undash().restore();
}
