/**
 * One poster: lay the document out with satori, page by page, and write the PDF.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { findPackageJSON } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import satori from 'satori';
import { type PosterDoc, pageSizesMm, posterDocSchema } from './doc.ts';
import { facesFor, type PosterFace, type PosterFonts, withMissingMarked, faceFor, missingGlyphs } from '../render/fonts.ts';
import { allLabels } from './labels.ts';
import { cellsPlain, wrappedCells, continuationBand, DESIGN_WIDTH, fontFeatures, type El, footerBlock, headerBand, box, type MeasureText, notesBlock, paragraphsBlock, QR_SIZE, summaryBlock, tableCell, tableEnd, tableHead, tableRow } from './layout.ts';
import { paginate, PosterTooLongError, type BlockHeights, type PagePlan } from './paginate.ts';
import { writePdf, type PdfPage } from './pdf.ts';
import { inMainFaces, PageBlocks } from './compose.ts';
import { applyStamp, PLACEHOLDER_DATE, PLACEHOLDER_DIGEST, stampable, stampCharset, type StampInfo } from './stamp.ts';
import { mergeTextRuns, parseSatoriSvg, type DrawOp, type TextOp } from './svg.ts';

/** Bump when a change to the posters' code changes their output: it is part of the cache key. */
export const RENDERER_VERSION = 'posters-2';

let fingerprint: string | undefined;
/**
 * What the renderer is, for the cache key: RENDERER_VERSION, the versions of the libraries
 * that draw (an upgrade may move a glyph), and the posters' own source files where they are
 * on disk, so an edit that forgets to bump the version still renders afresh.
 */
export function rendererFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256').update(RENDERER_VERSION);
  for (const pkg of ['satori', 'pdfkit', 'fontkit', 'qrcode']) {
    // findPackageJSON: pdfkit's exports do not list its package.json.
    const { version } = JSON.parse(readFileSync(findPackageJSON(pkg, import.meta.url)!, 'utf8')) as { version: string };
    hash.update(`\0${pkg}@${version}`);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  if (existsSync(join(here, 'render.ts'))) {
    // The posters' own files and the drawing kit they share with the TV (src/render/: fonts, QR).
    for (const dir of [here, join(here, '..', 'render')]) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) hash.update(`\0${file}\0`).update(readFileSync(join(dir, file)));
    }
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/** Space between the opening text and the table (design units). */
const TABLE_GAP = 24;

/** How far a one-page poster's body may grow: the table's 16 units (13.5 pt on A3) up to 40 (34 pt). */
const MAX_SCALE = 2.5;
/** How much taller a short list's rows may grow once its type is at MAX_SCALE. */
const MAX_SPREAD = 16;

/**
 * A poster of one page shares what is left of the sheet out between its blocks: as much space
 * above the table, above the notes and above the footer, so a short list leaves no empty
 * half-page under it. Whole units, so the blocks land where a layout of the page puts them.
 */
function onePageGap(h: BlockHeights, plan: PagePlan, showTable: boolean): number {
  const notes = plan.notes && h.notes > 0;
  let content = h.opening + (notes ? h.notes : 0);
  if (showTable) content += h.tableChrome + h.rows.slice(plan.from, plan.to).reduce((a, b) => a + b, 0);
  const gaps = 1 + (showTable ? 1 : 0) + (notes ? 1 : 0);
  return Math.max(0, Math.floor((h.page - h.footer - content) / gaps));
}

/** Whether the blocks fit on one page, the table's rows and the notes under the opening. */
function fitsOnePage(h: BlockHeights): boolean {
  try {
    return paginate(h).length === 1;
  } catch {
    return false;
  }
}

/** A poster document checked against the schema, or an error naming the poster and the field. */
export function checkPosterDoc(doc: PosterDoc): PosterDoc {
  const parsed = posterDocSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`).join('; ');
    throw new Error(`poster "${String((doc as { id?: unknown }).id)}" is not valid: ${issues}`);
  }
  return parsed.data;
}

/** Every text a poster prints, for the font check and for choosing fonts. */
export function posterTexts(doc: PosterDoc): string[] {
  const out = [doc.kicker ?? '', doc.title, doc.subtitle ?? '', ...(doc.paragraphs ?? []), ...(doc.signature ?? []), ...(doc.notes ?? [])];
  for (const s of doc.summary ?? []) out.push(s.label, s.value);
  for (const c of doc.table?.columns ?? []) out.push(c.label);
  for (const r of doc.table?.rows ?? []) out.push(...r);
  const f = doc.footer;
  out.push(f.organiser, f.phoneLabel, f.phone, f.dataVersion, f.date);
  return out;
}

/** The characters of a poster no font can draw (printed as 〓). */
export function posterMissingGlyphs(doc: PosterDoc, fonts: PosterFonts): string[] {
  return missingGlyphs(posterTexts(doc).join('\n'), fonts);
}

/** The cache key of a poster: its document, the fonts' bytes and the renderer's fingerprint. */
export function posterDigest(doc: PosterDoc, fonts: PosterFonts): string {
  return checkedDigest(checkPosterDoc(doc), fonts);
}

/** `posterDigest` of a document already checked (and so in the schema's key order). */
export function checkedDigest(checked: PosterDoc, fonts: PosterFonts): string {
  return createHash('sha256').update(rendererFingerprint()).update('\0').update(fonts.hash).update('\0').update(JSON.stringify(checked)).digest('hex');
}

/** A copy of the document with every character no font has replaced by 〓. */
function markMissing(doc: PosterDoc, fonts: PosterFonts): PosterDoc {
  const m = (s: string): string => withMissingMarked(s, fonts);
  const opt = (s: string | undefined): string | undefined => (s === undefined ? undefined : m(s));
  return {
    ...doc,
    kicker: opt(doc.kicker),
    title: m(doc.title),
    subtitle: opt(doc.subtitle),
    paragraphs: doc.paragraphs?.map(m),
    summary: doc.summary?.map((s) => ({ label: m(s.label), value: m(s.value) })),
    table: doc.table && { ...doc.table, columns: doc.table.columns.map((c) => ({ ...c, label: m(c.label) })), rows: doc.table.rows.map((r) => r.map(m)) },
    notes: doc.notes?.map(m),
    footer: { ...doc.footer, organiser: m(doc.footer.organiser), phoneLabel: m(doc.footer.phoneLabel), phone: m(doc.footer.phone), dataVersion: m(doc.footer.dataVersion) },
  };
}

/** satori keeps a parsed font per options object: hand it the same objects every time. */
const satoriFonts = new WeakMap<PosterFace, { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }>();
function satoriFont(f: PosterFace) {
  let o = satoriFonts.get(f);
  if (!o) satoriFonts.set(f, (o = { name: f.family, data: f.data, weight: f.weight, style: 'normal' }));
  return o;
}

/** Advance widths from the fonts' metrics, for shrinking a number to fit its cell. */
function measurer(fonts: PosterFonts): MeasureText {
  const cache = new Map<string, number>();
  return (text, fontSize, weight) => {
    let em = 0;
    for (const ch of text) {
      const key = `${weight}${ch}`;
      let w = cache.get(key);
      if (w === undefined) {
        const face = faceFor(fonts, weight, ch.codePointAt(0)!);
        w = face ? face.font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / face.font.unitsPerEm : 1;
        cache.set(key, w);
      }
      em += w;
    }
    return em * fontSize;
  };
}

interface Laid {
  svg: string;
  nodes: Map<string, { left: number; top: number; width: number; height: number }>;
}

/**
 * Renders one poster to PDF bytes. The same document and fonts always give the same bytes:
 * the PDF's dates come from `footer.date`, its ID from the content.
 *
 * @example const pdf = await renderPoster(doc, loadPosterFonts()); writeFileSync(`${doc.id}.pdf`, pdf);
 */
export async function renderPoster(input: PosterDoc, fonts: PosterFonts): Promise<Uint8Array> {
  return (await renderPosterWithInfo(input, fonts)).pdf;
}

export interface RenderedPoster {
  pdf: Uint8Array;
  pages: number;
  /** Characters no font has, printed as 〓. */
  missingGlyphs: string[];
}

export interface RenderedBody extends RenderedPoster {
  /** Set when the PDF's stamp is blank: how `applyStamp` writes it in. */
  stamp?: StampInfo;
  /** How the pages were laid out: put together from blocks, or each page whole by satori. */
  layout: 'blocks' | 'pages';
}

/** `renderPoster`, also telling how many pages it made and which characters it could not draw. */
export async function renderPosterWithInfo(input: PosterDoc, fonts: PosterFonts): Promise<RenderedPoster> {
  const checked = checkPosterDoc(input);
  const body = await renderPosterBody(checked, fonts);
  const stamped = body.stamp && applyStamp(body.pdf, body.stamp, checked, posterDigest(checked, fonts));
  if (!body.stamp) return { pdf: body.pdf, pages: body.pages, missingGlyphs: body.missingGlyphs };
  if (stamped) return { pdf: stamped, pages: body.pages, missingGlyphs: body.missingGlyphs };
  // The stamp does not fit its line as the XObject draws it: lay it out with the rest.
  const whole = await renderPosterBody(checked, fonts, { apart: false });
  return { pdf: whole.pdf, pages: whole.pages, missingGlyphs: whole.missingGlyphs };
}

export interface RenderBodyOptions {
  /** Leave the stamp blank when it can be set apart (default true); false draws the whole poster. */
  apart?: boolean;
  /** Lay out every page with satori as a whole instead of putting it together from blocks (for tests: the same picture). */
  pageByPage?: boolean;
}

/**
 * A poster's PDF with its stamp left blank (`stamp` says how to write it in), or, when the
 * stamp cannot be set apart (or `apart` is false), the whole poster.
 */
export async function renderPosterBody(input: PosterDoc, fonts: PosterFonts, { apart = true, pageByPage = false }: RenderBodyOptions = {}): Promise<RenderedBody> {
  const checked = checkPosterDoc(input);
  const base = markMissing(checked, fonts);
  // The stamp's characters always: the faces handed to satori must not depend on it.
  const faces = facesFor(fonts, [...posterTexts(base), ...allLabels(base.locale), '0123456789 〓', stampCharset(base.locale)]);
  const setApart = apart && stampable(checked, fonts);
  const families = [...new Set(faces.map((f) => f.family))];
  const satoriOptions = { fonts: faces.map(satoriFont), embedFont: false };
  const mm = pageSizesMm[base.size];
  const W = DESIGN_WIDTH;
  const H = (W * mm.height) / mm.width;
  const measure = measurer(fonts);

  const lay = async (children: El[], height?: number): Promise<Laid> => {
    const nodes: Laid['nodes'] = new Map();
    const features = fontFeatures(base.locale).map((f) => `"${f}" 1`).join(', ');
    const root = box({ flexDirection: 'column', width: W, ...(height ? { height } : {}), fontFamily: families.join(', '), color: '#1A1A1A', ...(features ? { fontFeatureSettings: features } : {}) }, children);
    const svg = await satori(root as never, {
      ...satoriOptions,
      width: W,
      ...(height ? { height } : {}),
      onNodeDetected: (n) => {
        if (n.key !== undefined) nodes.set(String(n.key), n);
      },
    } as Parameters<typeof satori>[1]);
    return { svg, nodes };
  };
  const keyed = (key: string, el: El | undefined): El[] => (el ? [box({ flexDirection: 'column' }, [el], key)] : []);
  const opening = (d: PosterDoc): El[] => [headerBand(d), ...[paragraphsBlock(d), summaryBlock(d)].filter((e): e is El => e !== undefined)];
  const rowCount = base.table?.rows.length ?? 0;

  // 1. Lay out every block once, at the page's width. Rows whose cells are all one line at
  // the table's size, in the main font, are all as tall as the first of them: only that one
  // is laid out (and a bold copy of it), the others are drawn from it as a template. Of the
  // other rows in the main font, only the cells that are not one line are laid out, alone;
  // the first such row is laid out whole as well, to hold the two side by side.
  const planAt = async (d: PosterDoc) => {
    const head = tableHead(d, measure);
    const templated = Array.from({ length: rowCount }, (_, i) => inMainFaces(d.table!.rows[i]!, fonts));
    const plainCells = Array.from({ length: rowCount }, (_, i) => (templated[i] ? cellsPlain(d, i, measure) : []));
    const plain = plainCells.map((cells, i) => templated[i]! && cells.every(Boolean));
    const sample = plain.indexOf(true);
    if (sample < 0) templated.fill(false);
    const wrapSample = templated.findIndex((t, i) => t && !plain[i]);
    const measured = Array.from({ length: rowCount }, (_, i) => i).filter((i) => !templated[i] || i === sample || i === wrapSample);
    const cellEls: El[] = [];
    for (let i = 0; i < rowCount; i++) {
      if (!templated[i] || plain[i]) continue;
      plainCells[i]!.forEach((p, c) => {
        if (p) return;
        cellEls.push(...keyed(`cell-${i}-${c}`, tableCell(d, i, c, measure)));
      });
    }
    const bold = sample >= 0 ? withoutKey(tableRow({ ...d, table: { ...d.table!, highlight: d.table!.rows.map((_, i) => (i === sample ? 'black' : null)) } }, sample, measure)) : undefined;
    const m = await lay([
      ...keyed('opening', box({ flexDirection: 'column' }, opening(d))),
      ...keyed('continuation', continuationBand(d)),
      ...keyed('footer', footerBlock(d, 99, 99)),
      ...keyed('chrome', head && box({ flexDirection: 'column', paddingTop: TABLE_GAP }, [head, tableEnd()])),
      ...keyed('thead', head && box({ flexDirection: 'column', paddingTop: TABLE_GAP }, [head])),
      ...keyed('tend', head && tableEnd()),
      ...keyed('notes', notesBlock(d)),
      ...measured.map((i) => tableRow(d, i, measure)),
      ...keyed('bold', bold),
      ...cellEls,
    ]);
    const height = (key: string): number => m.nodes.get(key)?.height ?? 0;
    const heights: BlockHeights = {
      page: H,
      opening: height('opening'),
      continuation: height('continuation'),
      footer: height('footer'),
      tableChrome: height('chrome'),
      notes: height('notes'),
      rows: Array.from({ length: rowCount }, (_, i) =>
        m.nodes.has(`row-${i}`) ? height(`row-${i}`) : plain[i] ? height(`row-${sample}`) : Math.max(height(`row-${sample}`), ...plainCells[i]!.map((p, c) => (p ? 0 : height(`cell-${i}-${c}`)))),
      ),
      hasTable: head !== undefined,
    };
    return { doc: d, head, m, sample, wrapSample, heights };
  };

  // A poster that fits on one page fills it: its body's type grows (largest first that still
  // fits, in steps of a tenth) up to MAX_SCALE, so a price list or a star result is read from
  // across the room instead of sitting in the top half of the sheet.
  let laid = await planAt(base);
  const wrapped = wrappedCells(base, measure);
  const fits = (d: PosterDoc, h: BlockHeights) => fitsOnePage(h) && wrappedCells(d, measure) <= wrapped;
  // The largest value up to `most` (in steps of a twentieth) at which `make(value)` still fits.
  const largest = async (most: number, make: (value: number) => PosterDoc): Promise<number> => {
    let [lo, hi] = [1, most];
    while (hi - lo > 0.1) {
      const mid = Math.round(((lo + hi) / 2) * 20) / 20;
      const tried = await planAt(make(mid));
      if (fits(tried.doc, tried.heights)) [lo, laid] = [mid, tried];
      else hi = mid;
    }
    return lo;
  };
  if (paginateNamed(base.id, laid.heights).length === 1 && (rowCount > 0 || base.summary?.length)) {
    const scale = await largest(MAX_SCALE, (s) => ({ ...base, scale: s }));
    // Then the rows grow taller, up to MAX_SPREAD times: a short list at its largest type, or
    // one whose type stopped growing where a name would have broken, still fills the sheet.
    if (rowCount > 0) await largest(MAX_SPREAD, (spread) => ({ ...base, scale, spread }));
  }
  const { doc, head, m, sample, wrapSample } = laid;
  const plans = paginateNamed(doc.id, laid.heights);

  // 2. Put each page together from the blocks: the same picture satori would lay out for the
  // page as a whole, at a fraction of the cost. A poster the blocks cannot make (a template
  // that draws something they do not expect) is laid out page by page instead.
  const blocks = new PageBlocks(mergeRuns(parseSatoriSvg(m.svg), fonts), m.nodes, doc, fonts, measure, { sample, wrapSample }, H, setApart);
  const composed = blocks.ok && !pageByPage;
  const stampLine = composed ? blocks.stampLine() : undefined;
  const gap = plans.length === 1 ? onePageGap(laid.heights, plans[0]!, head !== undefined && (plans[0]!.to > 0 || rowCount === 0)) : 0;
  const pages = composed ? plans.map((plan, i) => blocks.page(plan, i, plans.length, head !== undefined, rowCount, gap)) : await satoriPages();
  const { pdf, stamp } = await writePdf({
    size: doc.size,
    bleed: doc.bleed,
    designWidth: W,
    designHeight: H,
    pages,
    fonts,
    qrUrl: doc.footer.url,
    lang: doc.locale,
    features: fontFeatures(doc.locale),
    date: new Date(`${stampLine ? PLACEHOLDER_DATE : doc.footer.date}T00:00:00Z`),
    title: checked.title,
    author: checked.footer.organiser,
    subject: checked.subtitle ?? checked.title,
    digest: stampLine ? PLACEHOLDER_DIGEST : posterDigest(checked, fonts),
    stamp: stampLine,
  });
  return { pdf, pages: pages.length, missingGlyphs: posterMissingGlyphs(checked, fonts), stamp, layout: composed ? 'blocks' : 'pages' };

  async function satoriPages(): Promise<PdfPage[]> {
    const out: PdfPage[] = [];
    for (const [i, plan] of plans.entries()) {
      const laid = await lay(pageContent(doc, plan, i, plans.length, measure, rowCount), H);
      const footer = laid.nodes.get('page-footer');
      if (!footer || footer.top + footer.height > H + 0.5) {
        throw new Error(`poster "${doc.id}" page ${i + 1}: content runs past the page (layout and measurement disagree)`);
      }
      const qr = laid.nodes.get('qr');
      out.push({ ops: mergeRuns(parseSatoriSvg(laid.svg), fonts), qr: qr && { x: qr.left, y: qr.top, size: Math.min(qr.width, qr.height, QR_SIZE) } });
    }
    return out;
  }

  function pageContent(d: PosterDoc, plan: PagePlan, index: number, total: number, measureText: MeasureText, rows: number): El[] {
    const content: El[] = index === 0 ? opening(d) : [continuationBand(d)];
    // One page: what is left of the sheet is shared out between the blocks, as PageBlocks does.
    const spacer = () => (total === 1 && gap > 0 ? [box({ height: gap })] : []);
    const showTable = head !== undefined && (plan.to > plan.from || (rows === 0 && index === 0));
    if (showTable) {
      const rowEls = [];
      for (let r = plan.from; r < plan.to; r++) rowEls.push(tableRow(d, r, measureText));
      content.push(...spacer(), box({ flexDirection: 'column', paddingTop: TABLE_GAP }, [head!, ...rowEls, tableEnd()]));
    }
    if (plan.notes) {
      const notes = notesBlock(d);
      if (notes) content.push(...spacer(), notes);
    }
    return [...content, box({ flexGrow: 1 }), box({ flexDirection: 'column' }, [footerBlock(d, index + 1, total)], 'page-footer')];
  }
}

/** A copy of an element without its key, so a second layout of a row does not shadow the first. */
function withoutKey(el: El): El {
  const { key: _key, ...rest } = el;
  return rest;
}

/** `paginate`, with the poster's id in the error: a build renders many posters. */
function paginateNamed(id: string, heights: BlockHeights): PagePlan[] {
  try {
    return paginate(heights);
  } catch (e) {
    if (e instanceof PosterTooLongError) throw new PosterTooLongError(`poster "${id}": ${e.message}; shorten the text or use a larger size`);
    throw e;
  }
}

/** Joins satori's word-by-word text into runs that share one face. */
function mergeRuns(ops: DrawOp[], fonts: PosterFonts): DrawOp[] {
  const out: DrawOp[] = [];
  let texts: TextOp[] = [];
  const flush = (): void => {
    out.push(...mergeTextRuns(texts, (a, b) => sameFace(a, b, fonts)));
    texts = [];
  };
  for (const op of ops) {
    if (op.kind === 'text') texts.push(op);
    else {
      flush();
      out.push(op);
    }
  }
  flush();
  return out;
}

function sameFace(a: TextOp, b: TextOp, fonts: PosterFonts): boolean {
  const face = (t: TextOp): string | undefined => {
    let f: string | undefined;
    for (const ch of t.text) {
      const x = faceFor(fonts, t.weight, ch.codePointAt(0)!)?.family;
      if (x === undefined || (f !== undefined && x !== f)) return undefined;
      f = x;
    }
    return f;
  };
  const fa = face(a);
  return fa !== undefined && fa === face(b);
}
