/**
 * All posters of a build: render what changed, take the rest from the cache, and write the
 * print shop's folder (the PDFs, manifest.json and index.html).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { markUsed, renderCacheDir } from '../build/render-cache.ts';
import { dirname, join } from 'node:path';
import { pageSizesMm, type PosterDoc, type PosterSize } from './doc.ts';
import { defaultPosterFonts, type PosterFonts } from '../render/fonts.ts';
import { label } from './labels.ts';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkedDigest, checkPosterDoc, posterMissingGlyphs, renderPosterBody, rendererFingerprint, type RenderedBody } from './render.ts';
import { OFFICE_MARGIN_MM, SLUG_MM } from './pdf.ts';
import { writeSheets } from './sheets.ts';
import type { SheetFile } from './sheets-from-board.ts';
import type { WorkerTask } from './worker.ts';
import { applyStamp, stampable, withoutStamp, type StampInfo } from './stamp.ts';

export interface PosterManifestEntry {
  /** e.g. `ranking-party-2022.pdf` */
  file: string;
  title: string;
  size: PosterSize;
  /** Trimmed size; the bleed comes on top, on each side. */
  widthMm: number;
  heightMm: number;
  pages: number;
  /** Millimetres on each side. */
  bleed: number;
  /** Beyond the bleed, for the crop marks (mm a side; 0 without bleed). */
  slugMm: number;
  /** The sheet the PDF is: trim + bleed + slug, each side. */
  paperWidthMm: number;
  paperHeightMm: number;
  /** Without bleed, the white margin left all round for an office printer (mm). */
  marginMm: number;
  /** Files of one kind (each scheme's points cards): listed under one heading on the print shop's page, each by `item`. */
  group?: string;
  item?: string;
}

/** What `manifest.json` holds: one entry per PDF, sorted by file name. */
export interface PosterManifest {
  files: PosterManifestEntry[];
}

export interface RenderPostersResult extends PosterManifest {
  /** How many PDFs were rendered now, and how many were copied from the cache. */
  rendered: number;
  cached: number;
  /** Posters that print 〓 for characters no font has; the data check warns about them too. */
  missingGlyphs: { file: string; chars: string[] }[];
  /** How many worker threads rendered a poster. */
  workers: number;
}

export interface RenderPostersOptions {
  /** Where rendered PDFs are kept by content hash; `node_modules/.cache/posters` by default. */
  cacheDir?: string;
  /** Fonts to use; `loadPosterFonts()` by default. */
  fonts?: PosterFonts;
  /**
   * Worker threads to render on when there are a few thousand rows to render (default 0: this
   * thread; never when `fonts` is given, as workers load the default fonts). The output is
   * the same bytes either way. Each worker holds its own fonts and layout (some 400 MB at
   * street scale), so this trades memory for time; the build sets it from BOARD_POSTER_WORKERS.
   */
  workers?: number;
}

interface CacheMeta {
  pages: number;
  missingGlyphs: string[];
  /** Set when the cached PDF's stamp is blank. */
  stamp?: StampInfo;
}

/**
 * Writes `<outDir>/<id>.pdf` for each document, `manifest.json` and `index.html`. A poster
 * whose document, fonts and renderer are unchanged is copied from the cache, not rendered.
 *
 * @example const { rendered, cached } = await renderPosters(docs, 'dist/posters');
 */
export async function renderPosters(docs: PosterDoc[], outDir: string, options: RenderPostersOptions = {}): Promise<RenderPostersResult> {
  const fonts = options.fonts ?? defaultPosterFonts();
  const cacheDir = options.cacheDir ?? renderCacheDir('posters');
  const checked = docs.map(checkPosterDoc);
  const seen = new Set<string>();
  for (const d of checked) {
    if (seen.has(d.id)) throw new Error(`two posters have the id "${d.id}"`);
    seen.add(d.id);
  }
  mkdirSync(outDir, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });

  const entries: (PosterManifestEntry | undefined)[] = [];
  const missingAt: (RenderPostersResult['missingGlyphs'][number] | undefined)[] = [];
  const write = (i: number, pdf: Uint8Array, meta: CacheMeta): void => {
    const doc = checked[i]!;
    const file = `${doc.id}.pdf`;
    writeFileSync(join(outDir, file), pdf);
    const mm = pageSizesMm[doc.size];
    const slugMm = doc.bleed > 0 ? SLUG_MM : 0;
    const outer = doc.bleed + slugMm;
    entries[i] = {
      file, title: doc.title, size: doc.size, widthMm: mm.width, heightMm: mm.height, pages: meta.pages, bleed: doc.bleed,
      slugMm, paperWidthMm: mm.width + 2 * outer, paperHeightMm: mm.height + 2 * outer, marginMm: doc.bleed > 0 ? 0 : OFFICE_MARGIN_MM,
    };
    if (meta.missingGlyphs.length) missingAt[i] = { file, chars: meta.missingGlyphs };
  };
  // Cached posters first, one at a time: a copy and a stamp each.
  const misses: { index: number; keys: string[] }[] = [];
  checked.forEach((doc, i) => {
    const hit = fromCache(doc, fonts, cacheDir);
    if ('pdf' in hit) write(i, hit.pdf, hit.meta);
    else misses.push({ index: i, keys: hit.keys });
  });
  // Then the others, on worker threads when there is enough of them to pay for starting one.
  const rows = misses.reduce((n, m) => n + (checked[m.index]!.table?.rows.length ?? 0) + 30, 0);
  // Workers load the default fonts: with other fonts, everything is rendered here.
  const threads = options.fonts !== undefined || rows < WORKER_ROWS ? 0 : Math.min(options.workers ?? 0, availableParallelism(), misses.length);
  const pool = threads > 1 ? new RenderPool(threads) : undefined;
  try {
    await eachLimited(misses, Math.max(1, threads), async ({ index, keys }) => {
      const doc = checked[index]!;
      const render = (apart: boolean): Promise<RenderedBody> => (pool ? pool.render(doc, apart, fonts) : renderPosterBody(doc, fonts, { apart }));
      const { pdf, meta } = await renderToCache(doc, keys, fonts, cacheDir, render);
      write(index, pdf, meta);
    });
  } finally {
    await pool?.close();
  }
  const files = entries.filter((e): e is PosterManifestEntry => e !== undefined);
  const missing = missingAt.filter((m): m is RenderPostersResult['missingGlyphs'][number] => m !== undefined);
  const rendered = misses.length;
  const cached = checked.length - misses.length;
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const manifest: PosterManifest = { files };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(outDir, 'index.html'), posterIndexHtml(manifest));
  return { files, rendered, cached, missingGlyphs: missing, workers: pool?.used.size ?? 0 };
}

/**
 * One poster's PDF from the cache, when its body is there. The cache holds PDFs with the
 * stamp (data version and date) left blank, keyed by the document without it, so a new data
 * version re-renders only the posters whose content changed; the others are stamped anew.
 * A poster whose stamp cannot be set apart is cached whole, keyed by its whole document.
 * Otherwise: the keys to render it under.
 */
function fromCache(doc: PosterDoc, fonts: PosterFonts, cacheDir: string): { pdf: Uint8Array; meta: CacheMeta } | { keys: string[] } {
  const full = checkedDigest(doc, fonts);
  const keys = stampable(doc, fonts) ? [checkedDigest(withoutStamp(doc), fonts), full] : [full];
  for (const key of keys) {
    const pdfPath = join(cacheDir, `${key}.pdf`);
    const metaPath = join(cacheDir, `${key}.json`);
    if (!existsSync(pdfPath) || !existsSync(metaPath)) continue;
    let meta: CacheMeta;
    let pdf: Uint8Array | undefined;
    try {
      meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CacheMeta;
      pdf = meta.stamp ? applyStamp(readFileSync(pdfPath), meta.stamp, doc, full) : readFileSync(pdfPath);
    } catch {
      continue; // removed meanwhile by another build's prune, or cut: rendered again
    }
    if (pdf) {
      markUsed(pdfPath);
      markUsed(metaPath);
      return { pdf, meta };
    }
  }
  return { keys };
}

/** Renders a poster, keeps it in the cache (blank stamp under the body key when it can), and stamps it. */
async function renderToCache(doc: PosterDoc, keys: string[], fonts: PosterFonts, cacheDir: string, render: (apart: boolean) => Promise<RenderedBody>): Promise<{ pdf: Uint8Array; meta: CacheMeta }> {
  const full = keys[keys.length - 1]!;
  let body = await render(keys.length > 1);
  if (body.stamp) {
    const pdf = applyStamp(body.pdf, body.stamp, doc, full);
    const meta: CacheMeta = { pages: body.pages, missingGlyphs: body.missingGlyphs, stamp: body.stamp };
    if (pdf) {
      cacheWrite(cacheDir, keys[0]!, body.pdf, meta);
      return { pdf, meta };
    }
    // The stamp does not fit its line as the XObject draws it: lay it out with the rest.
    body = await render(false);
  }
  const meta: CacheMeta = { pages: body.pages, missingGlyphs: body.missingGlyphs };
  cacheWrite(cacheDir, full, body.pdf, meta);
  return { pdf: body.pdf, meta };
}

/** Rows (and about a page's worth a poster) to render before worker threads pay for their start. */
const WORKER_ROWS = 3000;

/** Runs `task` over `items`, at most `limit` at once. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Worker threads that render poster bodies with the default fonts, one poster each at a time.
 * A worker that cannot start (or dies) leaves its poster, and the rest, to this thread.
 */
class RenderPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private broken = false;
  /** The workers that rendered a poster. */
  readonly used = new Set<Worker>();
  private nextId = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./worker.ts', import.meta.url));
      w.on('error', () => {
        this.broken = true;
      });
      this.all.push(w);
      this.idle.push(w);
    }
  }

  async render(doc: PosterDoc, apart: boolean, fonts: PosterFonts): Promise<RenderedBody> {
    const w = this.idle.pop();
    if (this.broken || !w) return renderPosterBody(doc, fonts, { apart });
    const id = this.nextId++;
    try {
      const reply = await new Promise<{ body?: RenderedBody; error?: string; failed?: boolean }>((resolve) => {
        const onMessage = (m: { id: number; body?: RenderedBody; error?: string }): void => {
          if (m.id !== id) return;
          done();
          resolve(m);
        };
        const onEnd = (): void => {
          done();
          resolve({ failed: true });
        };
        const done = (): void => {
          w.off('message', onMessage);
          w.off('error', onEnd);
          w.off('exit', onEnd);
        };
        w.on('message', onMessage);
        w.on('error', onEnd);
        w.on('exit', onEnd);
        w.postMessage({ id, doc, apart } satisfies WorkerTask);
      });
      if (reply.failed) {
        this.broken = true;
        return renderPosterBody(doc, fonts, { apart });
      }
      if (reply.error !== undefined) throw new Error(reply.error);
      this.used.add(w);
      return { ...reply.body!, pdf: new Uint8Array(reply.body!.pdf) };
    } finally {
      this.idle.push(w);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}

function cacheWrite(cacheDir: string, key: string, pdf: Uint8Array, meta: CacheMeta): void {
  writeAtomically(join(cacheDir, `${key}.pdf`), pdf);
  writeAtomically(join(cacheDir, `${key}.json`), JSON.stringify(meta));
}

/** Write to a temporary name, then rename: a build stopped half way never leaves half a PDF in the cache. */
function writeAtomically(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

const INDEX_CSS = `
    body { font-family: system-ui, "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.6; }
    h1 { color: #9e0b23; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border-bottom: 1px solid #ccc; padding: 0.5rem; text-align: left; vertical-align: top; }
    th { background: #f5f0ec; }
    .num { text-align: right; }
    .file { color: #4d4d4d; font-size: 0.9em; }
    a { color: #9e0b23; }
    h2 { margin-top: 2rem; font-size: 1.25rem; }
    ul.files { columns: 15rem; column-gap: 2rem; padding-left: 1.25rem; }
    ul.files li { break-inside: avoid; }
`;
/** Like every page of the site: no inline script, and the one style block allowed by its hash. */
const INDEX_CSP = `default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; style-src 'sha256-${createHash('sha256').update(INDEX_CSS).digest('base64')}'`;

/**
 * Writes the sheets of cards (shelf labels, points cards) under `outDir` and adds them to the
 * `manifest.json` and `index.html` the posters wrote there.
 */
export async function writeSheetFiles(sheets: SheetFile[], outDir: string, fonts: PosterFonts, cacheDir?: string): Promise<{ files: number; pages: number; drawn: number }> {
  const manifestPath = join(outDir, 'manifest.json');
  const manifest: PosterManifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as PosterManifest) : { files: [] };
  let pages = 0;
  let drawn = 0;
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  for (const sheet of sheets) {
    // A sheet whose cards did not change is copied from the cache: a street has 1,600 pages of cards.
    const kept = cacheDir ? join(cacheDir, `sheet-${sheetKey(sheet, fonts)}.pdf`) : undefined;
    let bytes: Uint8Array;
    if (kept && existsSync(kept)) {
      bytes = readFileSync(kept);
      markUsed(kept);
    } else {
      bytes = await writeSheets(sheet.spec, fonts);
      drawn++;
      if (kept) writeFileSync(kept, bytes);
    }
    const file = join(outDir, sheet.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    const perPage = sheet.spec.columns * sheet.spec.rows;
    const n = Math.max(1, Math.ceil(sheet.spec.cards.length / perPage));
    pages += n;
    manifest.files.push({
      file: sheet.file,
      title: sheet.title,
      size: 'A4',
      widthMm: 210,
      heightMm: 297,
      pages: n,
      bleed: 0,
      slugMm: 0,
      paperWidthMm: 210,
      paperHeightMm: 297,
      marginMm: 0,
      ...(sheet.group ? { group: sheet.group.title, item: sheet.group.item } : {}),
    });
  }
  manifest.files.sort((a, b) => (a.file < b.file ? -1 : 1));
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(outDir, 'index.html'), posterIndexHtml(manifest));
  return { files: sheets.length, pages, drawn };
}

/** Everything a sheet is drawn from: its cards and grid, the fonts, and the code that draws it. */
function sheetKey(sheet: SheetFile, fonts: PosterFonts): string {
  return createHash('sha256').update(rendererFingerprint()).update('\0').update(fonts.hash).update('\0').update(JSON.stringify(sheet.spec)).digest('hex').slice(0, 32);
}

/**
 * The print shop's page: each file with its trimmed size, page count and bleed. Files of one
 * group (each scheme's points cards, one file per unit) follow under their own heading, the size
 * and bleed they share said once and each file one link: a district's 2,100 cards' files in
 * rows of their own made a page of 616 KB.
 */
export function posterIndexHtml(manifest: PosterManifest): string {
  const t = (key: Parameters<typeof label>[1], args?: Record<string, string | number>): string => esc(label('zh-CN', key, args));
  const href = (f: PosterManifestEntry) => esc(f.file.split('/').map(encodeURIComponent).join('/'));
  // A file's size and bleed as words (not yet escaped): said in its row, or once for its group.
  const mmText = (f: PosterManifestEntry) => label('zh-CN', 'index.mm', { width: f.widthMm, height: f.heightMm });
  const bleedText = (f: PosterManifestEntry) =>
    f.bleed > 0 ? label('zh-CN', 'index.bleedMm', { bleed: f.bleed, slug: f.slugMm, width: f.paperWidthMm, height: f.paperHeightMm }) : label('zh-CN', 'index.noBleed', { margin: f.marginMm });
  const sizeOf = (f: PosterManifestEntry) => `${esc(f.size)}，${esc(mmText(f))}`;
  const groups = new Map<string, PosterManifestEntry[]>();
  const single: PosterManifestEntry[] = [];
  for (const f of manifest.files) {
    if (f.group === undefined) single.push(f);
    else {
      const list = groups.get(f.group);
      if (list) list.push(f);
      else groups.set(f.group, [f]);
    }
  }
  const rows = single
    .map(
      (f) => `      <tr>
        <td><a href="${href(f)}">${esc(f.title)}</a><br><span class="file">${esc(f.file)}</span></td>
        <td>${sizeOf(f)}</td>
        <td class="num">${f.pages}</td>
        <td>${esc(bleedText(f))}</td>
      </tr>`,
    )
    .join('\n');
  const lists = [...groups]
    .map(([title, files]) => {
      const first = files[0]!;
      // What the group's files share is said once; a file that differs says its own.
      const shared = (f: PosterManifestEntry) => sizeOf(f) === sizeOf(first) && bleedText(f) === bleedText(first);
      const items = files
        .map((f) => `<li><a href="${href(f)}">${esc(f.item ?? f.title)}</a> ${t('index.groupPages', { pages: f.pages })}${shared(f) ? '' : `，${sizeOf(f)}；${esc(bleedText(f))}`}</li>`)
        .join('\n');
      return `    <h2>${esc(title)}</h2>
    <p>${t('index.group', { count: files.length, size: first.size, mm: mmText(first), bleed: bleedText(first) })}</p>
    <ul class="files">
${items}
    </ul>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${t('index.title')}</title>
  <meta http-equiv="content-security-policy" content="${INDEX_CSP}">
  <style>${INDEX_CSS}</style>
</head>
<body>
  <main>
    <h1>${t('index.title')}</h1>
    <p>${t('index.intro')}</p>
    <table>
      <thead>
        <tr><th scope="col">${t('index.file')}</th><th scope="col">${t('index.size')}</th><th scope="col" class="num">${t('index.pages')}</th><th scope="col">${t('index.bleed')}</th></tr>
      </thead>
      <tbody>
${rows}
      </tbody>
    </table>
${lists}
  </main>
</body>
</html>
`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Posters whose text has characters no font can draw, for a build-time warning. */
export function postersMissingGlyphs(docs: PosterDoc[], fonts: PosterFonts = defaultPosterFonts()): { id: string; chars: string[] }[] {
  return docs.map((d) => ({ id: d.id, chars: posterMissingGlyphs(d, fonts) })).filter((x) => x.chars.length > 0);
}
