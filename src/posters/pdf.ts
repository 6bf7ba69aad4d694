/**
 * Draws laid-out pages into a print-ready PDF with pdfkit: exact ISO trim sizes (TrimBox), a
 * BleedBox the bleed beyond it and a MediaBox with a slug for the crop marks, backgrounds that touch the trim edge run on into the bleed, text
 * as real text in embedded subset fonts, the QR code as vector squares.
 */
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { qrModules } from '../render/qr.ts';
import { PT_PER_MM, type PosterSize, pageSizesMm } from './doc.ts';
import { faceFor, type PosterFace, type PosterFonts } from '../render/fonts.ts';
import type { DrawOp, TextOp } from './svg.ts';
import { stampFaces, stampPlaceholder, type StampInfo, type StampLine } from './stamp.ts';

export interface PdfPage {
  ops: DrawOp[];
  /** The box the QR code fills, in design units. */
  qr?: { x: number; y: number; size: number };
}

export interface PdfSpec {
  size: PosterSize;
  /** Millimetres on each side. */
  bleed: number;
  /** Width of the design the ops are in; they are scaled to the paper. */
  designWidth: number;
  designHeight: number;
  pages: PdfPage[];
  fonts: PosterFonts;
  qrUrl: string;
  lang: string;
  /** OpenType features the layout used (`fontFeatures`), so the PDF's advances match it. */
  features: string[];
  /** The PDF's creation and modification date: the poster's date, never the clock. */
  date: Date;
  title: string;
  author: string;
  subject: string;
  /** A digest of everything the poster is made from; it makes the PDF's file ID. */
  digest: string;
  /** Where the stamp line goes: then every page draws it from one XObject, left blank for `applyStamp`. */
  stamp?: StampLine;
}

/** A fontkit font under a name of its own, so pdfkit embeds it apart from the same face's body text. */
const stampFontObjects = new WeakMap<PosterFace, fontkit.Font>();
function stampFontObject(face: PosterFace): fontkit.Font {
  let f = stampFontObjects.get(face);
  if (!f) {
    f = fontkit.create(face.data) as unknown as fontkit.Font;
    Object.defineProperty(f, 'postscriptName', { value: `${face.font.postscriptName}-Stamp` });
    stampFontObjects.set(face, f);
  }
  return f;
}

/**
 * Print geometry. With a bleed the paper is larger than the trim by the bleed and a slug
 * beyond it, where the crop marks go: they start a bleed's width (and a little) outside the
 * trim, so the cutter's tolerance never puts them on the finished poster. Without a bleed (an
 * office printer, which cannot print to the edge) the design is inset so nothing prints within
 * `OFFICE_MARGIN` of the edge.
 */
export const SLUG_MM = 10;
export const OFFICE_MARGIN_MM = 5;
const SLUG = SLUG_MM * PT_PER_MM;
const OFFICE_MARGIN = OFFICE_MARGIN_MM * PT_PER_MM;
/** Crop marks: the gap beyond the bleed before they start, and their thickness (points). */
const MARK_GAP = 1 * PT_PER_MM;
const MARK_WIDTH = 0.25;
/** Registration black: every ink, so the mark shows on each plate. */
const REGISTRATION: [number, number, number, number] = [100, 100, 100, 100];

/** The trimmed page size in points, e.g. A3 → 841.89 × 1190.55. */
export function trimSizePt(size: PosterSize): { width: number; height: number } {
  const mm = pageSizesMm[size];
  return { width: mm.width * PT_PER_MM, height: mm.height * PT_PER_MM };
}

/** Writes the pages and resolves to the PDF's bytes, and how to stamp them when `spec.stamp` is given. */
export async function writePdf(spec: PdfSpec): Promise<{ pdf: Uint8Array; stamp?: StampInfo }> {
  const trim = trimSizePt(spec.size);
  const bleed = spec.bleed * PT_PER_MM;
  const slug = bleed > 0 ? SLUG : 0;
  const outer = bleed + slug;
  const media = { width: trim.width + 2 * outer, height: trim.height + 2 * outer };
  // The design fills the trim; on an office printer, the trim less a margin all round.
  const inset = bleed > 0 ? 0 : OFFICE_MARGIN;
  const scale = Math.min((trim.width - 2 * inset) / spec.designWidth, (trim.height - 2 * inset) / spec.designHeight);
  const origin = { x: outer + (trim.width - spec.designWidth * scale) / 2, y: outer + (trim.height - spec.designHeight * scale) / 2 };
  const info: Record<string, string | Date> = {
    Title: spec.title,
    Author: spec.author,
    Subject: spec.subject,
    Creator: 'points-board posters',
    Producer: 'PDFKit',
    CreationDate: spec.date,
    ModDate: spec.date,
    // pdfkit derives the file ID from the info dictionary: this makes it follow the content.
    PosterDigest: spec.digest,
  };
  const { pdf, done, fontName } = openPdf(info, spec.lang);
  const qr = qrModules(spec.qrUrl);
  let stampRef: PDFKit.PDFKitReference | undefined;
  let stampInfo: StampInfo | undefined;

  for (const page of spec.pages) {
    pdf.addPage({ size: [media.width, media.height], margin: 0 });
    const boxes = pdf.page.dictionary.data as Record<string, unknown>;
    boxes.BleedBox = [slug, slug, media.width - slug, media.height - slug];
    boxes.TrimBox = [outer, outer, outer + trim.width, outer + trim.height];
    pdf.save();
    pdf.translate(origin.x, origin.y).scale(scale);
    drawOps(pdf, page.ops, spec, bleed / scale, fontName);
    if (page.qr) drawQr(pdf, qr, page.qr);
    if (spec.stamp) {
      if (!stampRef) ({ ref: stampRef, info: stampInfo } = stampXObject(pdf, spec, spec.stamp));
      (pdf.page as unknown as { xobjects: Record<string, unknown> }).xobjects.Stamp = stampRef;
      pdf.addContent('/Stamp Do');
    }
    pdf.restore();
    if (bleed > 0) drawCropMarks(pdf, trim, bleed, slug);
  }
  pdf.end();
  return { pdf: await done, stamp: stampInfo };
}

/**
 * A new PDF in the poster fonts only (no default font is ever referenced): the document, its
 * bytes once ended, and the name a face is registered under (registered on first use).
 */
export function openPdf(info: Record<string, string | Date>, lang: string): { pdf: PDFKit.PDFDocument; done: Promise<Uint8Array>; fontName: (f: PosterFace) => string } {
  const pdf = new PDFDocument({ autoFirstPage: false, compress: true, font: null as unknown as string, info: info as PDFKit.DocumentInfo, lang, displayTitle: true });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  const registered = new Set<string>();
  const fontName = (f: PosterFace): string => {
    const name = `${f.family}-${f.weight}`;
    if (!registered.has(name)) {
      pdf.registerFont(name, f.data);
      registered.add(name);
    }
    return name;
  };
  return { pdf, done, fontName };
}

/**
 * The stamp's XObject, blank, and its fonts: one subset font per face the stamp's characters
 * come from, holding every character a stamp can need, encoded first so each glyph id is the
 * same in every PDF whatever the body draws.
 */
function stampXObject(pdf: PDFKit.PDFDocument, spec: PdfSpec, line: StampLine): { ref: PDFKit.PDFKitReference; info: StampInfo } {
  const glyphs: StampInfo['glyphs'] = {};
  const fontRefs: Record<string, unknown> = {};
  const internal = pdf as unknown as { _font: { id: string; encode(text: string): [string[], unknown]; ref(): unknown } };
  const previous = internal._font;
  for (const { face, chars } of stampFaces(spec.lang as 'zh-CN' | 'en', spec.fonts)) {
    pdf.font(stampFontObject(face) as unknown as string);
    const font = internal._font;
    fontRefs[font.id] = font.ref();
    for (const ch of chars) {
      const [gids] = font.encode(ch);
      if (gids.length !== 1) continue;
      glyphs[ch] = { font: font.id, gid: gids[0]!, advance: face.font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / face.font.unitsPerEm };
    }
  }
  internal._font = previous;
  const ref = pdf.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, spec.designWidth, spec.designHeight], Resources: { Font: fontRefs } });
  (ref as unknown as { compress: boolean }).compress = false;
  ref.end(stampPlaceholder());
  return { ref, info: { line, glyphs } };
}

function drawOps(pdf: PDFKit.PDFDocument, ops: DrawOp[], spec: PdfSpec, bleedUnits: number, fontName: (f: PosterFace) => string): void {
  const W = spec.designWidth;
  const H = spec.designHeight;
  const edge = 0.01;
  for (const op of ops) {
    if (op.kind === 'rect') {
      // A background that touches the trim edge runs on into the bleed, so trimming a
      // little off never leaves a white hairline.
      let { x, y, width, height } = op;
      if (x <= edge) (width += x + bleedUnits), (x = -bleedUnits);
      if (y <= edge) (height += y + bleedUnits), (y = -bleedUnits);
      if (x + width >= W - edge) width = W + bleedUnits - x;
      if (y + height >= H - edge) height = H + bleedUnits - y;
      pdf.rect(x, y, width, height).fill(op.fill);
    } else if (op.kind === 'path') {
      pdf.path(op.d).fill(op.fill);
    } else {
      drawText(pdf, op, spec.fonts, spec.features, fontName);
    }
  }
}

/** A text run, split where the face changes (a rare character from another slice). */
function drawText(pdf: PDFKit.PDFDocument, op: TextOp, fonts: PosterFonts, features: string[], fontName: (f: PosterFace) => string): void {
  if (op.text.trim() === '') return;
  let x = op.x;
  // An empty feature list still switches off pdfkit's per-word layout cache: pass none then.
  const options = features.length ? { lineBreak: false, baseline: 'alphabetic' as const, features: features as PDFKit.Mixins.OpenTypeFeatures[] } : { lineBreak: false, baseline: 'alphabetic' as const };
  const segs = segmentsByFace(op.text, op.weight, fonts);
  segs.forEach((seg, i) => {
    if (seg.face && seg.text.trim() !== '') {
      pdf.font(fontName(seg.face)).fontSize(op.fontSize).fillColor(op.fill);
      pdf.text(seg.text, x, op.y, options);
    }
    if (seg.face && i < segs.length - 1) x += (seg.face.font.layout(seg.text, features).advanceWidth / seg.face.font.unitsPerEm) * op.fontSize;
  });
}

/** Splits text into pieces drawn with one face each; spaces go with the text before them. */
export function segmentsByFace(text: string, weight: 400 | 700, fonts: PosterFonts): { face: PosterFace | undefined; text: string }[] {
  const segs: { face: PosterFace | undefined; text: string }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = segs[segs.length - 1];
    const face = faceFor(fonts, weight, cp);
    if (last && (face === last.face || (/\s/.test(ch) && last.face?.font.hasGlyphForCodePoint(cp)))) last.text += ch;
    else segs.push({ face, text: ch });
  }
  return segs;
}

/**
 * The QR code as dark squares merged into horizontal runs, each a rectangle (`re`), filled as
 * one path, in the code's own units (a module is 1 × 1, placed and scaled into the box by one
 * `cm`): a run is a few bytes of whole numbers, written in one piece. A street's 15,000
 * points cards spent 7.5 s having pdfkit parse the runs written as SVG path text, then 1.4 s
 * writing them one `rect` each in page units, and their bytes were a sixth of the time spent
 * compressing the cards' pages.
 */
export function drawQr(pdf: PDFKit.PDFDocument, modules: { size: number; get(row: number, col: number): number | boolean }, box: { x: number; y: number; size: number }): void {
  const n = modules.size;
  let ops = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < n && modules.get(row, end)) end++;
      ops += `${col} ${row} ${end - col} 1 re\n`;
      col = end;
    }
  }
  pdf.save();
  pdf.translate(box.x, box.y).scale(box.size / n);
  if (ops !== '') pdf.addContent(ops.slice(0, -1));
  pdf.fill('#000000');
  pdf.restore();
}

/**
 * Crop marks at the four corners, along the trim lines, in the slug beyond the bleed: 0.25 pt
 * in registration black, on the paper's white.
 */
function drawCropMarks(pdf: PDFKit.PDFDocument, trim: { width: number; height: number }, bleed: number, slug: number): void {
  const outer = bleed + slug;
  const left = outer;
  const top = outer;
  const right = outer + trim.width;
  const bottom = outer + trim.height;
  // From the bleed's edge and a gap, out to the paper's edge: in the slug only.
  const near = bleed + MARK_GAP;
  const lines: [number, number, number, number][] = [];
  for (const x of [left, right]) {
    lines.push([x, 0, x, top - near]);
    lines.push([x, bottom + near, x, bottom + outer]);
  }
  for (const y of [top, bottom]) {
    lines.push([0, y, left - near, y]);
    lines.push([right + near, y, right + outer, y]);
  }
  pdf.save();
  pdf.lineWidth(MARK_WIDTH).strokeColor(REGISTRATION);
  for (const [x1, y1, x2, y2] of lines) pdf.moveTo(x1, y1).lineTo(x2, y2);
  pdf.stroke();
  pdf.restore();
}
