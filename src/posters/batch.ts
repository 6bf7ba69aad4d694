/**
 * All posters of a build: render what changed, take the rest from the cache, and write the
 * print shop's folder (the PDFs, manifest.json and index.html).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pageSizesMm, type PosterDoc, type PosterSize } from './doc.ts';
import { defaultPosterFonts, type PosterFonts } from './fonts.ts';
import { label } from './labels.ts';
import { checkPosterDoc, posterDigest, posterMissingGlyphs, renderPosterBody } from './render.ts';
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
}

export interface RenderPostersOptions {
  /** Where rendered PDFs are kept by content hash; `node_modules/.cache/posters` by default. */
  cacheDir?: string;
  /** Fonts to use; `loadPosterFonts()` by default. */
  fonts?: PosterFonts;
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
  const cacheDir = options.cacheDir ?? join(process.cwd(), 'node_modules', '.cache', 'posters');
  const checked = docs.map(checkPosterDoc);
  const seen = new Set<string>();
  for (const d of checked) {
    if (seen.has(d.id)) throw new Error(`two posters have the id "${d.id}"`);
    seen.add(d.id);
  }
  mkdirSync(outDir, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });

  const files: PosterManifestEntry[] = [];
  const missing: RenderPostersResult['missingGlyphs'] = [];
  let rendered = 0;
  let cached = 0;
  for (const doc of checked) {
    const { pdf, meta, fresh } = await posterPdf(doc, fonts, cacheDir);
    if (fresh) rendered++;
    else cached++;
    const file = `${doc.id}.pdf`;
    writeFileSync(join(outDir, file), pdf);
    const mm = pageSizesMm[doc.size];
    files.push({ file, title: doc.title, size: doc.size, widthMm: mm.width, heightMm: mm.height, pages: meta.pages, bleed: doc.bleed });
    if (meta.missingGlyphs.length) missing.push({ file, chars: meta.missingGlyphs });
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const manifest: PosterManifest = { files };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(outDir, 'index.html'), posterIndexHtml(manifest));
  return { files, rendered, cached, missingGlyphs: missing };
}

/**
 * One poster's PDF, from the cache when its body is there. The cache holds PDFs with the
 * stamp (data version and date) left blank, keyed by the document without it, so a new data
 * version re-renders only the posters whose content changed; the others are stamped anew.
 * A poster whose stamp cannot be set apart is cached whole, keyed by its whole document.
 */
async function posterPdf(doc: PosterDoc, fonts: PosterFonts, cacheDir: string): Promise<{ pdf: Uint8Array; meta: CacheMeta; fresh: boolean }> {
  const full = posterDigest(doc, fonts);
  const keys = stampable(doc, fonts) ? [posterDigest(withoutStamp(doc), fonts), full] : [full];
  for (const key of keys) {
    const pdfPath = join(cacheDir, `${key}.pdf`);
    const metaPath = join(cacheDir, `${key}.json`);
    if (!existsSync(pdfPath) || !existsSync(metaPath)) continue;
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CacheMeta;
    const pdf = meta.stamp ? applyStamp(readFileSync(pdfPath), meta.stamp, doc, full) : readFileSync(pdfPath);
    if (pdf) return { pdf, meta, fresh: false };
  }
  let body = await renderPosterBody(doc, fonts, { apart: keys.length > 1 });
  if (body.stamp) {
    const pdf = applyStamp(body.pdf, body.stamp, doc, full);
    const meta: CacheMeta = { pages: body.pages, missingGlyphs: body.missingGlyphs, stamp: body.stamp };
    if (pdf) {
      cacheWrite(cacheDir, keys[0]!, body.pdf, meta);
      return { pdf, meta, fresh: true };
    }
    // The stamp does not fit its line as the XObject draws it: lay it out with the rest.
    body = await renderPosterBody(doc, fonts, { apart: false });
  }
  const meta: CacheMeta = { pages: body.pages, missingGlyphs: body.missingGlyphs };
  cacheWrite(cacheDir, full, body.pdf, meta);
  return { pdf: body.pdf, meta, fresh: true };
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
`;
/** Like every page of the site: no inline script, and the one style block allowed by its hash. */
const INDEX_CSP = `default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; style-src 'sha256-${createHash('sha256').update(INDEX_CSS).digest('base64')}'`;

/** The print shop's page: each file with its trimmed size, page count and bleed. */
export function posterIndexHtml(manifest: PosterManifest): string {
  const t = (key: Parameters<typeof label>[1], args?: Record<string, string | number>): string => esc(label('zh-CN', key, args));
  const rows = manifest.files
    .map((f) => {
      const bleed = f.bleed > 0 ? t('index.bleedMm', { bleed: f.bleed }) : t('index.noBleed');
      return `      <tr>
        <td><a href="${esc(encodeURIComponent(f.file))}">${esc(f.title)}</a><br><span class="file">${esc(f.file)}</span></td>
        <td>${esc(f.size)}，${t('index.mm', { width: f.widthMm, height: f.heightMm })}</td>
        <td class="num">${f.pages}</td>
        <td>${bleed}</td>
      </tr>`;
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
