/**
 * The stamp: the data version and date every poster prints in its footer (and carries as its
 * PDF dates and ID). They change with every change of the data, while most posters do not, so
 * the stamp is kept out of the cached PDF: the footer line is drawn by one small form XObject,
 * written uncompressed with room to spare, and the dates, digest and ID in the PDF's info and
 * trailer hold placeholders of the same length. Stamping a cached PDF rewrites those bytes in
 * place (every offset stays where it was), so a new data version costs a copy, not a render.
 */
import { createHash } from 'node:crypto';
import type { PosterDoc } from './doc.ts';
import { faceFor, type PosterFace, type PosterFonts } from '../render/fonts.ts';
import { label } from './labels.ts';
import { STAMP_GAP, stampTexts } from './layout.ts';

/** What the cached PDF says until it is stamped. */
export const PLACEHOLDER_DATE = '2000-01-01';
export const PLACEHOLDER_DIGEST = '0'.repeat(64);
/** The stamp XObject's content: a marker, then this many bytes (operators padded with spaces). */
const MARKER = '%poster-stamp';
const STAMP_BYTES = 1536;
/** Characters a data version or date may use for the stamp to be set apart (others: it is drawn in the body). */
const VALUE_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-._:+/ ';
const MAX_VALUE = 64;

/** The stamp line's place on every page (design units; `y` is the baseline), from the layout. */
export interface StampLine {
  x: number;
  y: number;
  /** Room for the line; a stamp that would wrap is drawn in the body instead. */
  width: number;
  fontSize: number;
  fill: string;
}

/** How to write a stamp into a cached PDF without the fonts: each character's glyph id in the stamp fonts and its advance. */
export interface StampInfo {
  line: StampLine;
  glyphs: Record<string, { font: string; gid: string; advance: number }>;
}

export interface StampValues {
  dataVersion: string;
  date: string;
  /** The poster's full digest (body and stamp): the PDF's PosterDigest and the source of its ID. */
  digest: string;
}

/** Every character a stamp of this locale can need, for the stamp fonts' subsets. */
export function stampCharset(locale: PosterDoc['locale']): string {
  return [...new Set([...label(locale, 'footer.dataVersion'), ...label(locale, 'footer.date'), '：', ':', ...VALUE_CHARS])].join('');
}

/** Whether a poster's stamp can be set apart: every character drawable from the stamp fonts, no value too long. */
export function stampable(doc: Pick<PosterDoc, 'locale' | 'footer'>, fonts: PosterFonts): boolean {
  const { dataVersion, date } = doc.footer;
  if (dataVersion.length > MAX_VALUE || date.length > MAX_VALUE) return false;
  for (const ch of dataVersion + date) if (!VALUE_CHARS.includes(ch)) return false;
  for (const ch of stampCharset(doc.locale)) if (!faceFor(fonts, 400, ch.codePointAt(0)!) && ch !== ' ') return false;
  return true;
}

/** The poster without its stamp: what the cached body is made from. */
export function withoutStamp(doc: PosterDoc): PosterDoc {
  return { ...doc, footer: { ...doc.footer, dataVersion: '', date: PLACEHOLDER_DATE } };
}

/** The stamp fonts' faces, each with the characters it draws, in a fixed order. */
export function stampFaces(locale: PosterDoc['locale'], fonts: PosterFonts): { face: PosterFace; chars: string[] }[] {
  const out = new Map<PosterFace, string[]>();
  let last: PosterFace | undefined;
  for (const ch of stampCharset(locale)) {
    const face = faceFor(fonts, 400, ch.codePointAt(0)!) ?? last;
    if (!face) continue;
    last = face;
    if (!out.has(face)) out.set(face, []);
    out.get(face)!.push(ch);
  }
  return [...out].map(([face, chars]) => ({ face, chars }));
}

/** The placeholder the XObject is written with. */
export function stampPlaceholder(): string {
  return `${MARKER}\n${' '.repeat(STAMP_BYTES)}`;
}

function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function rgb(fill: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
  const c = m ? [m[1]!, m[2]!, m[3]!].map((h) => num(parseInt(h, 16) / 255)) : ['0', '0', '0'];
  return `${c.join(' ')} rg`;
}

/**
 * The XObject's operators for a stamp: each text at its place, split where the font changes.
 * Undefined when the line would not fit on one line or in the room the PDF keeps for it.
 */
export function stampOperators(info: StampInfo, doc: Pick<PosterDoc, 'locale' | 'footer'>): string | undefined {
  const { line, glyphs } = info;
  const texts = stampTexts(doc);
  const width = (t: string): number => [...t].reduce((w, ch) => w + (glyphs[ch]?.advance ?? 0), 0) * line.fontSize;
  // As satori sets it: a text box is its text's width rounded up, the date after a gap.
  const x2 = Math.round(line.x + Math.ceil(width(texts[0])) + STAMP_GAP);
  if (x2 + width(texts[1]) > line.x + line.width + 0.5) return undefined;
  let ops = `q ${rgb(line.fill)}`;
  for (const [text, start] of [[texts[0], line.x], [texts[1], x2]] as const) {
    let x = start;
    let run: { font: string; gids: string; x: number } | undefined;
    const flush = (): void => {
      if (run && run.gids) ops += ` BT /${run.font} ${num(line.fontSize)} Tf 1 0 0 -1 ${num(run.x)} ${num(line.y)} Tm <${run.gids}> Tj ET`;
    };
    for (const ch of text) {
      const g = glyphs[ch];
      if (!g) return undefined;
      if (!run || run.font !== g.font) {
        flush();
        run = { font: g.font, gids: '', x };
      }
      run.gids += g.gid;
      x += g.advance * line.fontSize;
    }
    flush();
  }
  ops += ' Q';
  return ops.length <= STAMP_BYTES - 1 ? ops : undefined;
}

/** The file ID a stamped poster gets: from its full digest. */
function fileId(digest: string): string {
  return createHash('md5').update(digest).digest('hex');
}

function replaceAll(pdf: Buffer, from: string, to: string, expected: number): void {
  if (from.length !== to.length) throw new Error(`stamp: "${to}" is not as long as its placeholder`);
  const needle = Buffer.from(from, 'latin1');
  let at = pdf.indexOf(needle);
  let n = 0;
  while (at >= 0) {
    pdf.write(to, at, 'latin1');
    n++;
    at = pdf.indexOf(needle, at + needle.length);
  }
  if (n !== expected) throw new Error(`stamp: expected ${expected} × ${from} in the cached PDF, found ${n}`);
}

/**
 * A copy of a cached (unstamped) PDF with the stamp written in: the footer line, the PDF's
 * dates, PosterDigest and file ID. Byte for byte what rendering the poster afresh gives.
 */
export function applyStamp(cached: Uint8Array, info: StampInfo, doc: Pick<PosterDoc, 'locale' | 'footer'>, digest: string): Buffer | undefined {
  const ops = stampOperators(info, doc);
  if (ops === undefined) return undefined;
  const pdf = Buffer.from(cached);
  const marker = Buffer.from(`stream\n${MARKER}`, 'latin1');
  const at = pdf.indexOf(marker);
  if (at < 0) throw new Error('stamp: the cached PDF has no stamp');
  // The marker is a comment line: the operators start on the line after it.
  pdf.write(ops.padEnd(STAMP_BYTES, ' '), at + marker.length + 1, 'latin1');
  const date = (d: string): string => `(D:${d.replaceAll('-', '')}000000Z)`;
  replaceAll(pdf, date(PLACEHOLDER_DATE), date(doc.footer.date), 2);
  replaceAll(pdf, `(${PLACEHOLDER_DIGEST})`, `(${digest})`, 1);
  const idAt = pdf.lastIndexOf(Buffer.from('/ID [<', 'latin1'));
  if (idAt < 0) throw new Error('stamp: the cached PDF has no file ID');
  const id = fileId(digest);
  pdf.write(`/ID [<${id}> <${id}>]`, idAt, 'latin1');
  return pdf;
}
