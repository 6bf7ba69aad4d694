/**
 * A one-page poster fills its sheet, read from across the room: the sample's price list, the
 * shop's month and the star result, each as the build draws it. Measured on the PDF as a
 * print shop would: the page rendered (no empty band over 15 % of its height) and the text's
 * size from `pdftotext -bbox` (body type at least 18 pt on A3). A long list keeps 12 pt.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { getBoard } from '../../src/view/board.ts';
import { posterDocs } from '../../src/posters/from-board.ts';
import { renderPoster } from '../../src/posters/render.ts';
import { loadPosterFonts, type PosterFonts } from '../../src/posters/index.ts';
import type { PosterDoc } from '../../src/posters/doc.ts';
import { PROJECT } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';
import { pdfFile, pdfinfo, renderGray, words } from './tools.ts';

/** Noto Sans SC's glyph box (ascent + descent) as pdftotext reports a word: 1.396 × the type size. */
const BOX_PER_PT = 1.396;

let docs: PosterDoc[];
let fonts: PosterFonts;
beforeAll(async () => {
  docs = posterDocs(getBoard(PROJECT));
  fonts = await loadPosterFonts();
});

/** The tallest run of blank rows on page 1, as a share of the page (rendered at 20 dpi). */
function largestEmptyBand(path: string): number {
  const { width, height, data } = renderGray(path, 1, 20);
  let best = 0;
  let run = 0;
  for (let y = 0; y < height; y++) {
    let blank = true;
    for (let x = 0; x < width && blank; x++) blank = data[y * width + x]! >= 245;
    run = blank ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best / height;
}

/** The type size most words of page 1 are set in, in points (the body's); or the size of `word`. */
function bodyPt(path: string, word?: string): number {
  const counts = new Map<number, number>();
  for (const w of words(path, 1).words) {
    if (word !== undefined && w.text !== word) continue;
    const h = Math.round((w.yMax - w.yMin) * 10) / 10;
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  const [height] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return height / BOX_PER_PT;
}

describe('a one-page poster fills the sheet', () => {
  test.each(['shop-prices', 'shop-2022-12', 'stars-stars-2022'])('%s: one A3 page, no empty band over 15 %, body type at least 18 pt', async (id) => {
    const doc = docs.find((d) => d.id === id)!;
    expect(doc.size).toBe('A3');
    const path = pdfFile(await renderPoster(doc, fonts), `${id}.pdf`);
    expect(pdfinfo(path).Pages).toBe('1');
    expect(largestEmptyBand(path)).toBeLessThan(0.15);
    expect(bodyPt(path)).toBeGreaterThanOrEqual(18);
  });

  test('a list of one or two rows (a small community’s honours, a two-member branch) still leaves no empty band over 15 %, its type at least 18 pt', async () => {
    const small = posterDocs(getBoard(fixture()));
    for (const id of ['honors', 'ranking-party-2022', 'shop-prices']) {
      const doc = small.find((d) => d.id === id)!;
      expect(doc.table!.rows.length, id).toBeLessThanOrEqual(3);
      const path = pdfFile(await renderPoster(doc, fonts), `${id}.pdf`);
      expect(pdfinfo(path).Pages, id).toBe('1');
      expect(largestEmptyBand(path), id).toBeLessThan(0.15);
      // A short table has fewer words than the footer: its second cell (a name) is measured.
      expect(bodyPt(path, doc.table!.rows[0]![1]!), id).toBeGreaterThanOrEqual(18);
    }
  });

  test('a ranking over several pages keeps its rows at 12 pt or more on A3', async () => {
    const doc = docs.find((d) => d.id === 'ranking-party-2022')!;
    const path = pdfFile(await renderPoster(doc, fonts), 'ranking.pdf');
    expect(Number(pdfinfo(path).Pages)).toBeGreaterThan(1);
    expect(bodyPt(path)).toBeGreaterThanOrEqual(12);
  });
});
