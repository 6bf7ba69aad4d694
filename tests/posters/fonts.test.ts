import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { SYSTEM_FALLBACK_FONTS } from '../../src/render/fonts.ts';
import { loadPosterFonts, missingGlyphs, renderPoster, type PosterDoc, type PosterFonts } from '../../src/posters/index.ts';
import { woffToSfnt } from '../../src/render/woff.ts';
import { onePage } from './docs.ts';
import { pdffonts, pdfFile, pdftotext } from './tools.ts';

let fonts: PosterFonts;
beforeAll(() => {
  fonts = loadPosterFonts();
});

describe('loadPosterFonts', () => {
  test('loads Noto Sans SC regular and bold from node_modules, simplified-Chinese slice first', () => {
    expect(fonts.faces[0]).toMatchObject({ family: 'sc-chinese-simplified', weight: 400, source: '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff' });
    expect(new Set(fonts.faces.map((f) => f.weight))).toEqual(new Set([400, 700]));
    expect(fonts.faces.every((f) => f.source.startsWith('@fontsource/noto-sans-sc/'))).toBe(true);
  });

  test('covers the common Chinese characters, Latin and full-width punctuation', () => {
    expect(missingGlyphs('党员积分公示监督电话 ABC xyz 0-9 ，。：；“”（）《》、·—…①★〓', fonts)).toEqual([]);
  });

  test('gives every face as unpacked sfnt bytes satori and pdfkit both read', () => {
    for (const f of fonts.faces) expect(f.data.readUInt32BE(0)).toBe(0x00010000);
  });

  test('the hash depends on the bytes only: two loads agree', () => {
    expect(loadPosterFonts().hash).toBe(fonts.hash);
  });
});

describe('missingGlyphs', () => {
  test('names a CJK Extension B character once', () => {
    expect(missingGlyphs('张𠀾华，李𠀾明', fonts)).toEqual(['𠀾']);
  });

  test('names an emoji and a rare Extension A character', () => {
    expect(missingGlyphs('刘䶮 😀', fonts)).toEqual(['䶮', '😀']);
  });

  test('needs no glyph for spaces, line breaks and variation selectors', () => {
    expect(missingGlyphs('a b\u3000c\n\t葛\uFE0F', fonts)).toEqual([]);
  });

  test('loads the default fonts itself when none are given: Hanazono draws Extension B where installed', () => {
    const hanazono = existsSync(SYSTEM_FALLBACK_FONTS[1]!);
    expect(missingGlyphs('𠀾')).toEqual(hanazono ? [] : ['𠀾']);
    // Extension G (2020) is newer than every font here.
    expect(missingGlyphs('\u{3134A}')).toEqual(['\u{3134A}']);
  });
});

describe('a character no font has', () => {
  test('is printed as 〓, never as an empty box', async () => {
    const doc: PosterDoc = { ...onePage, table: undefined, title: '张𠀾华同志先进事迹公示' };
    const text = pdftotext(pdfFile(await renderPoster(doc, fonts)), 1);
    expect(text).toContain('张〓华同志先进事迹公示');
  });
});

// Debian's fonts-hanazono has Extension B; the project does not need it, so the test only
// runs where it is installed (apt-get install -y fonts-hanazono).
const hanaMinB = '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf';
describe.skipIf(!existsSync(hanaMinB))('a fallback font file', () => {
  test('draws what Noto Sans SC lacks, as embedded text', async () => {
    const withFallback = loadPosterFonts({ fallbackFiles: [hanaMinB] });
    expect(missingGlyphs('张𠀾华', withFallback)).toEqual([]);
    const doc: PosterDoc = { ...onePage, table: undefined, title: '张𠀾华同志先进事迹公示' };
    const pdf = pdfFile(await renderPoster(doc, withFallback));
    expect(pdftotext(pdf, 1)).toContain('张𠀾华同志先进事迹公示');
    expect(pdffonts(pdf).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toContain('HanaMinB');
  });
});

describe('woffToSfnt', () => {
  test('leaves an sfnt as it is', () => {
    const ttf = fonts.faces[0]!.data;
    expect(woffToSfnt(ttf).equals(ttf)).toBe(true);
  });
});
