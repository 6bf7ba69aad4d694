/**
 * The real poppler tools the poster tests check PDFs with. They are Debian's poppler-utils
 * (`apt-get install -y poppler-utils`); a missing tool fails the test with that hint rather
 * than skipping it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDir as runTempDir } from '../helpers/temp.ts';

function run(tool: string, args: string[]): Buffer {
  try {
    return execFileSync(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} not found: install poppler-utils (apt-get install -y poppler-utils)`);
    throw e;
  }
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'posters-'): string {
  return runTempDir(prefix);
}

/** Writes PDF bytes to a temporary file and returns its path. */
export function pdfFile(bytes: Uint8Array, name = 'poster.pdf'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

/** `pdfinfo -box`, as key → value (for page `page`, boxes as four numbers). */
export function pdfinfo(path: string, page = 1): Record<string, string> {
  const out = run('pdfinfo', ['-box', '-f', String(page), '-l', String(page), path]).toString('utf8');
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    // With -f/-l pdfinfo prints "Page    1 size:" and "Page    1 MediaBox:"; key them as without.
    const m = /^(Page\s+\d+\s+)?([A-Za-z ]+?):\s+(.*)$/.exec(line);
    if (m) info[m[1] && /^(size|rot)$/.test(m[2]!) ? `Page ${m[2]}` : m[2]!.trim()] = m[3]!.trim();
  }
  return info;
}

/** A box from pdfinfo as [x1, y1, x2, y2]. */
export function box(info: Record<string, string>, name: string): number[] {
  const v = info[name];
  if (!v) throw new Error(`pdfinfo printed no ${name}`);
  return v.split(/\s+/).map(Number);
}

export interface FontRow {
  name: string;
  type: string;
  emb: string;
  sub: string;
  uni: string;
}

/** `pdffonts`, one row per font. */
export function pdffonts(path: string): FontRow[] {
  const lines = run('pdffonts', [path]).toString('utf8').split('\n').slice(2).filter((l) => l.trim());
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type... encoding emb sub uni objnum gen: read from the right, the type has spaces.
    const [emb, sub, uni] = cols.slice(-5, -2) as [string, string, string];
    return { name: cols[0]!, type: cols.slice(1, -6).join(' '), emb, sub, uni };
  });
}

/** `pdftotext` of one page (or all), as UTF-8. */
export function pdftotext(path: string, page?: number, layout = false): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return run('pdftotext', [...range, ...(layout ? ['-layout'] : []), path, '-']).toString('utf8');
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word on a page with its box, from `pdftotext -bbox`. */
export function words(path: string, page: number): { width: number; height: number; words: Word[] } {
  const html = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-']).toString('utf8');
  const size = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html);
  const list: Word[] = [];
  for (const m of html.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
    list.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"') });
  }
  return { width: Number(size?.[1]), height: Number(size?.[2]), words: list };
}

/** Page `page` rendered in grey at `dpi`, as width, height and one byte per pixel. */
export function renderGray(path: string, page: number, dpi: number): { width: number; height: number; data: Uint8Array } {
  const pgm = run('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), path]);
  // Binary PGM: "P5", width, height, maxval, then the pixels.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm -gray did not print a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, data: new Uint8Array(pgm.subarray(header[0].length, header[0].length + width * height)) };
}

/** Page `page` as a colour PNG file, to look at. */
export function renderPng(path: string, page: number, dpi: number, outPrefix: string): string {
  run('pdftoppm', ['-png', '-singlefile', '-r', String(dpi), '-f', String(page), '-l', String(page), path, outPrefix]);
  return `${outPrefix}.png`;
}

export function readBytes(path: string): Buffer {
  return readFileSync(path);
}

/** How many raster images the PDF holds (`pdfimages -list`): posters have none. */
export function imageCount(path: string): number {
  return run('pdfimages', ['-list', path]).toString('utf8').split('\n').slice(2).filter((l) => l.trim()).length;
}

/** Whether zbarimg (Debian's zbar-tools) is installed, to read QR codes back. */
export function hasZbar(): boolean {
  try {
    execFileSync('zbarimg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The QR codes zbarimg reads in a PNG, one text each. */
export function readQrCodes(png: string): string[] {
  const out = execFileSync('zbarimg', ['-q', '--raw', png], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
  return out.split('\n').filter(Boolean);
}

/** A region of a page in colour at `dpi` (pixels from the media box's top left), as RGB per pixel. */
export function renderRegionRgb(path: string, page: number, dpi: number, region: { x: number; y: number; width: number; height: number }): { width: number; height: number; rgb: (x: number, y: number) => [number, number, number] } {
  const ppm = run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-x', String(region.x), '-y', String(region.y), '-W', String(region.width), '-H', String(region.height), path]);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not print a binary PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = ppm.subarray(header[0].length);
  return { width, height, rgb: (x, y) => [data[(y * width + x) * 3]!, data[(y * width + x) * 3 + 1]!, data[(y * width + x) * 3 + 2]!] };
}
