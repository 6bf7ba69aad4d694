import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadPosterFonts, renderPoster, renderPosters, type PosterDoc, type PosterFonts } from '../../src/posters/index.ts';
import { footer, onePage, rankingRows } from './docs.ts';
import { tempDir } from './tools.ts';

let fonts: PosterFonts;
beforeAll(() => {
  fonts = loadPosterFonts();
});

const small: PosterDoc = { ...onePage, id: 'small-a4', size: 'A4', table: { ...onePage.table!, rows: rankingRows(8), highlight: undefined } };
const stars: PosterDoc = {
  id: 'stars-2021',
  size: 'A2',
  bleed: 3,
  locale: 'zh-CN',
  title: '2021 年度党支部评星定级结果公示',
  summary: [
    { label: '五星', value: '2 个' },
    { label: '四星', value: '5 个' },
    { label: '三星', value: '3 个' },
  ],
  footer,
};

describe('renderPoster is deterministic', () => {
  test('two renders of the same document give the same bytes', async () => {
    const a = await renderPoster(small, fonts);
    const b = await renderPoster(small, loadPosterFonts());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  test('the PDF ID follows the content: another title, another ID', async () => {
    const id = (pdf: Uint8Array): string => /\/ID \[<([0-9a-f]+)>/.exec(Buffer.from(pdf).toString('latin1'))![1]!;
    const a = await renderPoster(small, fonts);
    const b = await renderPoster({ ...small, title: '2022 年度党员积分公示（更正）' }, fonts);
    expect(id(a)).toMatch(/^[0-9a-f]{32}$/);
    expect(id(a)).not.toBe(id(b));
  });

  test('the PDF dates are the poster date', async () => {
    const text = Buffer.from(await renderPoster(small, fonts)).toString('latin1');
    // pdfkit writes each date as its own object: both, and no other date, are the poster's.
    expect(text.match(/\(D:\d{14}Z\)/g)).toEqual(['(D:20230105000000Z)', '(D:20230105000000Z)']);
  });
});

describe('renderPosters', () => {
  test('writes each PDF, manifest.json sorted by file, and index.html', async () => {
    const out = tempDir();
    const result = await renderPosters([stars, small], out, { cacheDir: tempDir(), fonts });
    expect(readdirSync(out).sort()).toEqual(['index.html', 'manifest.json', 'small-a4.pdf', 'stars-2021.pdf']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual({
      files: [
        // Without bleed: the sheet is the trim, with 5 mm left white all round for an office printer.
        { file: 'small-a4.pdf', title: '2022 年度党员积分公示', size: 'A4', widthMm: 210, heightMm: 297, pages: 1, bleed: 0, slugMm: 0, paperWidthMm: 210, paperHeightMm: 297, marginMm: 5 },
        // With 3 mm bleed: 10 mm of slug beyond it for the crop marks, a sheet 26 mm larger each way.
        { file: 'stars-2021.pdf', title: '2021 年度党支部评星定级结果公示', size: 'A2', widthMm: 420, heightMm: 594, pages: 1, bleed: 3, slugMm: 10, paperWidthMm: 446, paperHeightMm: 620, marginMm: 0 },
      ],
    });
    expect(result.files).toEqual(manifest.files);
    expect(readFileSync(join(out, 'small-a4.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('a second run takes every poster from the cache and writes the same bytes', async () => {
    const cacheDir = tempDir();
    const first = await renderPosters([stars, small], tempDir(), { cacheDir, fonts });
    expect({ rendered: first.rendered, cached: first.cached }).toEqual({ rendered: 2, cached: 0 });
    const out = tempDir();
    const second = await renderPosters([stars, small], out, { cacheDir, fonts });
    expect({ rendered: second.rendered, cached: second.cached }).toEqual({ rendered: 0, cached: 2 });
    expect(readFileSync(join(out, 'small-a4.pdf')).equals(Buffer.from(await renderPoster(small, fonts)))).toBe(true);
  });

  test('a changed document is rendered again, the unchanged one is not', async () => {
    const cacheDir = tempDir();
    await renderPosters([stars, small], tempDir(), { cacheDir, fonts });
    const again = await renderPosters([stars, { ...small, subtitle: '公示期：2023年1月6日至1月12日' }], tempDir(), { cacheDir, fonts });
    expect({ rendered: again.rendered, cached: again.cached }).toEqual({ rendered: 1, cached: 1 });
  });

  test('index.html lists each file with its size in mm, pages and bleed, in Chinese', async () => {
    const out = tempDir();
    await renderPosters([stars, small], out, { cacheDir: tempDir(), fonts });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<a href="stars-2021.pdf">2021 年度党支部评星定级结果公示</a>');
    expect(html).toContain('A2，420 × 594 毫米');
    expect(html).toContain('每边 3 毫米；其外 10 毫米放裁切标记，纸张 446 × 620 毫米');
    expect(html).toContain('无；四边留白 5 毫米');
    expect(html).toContain('<th scope="col">');
  });

  test('reports posters that print 〓 for a character no font has', async () => {
    const rare: PosterDoc = { ...small, id: 'rare-name', table: { ...small.table!, rows: [['1', '张𠀾华', '第一党支部', '90.0', '优秀']] } };
    const result = await renderPosters([rare], tempDir(), { cacheDir: tempDir(), fonts });
    expect(result.missingGlyphs).toEqual([{ file: 'rare-name.pdf', chars: ['𠀾'] }]);
  });

  test('two posters with one id are refused', async () => {
    await expect(renderPosters([small, small], tempDir(), { cacheDir: tempDir(), fonts })).rejects.toThrow('two posters have the id "small-a4"');
  });

  test('text too long for its page is refused with the poster named, not cut off', async () => {
    const long: PosterDoc = { ...small, table: undefined, paragraphs: Array.from({ length: 40 }, () => '公示期间如有异议，请拨打监督电话反映。'.repeat(5)) };
    await expect(renderPoster(long, fonts)).rejects.toThrow(/^poster "small-a4": the notice text is \d+ units too long for one page; shorten the text or use a larger size$/);
  });

  test('a document that breaks the schema names the field', async () => {
    await expect(renderPosters([{ ...small, id: 'Bad Id' }], tempDir(), { cacheDir: tempDir(), fonts })).rejects.toThrow(/poster "Bad Id" is not valid: id:/);
  });
});
