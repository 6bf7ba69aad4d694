import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff.ts';

/** The weights the posters use: body text and headings. */
export type PosterWeight = 400 | 700;
export const posterWeights: readonly PosterWeight[] = [400, 700];

/** One font file, in the sfnt bytes satori and pdfkit both read. */
export interface PosterFace {
  /** The family name satori and the PDF know this file by: one per file set, e.g. `sc-chinese-simplified`. */
  family: string;
  weight: PosterWeight;
  /** TrueType/OpenType bytes (WOFF files are unpacked when first drawn with). */
  data: Buffer;
  /** Where the bytes came from, relative to node_modules or absolute, for messages. */
  source: string;
  font: fontkit.Font;
}

/** The poster fonts: faces in the order they are tried for a character, and what each covers. */
export interface PosterFonts {
  faces: PosterFace[];
  /** For each weight, the first face (in order) that has a glyph for a code point. */
  coverage: Map<PosterWeight, Map<number, PosterFace>>;
  /** sha256 of every face's bytes and name: part of the poster cache key. */
  hash: string;
}

export interface LoadPosterFontsOptions {
  /**
   * Extra TTF/OTF/WOFF files tried after Noto Sans SC, for characters it lacks (CJK
   * Extension B and beyond, e.g. Debian's fonts-hanazono `HanaMinB.ttf`). Used for both weights.
   */
  fallbackFiles?: string[];
}

/**
 * Slices of Noto Sans SC in the order they are tried: the simplified-Chinese set first
 * (about 7,900 characters, nearly every text needs only it), Latin next, then Google's
 * numbered slices for the rarer characters. Fewer files tried first means fewer fonts
 * embedded in each PDF.
 */
function sliceRank(slice: string): number {
  if (slice === 'chinese-simplified') return 0;
  if (slice === 'latin') return 1;
  if (slice === 'latin-ext') return 2;
  if (/^\d+$/.test(slice)) return 100 + Number(slice);
  return 1000;
}

/**
 * Loads Noto Sans SC (regular and bold) from `@fontsource/noto-sans-sc` in node_modules,
 * never from the network or the system. Takes about half a second; call it once per build.
 *
 * @example const fonts = loadPosterFonts(); await renderPoster(doc, fonts);
 */
export function loadPosterFonts(options: LoadPosterFontsOptions = {}): PosterFonts {
  return fontsFrom(faceFiles(options).map((f) => new FileFace(f.family, f.weight, f.read, f.source)));
}

/** A face's file: where it is, and how its bytes are read. */
interface FaceFile {
  family: string;
  weight: PosterWeight;
  source: string;
  path: string;
  read: () => Buffer;
}

/** The font files of `loadPosterFonts`, in their order: a face per file and weight, read when asked (a fallback file read once for both weights while either holds it). */
function faceFiles(options: LoadPosterFontsOptions): FaceFile[] {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
  const pattern = /^noto-sans-sc-(.+)-(400|700)-normal\.woff$/;
  const files = readdirSync(dir)
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .map(({ name, match }) => ({ name, slice: match[1]!, weight: Number(match[2]) as PosterWeight }))
    .sort((a, b) => sliceRank(a.slice) - sliceRank(b.slice) || a.slice.localeCompare(b.slice) || a.weight - b.weight);
  if (!files.some((f) => f.slice === 'chinese-simplified')) {
    throw new Error(`Noto Sans SC not found in ${dir}: run npm install`);
  }
  const list: FaceFile[] = files.map((f) => ({ family: `sc-${f.slice}`, weight: f.weight, source: `@fontsource/noto-sans-sc/files/${f.name}`, path: join(dir, f.name), read: () => readFileSync(join(dir, f.name)) }));
  (options.fallbackFiles ?? []).forEach((file, i) => {
    // Both weights' faces share the file's bytes while either holds them.
    let held: WeakRef<Buffer> | undefined;
    const read = () => {
      let bytes = held?.deref();
      if (!bytes) held = new WeakRef((bytes = readFileSync(file)));
      return bytes;
    };
    for (const weight of posterWeights) list.push({ family: `fallback-${i}`, weight, source: file, path: file, read });
  });
  return list;
}

const defaultOptions = (): LoadPosterFontsOptions => ({ fallbackFiles: SYSTEM_FALLBACK_FONTS.filter((f) => existsSync(f)) });

/**
 * A face whose bytes are read from its file when something draws with it, and kept from then
 * on. The fonts are 208 faces and 116 MB unpacked; a TV picture or a poster draws with the
 * few slices its text needs, and a rare-character fallback (Hanazono, 53 MB) is read only for
 * a name that needs it. Each worker that draws used to hold all of them.
 */
class FileFace implements PosterFace {
  readonly family: string;
  readonly weight: PosterWeight;
  readonly source: string;
  readonly #read: () => Buffer;
  #data: Buffer | undefined;
  #font: fontkit.Font | undefined;

  constructor(family: string, weight: PosterWeight, read: () => Buffer, source: string) {
    this.family = family;
    this.weight = weight;
    this.source = source;
    this.#read = read;
  }

  get data(): Buffer {
    return (this.#data ??= woffToSfnt(this.#read()));
  }

  get font(): fontkit.Font {
    if (!this.#font) {
      const font = fontkit.create(this.data);
      if (!('characterSet' in font)) throw new Error(`${this.source} is a font collection; satori needs a single TTF, OTF or WOFF`);
      this.#font = font;
    }
    return this.#font;
  }

  /** Lets go of the bytes and the parsed font; they are read again if the face is drawn with. */
  release(): void {
    this.#data = undefined;
    this.#font = undefined;
  }
}

/** The coverage and hash of `faces`, read one at a time: each face lets go of its bytes after. */
function fontsFrom(faces: FileFace[]): PosterFonts {
  const coverage = new Map<PosterWeight, Map<number, PosterFace>>(posterWeights.map((w) => [w, new Map()]));
  const hash = createHash('sha256');
  for (const f of faces) {
    hash.update(`${f.family}/${f.weight}/${basename(f.source)}\0`).update(f.data);
    const map = coverage.get(f.weight)!;
    for (const cp of f.font.characterSet) if (!map.has(cp)) map.set(cp, f);
    f.release();
  }
  return { faces, coverage, hash: hash.digest('hex') };
}

/**
 * Debian's fonts-hanazono (HanaMinA: Extension A, HanaMinB: Extension B and beyond), used as
 * the fallback for rare name characters when installed (`.ci/run` installs it).
 */
export const SYSTEM_FALLBACK_FONTS = ['/usr/share/fonts/truetype/hanazono/HanaMinA.ttf', '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf'];

let shared: PosterFonts | undefined;
/** The default fonts, loaded once per process: Noto Sans SC, then Hanazono where installed. */
export function defaultPosterFonts(): PosterFonts {
  shared ??= loadPosterFonts(defaultOptions());
  return shared;
}

/** What the fonts can draw, without the fonts: the regular weight's code points and the fonts' hash. */
export interface FontCoverage {
  regular: { has(cp: number): boolean };
  hash: string;
}

let coverageOnly: FontCoverage | undefined;
const COVERAGE_FORMAT = 1;

/**
 * The default fonts' coverage and hash, for the build's own thread, which asks only which
 * characters the fonts lack (the check) and what they hash to (the TV pictures' keys). The
 * fonts themselves are 116 MB of unpacked bytes, drawn with on worker threads that load their
 * own: here each face is read, its characters noted and its bytes let go. The same answers as
 * `defaultPosterFonts()`, which it uses when this thread has loaded them anyway.
 */
export function defaultFontCoverage(): FontCoverage {
  if (shared) return { regular: shared.coverage.get(400)!, hash: shared.hash };
  coverageOnly ??= fontCoverage(defaultOptions(), join(process.cwd(), 'node_modules', '.cache', 'points-board', 'font-coverage.json'));
  return coverageOnly;
}

/**
 * The coverage and hash of the fonts `options` load, kept in `cacheFile` for as long as every
 * font file has the size and modification time it had (reading them takes a street's build a
 * second). A cache that cannot be read or written is passed over.
 */
export function fontCoverage(options: LoadPosterFontsOptions, cacheFile: string): FontCoverage {
  const files = faceFiles(options);
  // The files as they are, and what reads them: fontkit's file, and the WOFF unpacking, which
  // COVERAGE_FORMAT stands for (raise it when src/render/woff.ts changes what it returns).
  const statOf = (path: string) => {
    const st = statSync(path);
    return [path, st.size, st.mtimeMs];
  };
  const reader = [COVERAGE_FORMAT, statOf(createRequire(import.meta.url).resolve('fontkit'))];
  const stamp = JSON.stringify([reader, files.map((f) => [f.family, f.weight, ...statOf(f.path)])]);
  try {
    const kept = JSON.parse(readFileSync(cacheFile, 'utf8')) as { stamp: string; hash: string; regular: number[] };
    if (kept.stamp === stamp) return { regular: new Set(kept.regular), hash: kept.hash };
  } catch {
    // none yet, or unreadable: worked out below
  }
  const fonts = fontsFrom(files.map((f) => new FileFace(f.family, f.weight, f.read, f.source)));
  const regular = new Set(fonts.coverage.get(400)!.keys());
  const coverage = { regular, hash: fonts.hash };
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ stamp, hash: coverage.hash, regular: [...regular].sort((a, b) => a - b) }));
    renameSync(temp, cacheFile);
  } catch {
    // a read-only node_modules: worked out again next time
  }
  return coverage;
}

/** Characters that need no glyph: spaces, line breaks and other controls, variation selectors. */
function needsNoGlyph(cp: number): boolean {
  return cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0x3000 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

/**
 * The characters of `text` that no poster font can draw, each once, in order of appearance.
 * The data check calls this to warn about a cell before a poster prints 〓 in its place.
 *
 * @example missingGlyphs('张𠀾华') // ['𠀾'] (CJK Extension B, not in Noto Sans SC)
 */
export function missingGlyphs(text: string, fonts?: PosterFonts): string[] {
  const seen = new Set<string>();
  const regular = fonts ? fonts.coverage.get(400)! : defaultFontCoverage().regular;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!needsNoGlyph(cp) && !regular.has(cp)) seen.add(ch);
  }
  return [...seen];
}

/** The face that draws a character at a weight; undefined for characters that need no glyph or have none. */
export function faceFor(fonts: PosterFonts, weight: PosterWeight, cp: number): PosterFace | undefined {
  return fonts.coverage.get(weight)!.get(cp);
}

/** The glyph-less characters a poster prints in place of a missing one: the geta mark, as typesetters do. */
export const MISSING_MARK = '〓';

/** `text` with every character no font has replaced by 〓. */
export function withMissingMarked(text: string, fonts: PosterFonts): string {
  let out = '';
  const regular = fonts.coverage.get(400)!;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += needsNoGlyph(cp) || regular.has(cp) ? ch : MISSING_MARK;
  }
  return out;
}

/**
 * The faces a set of texts needs (both weights of each family), in the order they are tried.
 * Only these are handed to satori: parsing all 200 slices would cost a second per poster.
 */
export function facesFor(fonts: PosterFonts, texts: Iterable<string>): PosterFace[] {
  const families = new Set<string>();
  for (const text of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      for (const w of posterWeights) {
        const f = fonts.coverage.get(w)!.get(cp);
        if (f) families.add(f.family);
      }
    }
  }
  families.add(fonts.faces[0]!.family);
  return fonts.faces.filter((f) => families.has(f.family));
}
