/**
 * Pages put together from blocks laid out once. satori lays out a poster's opening, slim
 * band, table head and end, notes, footer and every row that is not plain once, in one
 * call; each page is then those blocks stacked as the page's column would stack them, and
 * its plain rows (one line a cell, main font) drawn from a template row. A long ranking
 * costs one layout, not one a page.
 *
 * satori rounds a text's height and width up to whole units and every box's edges to whole
 * units; the template rows do the same, so a page draws what a layout of the whole page
 * would (`compose.test.ts` holds the two side by side).
 */
import type { PosterDoc } from './doc.ts';
import { faceFor, type PosterFonts } from '../render/fonts.ts';
import { label } from './labels.ts';
import { QR_SIZE, rowLook, type MeasureText } from './layout.ts';
import type { PagePlan } from './paginate.ts';
import type { PdfPage } from './pdf.ts';
import type { StampLine } from './stamp.ts';
import type { DrawOp, RectOp, TextOp } from './svg.ts';

type Node = { left: number; top: number; width: number; height: number };

/** The blocks of the one layout call, keyed as render.ts keys them; rows are `row-<index>`, cells `cell-<row>-<column>`. */
const BLOCKS = new Set(['opening', 'continuation', 'footer', 'chrome', 'thead', 'tend', 'notes', 'bold']);

/** Differences below this (design units) are rounding, not a different picture. */
const TOLERANCE = 0.02;

/** Whether every character of a row is drawn by a Noto Sans SC slice: those share one set of vertical metrics. */
export function inMainFaces(cells: string[], fonts: PosterFonts): boolean {
  for (const text of cells) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      for (const w of [400, 700] as const) {
        const f = faceFor(fonts, w, cp);
        if (f && !f.family.startsWith('sc-')) return false;
      }
    }
  }
  return true;
}

export class PageBlocks {
  /** False when the blocks cannot make the pages (then satori lays out each page). */
  readonly ok: boolean;
  private readonly blocks = new Map<string, { ops: DrawOp[]; height: number }>();
  private readonly doc: PosterDoc;
  private readonly measure: MeasureText;
  private readonly sample: number;
  /** The first row with a cell of more than one line (laid out whole, to check the cells against), or -1. */
  private readonly wrapSample: number;
  private readonly pageHeight: number;
  /** Where a one-line cell's baseline is below the top of a plain row. */
  private baseline = 0;
  private readonly qr: { x: number; y: number; size: number } | undefined;
  private readonly pageLabel: TextOp | undefined;
  private plainHeight = 0;
  /** The stamp line's place, relative to the footer, when its ops were taken out of the footer. */
  private stamp: StampLine | undefined;
  /** Where the page label was among the footer's ops: it is drawn in the same order. */
  private labelAt = -1;

  /** `apart`: take the stamp line out of the footer, for the PDF to draw it from its stamp XObject. */
  constructor(ops: DrawOp[], nodes: Map<string, Node>, doc: PosterDoc, fonts: PosterFonts, measure: MeasureText, samples: { sample: number; wrapSample: number }, pageHeight: number, apart = false) {
    this.doc = doc;
    this.measure = measure;
    this.sample = samples.sample;
    this.wrapSample = samples.wrapSample;
    this.pageHeight = pageHeight;
    const tops = [...nodes].filter(([key]) => BLOCKS.has(key) || /^(row-\d+|cell-\d+-\d+)$/.test(key)).sort((a, b) => a[1].top - b[1].top);
    for (const [key, n] of tops) this.blocks.set(key, { ops: [], height: n.height });
    let ok = true;
    for (const op of ops) {
      if (op.kind === 'path') {
        ok = false;
        break;
      }
      // The last block that starts at or above the op (rects start at their block's top, text
      // sits on a baseline inside it).
      let lo = 0;
      let hi = tops.length - 1;
      let at = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (tops[mid]![1].top <= op.y + 1e-6) (at = mid), (lo = mid + 1);
        else hi = mid - 1;
      }
      const hit = at >= 0 ? tops[at]! : undefined;
      if (!hit || op.y >= hit[1].top + hit[1].height) {
        ok = false;
        break;
      }
      this.blocks.get(hit[0])!.ops.push({ ...op, y: op.y - hit[1].top });
    }
    const footer = nodes.get('footer');
    const qr = nodes.get('qr');
    const labelNode = nodes.get('page-label');
    if (footer && qr) this.qr = { x: qr.left, y: qr.top - footer.top, size: Math.min(qr.width, qr.height, QR_SIZE) };
    if (footer && labelNode) {
      const top = labelNode.top - footer.top;
      const inLabel = (op: DrawOp): boolean => op.kind === 'text' && op.y >= top && op.y < top + labelNode.height && op.x >= labelNode.left && op.x < labelNode.left + labelNode.width;
      const block = this.blocks.get('footer')!;
      this.labelAt = block.ops.findIndex(inLabel);
      this.pageLabel = block.ops[this.labelAt] as TextOp | undefined;
      block.ops = block.ops.filter((op) => !inLabel(op));
    }
    const stampNode = nodes.get('stamp');
    if (apart && footer && stampNode && ok) {
      const top = stampNode.top - footer.top;
      const inStamp = (op: DrawOp): boolean => op.kind !== 'path' && op.y >= top && op.y < top + stampNode.height && op.x >= stampNode.left && op.x < stampNode.left + stampNode.width;
      const block = this.blocks.get('footer')!;
      const texts = block.ops.filter(inStamp);
      const first = texts[0];
      // One line of text, nothing else: then it can be drawn apart.
      if (first?.kind === 'text' && texts.every((t) => t.kind === 'text' && t.y === first.y && t.fontSize === first.fontSize && t.fill === first.fill)) {
        this.stamp = { x: stampNode.left, y: first.y, width: stampNode.width, fontSize: first.fontSize, fill: first.fill };
        if (this.labelAt >= 0) this.labelAt -= block.ops.slice(0, this.labelAt).filter(inStamp).length;
        block.ops = block.ops.filter((op) => !inStamp(op));
      }
    }
    this.ok = ok && footer !== undefined && qr !== undefined && this.pageLabel !== undefined && this.templatesMatch();
  }

  /** The template row, drawn by `rowOps`, must be what satori drew for it, in both weights. */
  private templatesMatch(): boolean {
    if (this.sample < 0) return true;
    this.plainHeight = this.blocks.get(`row-${this.sample}`)!.height;
    const pairs: [string, number, 400 | 700][] = [
      [`row-${this.sample}`, this.sample, rowLook(this.doc, this.sample, this.measure).weight],
      ['bold', this.sample, 700],
    ];
    // Both weights of Noto Sans SC share their vertical metrics: one baseline (the bold template checks it).
    const text = this.blocks.get(`row-${this.sample}`)!.ops.find((o): o is TextOp => o.kind === 'text' && o.text.trim() !== '');
    if (!text || !this.blocks.has('bold')) return false;
    this.baseline = text.y;
    if (this.wrapSample >= 0) pairs.push([`row-${this.wrapSample}`, this.wrapSample, rowLook(this.doc, this.wrapSample, this.measure).weight]);
    // The rows as satori drew them, and as rowOps draws them, must agree op for op.
    for (const [key, index, weight] of pairs) {
      if (this.rowHeight(index) !== this.blocks.get(key)!.height) return false;
      const got = this.blocks.get(key)!.ops.filter((o) => o.kind !== 'text' || o.text.trim() !== '');
      const want = this.rowOps(index, 0, weight === 700 && key === 'bold');
      if (got.length !== want.length || !got.every((g, i) => same(g, want[i]!))) return false;
    }
    return true;
  }

  /** A row's height: a plain row's, or its tallest cell's. */
  private rowHeight(index: number): number {
    let h = this.plainHeight;
    for (let c = 0; c < this.doc.table!.columns.length; c++) h = Math.max(h, this.blocks.get(`cell-${index}-${c}`)?.height ?? 0);
    return h;
  }

  /**
   * A row's rectangles and texts at `top`: one-line cells from the template, the others from
   * their own layout, each centred in the row as satori centres it; `forceBold` draws it as
   * the bold template.
   */
  private rowOps(index: number, top: number, forceBold = false): DrawOp[] {
    const look = rowLook(this.doc, index, this.measure);
    const drawn = forceBold ? rowLook({ ...this.doc, table: { ...this.doc.table!, highlight: this.doc.table!.rows.map((_, i) => (i === index ? 'black' : null)) } }, index, this.measure) : look;
    const weight = drawn.weight;
    const y = Math.round(top);
    const height = this.rowHeight(index);
    const markerWidth = look.cells[0]!.left - look.x;
    const ops: DrawOp[] = [
      { kind: 'rect', x: look.x, y, width: look.width, height, fill: drawn.background },
      { kind: 'rect', x: look.x, y, width: markerWidth, height, fill: drawn.marker },
    ];
    look.cells.forEach((c, col) => {
      const own = this.blocks.get(`cell-${index}-${col}`);
      if (own) {
        const dy = y + Math.round((height - own.height) / 2);
        for (const op of own.ops as (RectOp | TextOp)[]) if (op.kind !== 'text' || op.text.trim() !== '') ops.push({ ...op, x: op.x + c.left, y: op.y + dy });
        return;
      }
      if (c.text.trim() === '') return;
      const width = this.measure(c.text, look.fontSize, weight);
      const box = Math.ceil(width);
      const x = c.align === 'right' ? c.left + c.width - look.cellPadding - box : c.align === 'center' ? c.left + (c.width - box) / 2 : c.left + look.cellPadding;
      ops.push({ kind: 'text', x: Math.round(x), y: y + Math.round((height - this.plainHeight) / 2) + this.baseline, width, fontSize: look.fontSize, weight, fill: look.color, text: c.text });
    });
    return ops;
  }

  private place(out: DrawOp[], key: string, top: number): number {
    const block = this.blocks.get(key);
    if (!block) return 0;
    // Blocks hold no paths: a poster with one is laid out page by page.
    const y = Math.round(top);
    for (const op of block.ops as (RectOp | TextOp)[]) out.push({ ...op, y: op.y + y });
    return block.height;
  }

  /** Where the stamp line goes on every page, when it was taken out of the footer. */
  stampLine(): StampLine | undefined {
    if (!this.stamp) return undefined;
    return { ...this.stamp, y: this.stamp.y + Math.round(this.pageHeight - this.blocks.get('footer')!.height) };
  }

  /** Page `index` (from 0) of `total`: rows [plan.from, plan.to), the notes when the plan has them, and the footer. */
  /** `gap`: space above the table and above the notes (a poster of one page shares its sheet out: `onePageGap`). */
  page(plan: PagePlan, index: number, total: number, hasHead: boolean, rowCount: number, gap = 0): PdfPage {
    const ops: DrawOp[] = [];
    const showTable = hasHead && (plan.to > plan.from || (rowCount === 0 && index === 0));
    const footerTop = this.pageHeight - this.blocks.get('footer')!.height;
    let y = this.place(ops, index === 0 ? 'opening' : 'continuation', 0);
    if (showTable) {
      y += gap;
      y += this.place(ops, 'thead', y);
      for (let r = plan.from; r < plan.to; r++) {
        if (this.blocks.has(`row-${r}`)) y += this.place(ops, `row-${r}`, y);
        else {
          ops.push(...this.rowOps(r, y));
          y += this.rowHeight(r);
        }
      }
      y += this.place(ops, 'tend', y);
    }
    if (plan.notes && this.blocks.has('notes')) y += gap + this.place(ops, 'notes', y + gap);
    if (y > footerTop + 0.5) throw new Error(`poster "${this.doc.id}" page ${index + 1}: content runs past the page (layout and measurement disagree)`);
    const footerAt = ops.length;
    this.place(ops, 'footer', footerTop);
    const pl = this.pageLabel!;
    const fy = Math.round(footerTop);
    const text = label(this.doc.locale, 'page.label', { page: index + 1, pages: total });
    ops.splice(footerAt + this.labelAt, 0, { ...pl, y: pl.y + fy, text, width: this.measure(text, pl.fontSize, pl.weight) });
    return { ops, qr: this.qr && { ...this.qr, y: this.qr.y + fy } };
  }
}

function same(a: DrawOp, b: DrawOp): boolean {
  if (a.kind !== b.kind) return false;
  const near = (p: number, q: number): boolean => Math.abs(p - q) < TOLERANCE;
  if (a.kind === 'rect') {
    const r = b as RectOp;
    return near(a.x, r.x) && near(a.y, r.y) && near(a.width, r.width) && near(a.height, r.height) && a.fill.toLowerCase() === r.fill.toLowerCase();
  }
  if (a.kind === 'text') {
    const t = b as TextOp;
    return near(a.x, t.x) && near(a.y, t.y) && a.fontSize === t.fontSize && a.weight === t.weight && a.fill.toLowerCase() === t.fill.toLowerCase() && a.text === t.text;
  }
  return false;
}
