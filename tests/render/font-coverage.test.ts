/**
 * The build's own thread asks the fonts only which characters they lack and what they hash to;
 * it reads them face by face and keeps neither bytes nor fonts. Its answers must be those of the
 * fonts themselves, or the check would miss a character a poster prints as 〓, or a TV picture
 * would keep an old key.
 */
import { expect, test } from 'vitest';
import { defaultFontCoverage, fontCoverage, loadPosterFonts, missingGlyphs, SYSTEM_FALLBACK_FONTS } from '../../src/render/fonts.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.ts';

test('coverage without the fonts: the same hash, and the same characters missing, as the loaded fonts', () => {
  const coverage = defaultFontCoverage(); // first, in a module that has not loaded the fonts
  const fonts = loadPosterFonts({ fallbackFiles: SYSTEM_FALLBACK_FONTS.filter((f) => existsSync(f)) });
  expect(coverage.hash).toBe(fonts.hash);
  const text = '张三李四 𠀋 丟 ☃ 🙂 Ω 〇 ABC 123 翊 𪚥';
  expect(missingGlyphs(text)).toEqual(missingGlyphs(text, fonts));
  for (const cp of [0x4e00, 0x9fa5, 0x20000, 0x2a6a5, 0x1f642, 0x41]) expect(coverage.regular.has(cp)).toBe(fonts.coverage.get(400)!.has(cp));
});

test('kept on disk while the font files are as they were; a kept answer for other files is not used', () => {
  const options = { fallbackFiles: SYSTEM_FALLBACK_FONTS.filter((f) => existsSync(f)) };
  const file = join(tempDir('board-fonts-'), 'font-coverage.json');
  const first = fontCoverage(options, file);
  const kept = JSON.parse(readFileSync(file, 'utf8')) as { stamp: string; hash: string; regular: number[] };
  expect(kept.hash).toBe(first.hash);
  // What is read back is what was worked out.
  const again = fontCoverage(options, file);
  expect(again.hash).toBe(first.hash);
  for (const cp of [0x4e00, 0x20000, 0x1f642]) expect(again.regular.has(cp)).toBe(first.regular.has(cp));
  // Kept for other files (a font updated): worked out again, not believed.
  writeFileSync(file, JSON.stringify({ ...kept, stamp: kept.stamp.replace(/,\d+(\.\d+)?\]/, ',1]'), hash: 'stale', regular: [] }));
  expect(fontCoverage(options, file).hash).toBe(first.hash);
  expect(fontCoverage(options, file).regular.has(0x4e00)).toBe(true);
});
