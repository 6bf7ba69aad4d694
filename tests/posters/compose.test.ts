/**
 * Pages put together from blocks laid out once (compose.ts) must be the picture satori gives
 * when it lays out each page whole; and a cached poster stamped with a new data version must
 * be the poster rendered afresh with it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadPosterFonts, renderPoster, renderPosters, type PosterDoc, type PosterFonts } from '../../src/posters/index.ts';
import { renderPosterBody } from '../../src/posters/render.ts';
import { longRanking, onePage, rankingRows } from './docs.ts';
import { pdfFile, pdftotext, renderGray, tempDir } from './tools.ts';

let fonts: PosterFonts;
beforeAll(() => {
  fonts = loadPosterFonts();
});

/** A ranking with eleven narrow columns: long names wrap onto two lines, some rows are bold. */
const narrow: PosterDoc = {
  ...longRanking,
  id: 'ranking-narrow',
  table: {
    columns: [
      { label: '名次', align: 'right', width: 0.7 },
      { label: '姓名 / 名称', width: 1.8 },
      { label: '所属组织', width: 1.6 },
      ...['孝老爱亲', '邻里互助', '环境卫生', '志愿公益', '遵规守约', '失信扣分'].map((label) => ({ label, align: 'right' as const, width: 0.9 })),
      { label: '总分', align: 'right', width: 0.9 },
      { label: '等次', width: 1.1 },
    ],
    rows: rankingRows(80).map((r, i) => [r[0]!, i % 3 === 0 ? `小口村${i % 9}组${i}号院东侧` : r[1]!, r[2]!, '3', '0', '9', '20', '9', '0', r[3]!, i % 4 === 0 ? '信义示范户' : '合格']),
    highlight: rankingRows(80).map((_, i) => (i === 0 ? 'gold' : i === 7 ? 'black' : i === 12 ? 'red' : null)),
  },
};
const english: PosterDoc = { ...longRanking, id: 'ranking-en', locale: 'en', title: '2022 Party member points ranking', table: { ...longRanking.table!, rows: longRanking.table!.rows.slice(0, 50) } };

function pagesGray(pdf: Uint8Array, pages: number): Buffer[] {
  const path = pdfFile(pdf);
  return Array.from({ length: pages }, (_, i) => Buffer.from(renderGray(path, i + 1, 40).data));
}

describe('pages put together from blocks', () => {
  test.each([
    ['the one-page notice', onePage],
    ['a ranking over several pages', longRanking],
    ['narrow columns whose names wrap', narrow],
    ['English', english],
  ])('draw what satori lays out page by page: %s', async (_, doc) => {
    const composed = await renderPosterBody(doc, fonts, { apart: false });
    const whole = await renderPosterBody(doc, fonts, { apart: false, pageByPage: true });
    expect(composed.layout).toBe('blocks');
    expect(whole.layout).toBe('pages');
    expect(composed.pages).toBe(whole.pages);
    const a = pagesGray(composed.pdf, composed.pages);
    const b = pagesGray(whole.pdf, whole.pages);
    a.forEach((page, i) => expect(page.equals(b[i]!), `page ${i + 1}`).toBe(true));
  });
});

describe('the stamp', () => {
  const newer: PosterDoc = { ...onePage, footer: { ...onePage.footer, dataVersion: 'sha256-0123456789ab', date: '2023-02-01' } };

  test('a poster stamped apart looks as one with the stamp laid out in its footer', async () => {
    const stamped = await renderPoster(onePage, fonts);
    const whole = await renderPosterBody(onePage, fonts, { apart: false });
    expect(pagesGray(stamped, 1)[0]!.equals(pagesGray(whole.pdf, 1)[0]!)).toBe(true);
    expect(pdftotext(pdfFile(stamped))).toContain('数据版本：v2023.01-a1b2c3d');
  });

  test('a new data version renders no poster again, and each file is the poster rendered afresh', async () => {
    const cacheDir = tempDir();
    await renderPosters([onePage, longRanking], tempDir(), { cacheDir, fonts });
    const out = tempDir();
    const again = await renderPosters([newer, { ...longRanking, footer: newer.footer }], out, { cacheDir, fonts });
    expect({ rendered: again.rendered, cached: again.cached }).toEqual({ rendered: 0, cached: 2 });
    expect(readFileSync(join(out, `${onePage.id}.pdf`)).equals(Buffer.from(await renderPoster(newer, fonts)))).toBe(true);
    const text = pdftotext(join(out, `${onePage.id}.pdf`));
    expect(text).toContain('数据版本：sha256-0123456789ab');
    expect(text).toContain('发布日期：2023-02-01');
    expect(text).not.toContain('v2023.01-a1b2c3d');
    expect(readdirSync(out).sort()).toEqual(['index.html', 'manifest.json', `${onePage.id}.pdf`, `${longRanking.id}.pdf`].sort());
  });

  test('a data version the stamp cannot draw is laid out in the footer, and still printed', async () => {
    const odd: PosterDoc = { ...onePage, footer: { ...onePage.footer, dataVersion: '第三版（修订）' } };
    const body = await renderPosterBody(odd, fonts);
    expect(body.stamp).toBeUndefined();
    expect(pdftotext(pdfFile(await renderPoster(odd, fonts)))).toContain('数据版本：第三版（修订）');
  });
});

describe('worker threads', () => {
  test('render the same bytes as this thread', async () => {
    const big: PosterDoc = { ...longRanking, id: 'ranking-big', table: { ...longRanking.table!, rows: rankingRows(3000) } };
    const docs = [big, { ...onePage, id: 'notice-small' }];
    const here = tempDir();
    const there = tempDir();
    await renderPosters(docs, here, { cacheDir: tempDir(), workers: 0 });
    const result = await renderPosters(docs, there, { cacheDir: tempDir(), workers: 2 });
    expect({ rendered: result.rendered, workers: result.workers }).toEqual({ rendered: 2, workers: 2 });
    for (const f of readdirSync(here)) expect(readFileSync(join(there, f)).equals(readFileSync(join(here, f))), f).toBe(true);
  });
});
