import { beforeAll, describe, expect, test } from 'vitest';
import { loadPosterFonts, renderPoster, renderPosterWithInfo, type PosterDoc, type PosterFonts } from '../../src/posters/index.ts';
import { longRanking, onePage } from './docs.ts';
import { join } from 'node:path';
import { box, hasZbar, renderRegionRgb, imageCount, pdffonts, pdfFile, pdfinfo, pdftotext, readQrCodes, renderPng, tempDir, words } from './tools.ts';

const MM = 72 / 25.4;
let fonts: PosterFonts;
let onePagePdf: string;
let rankingPdf: string;
let rankingPages: number;

beforeAll(async () => {
  fonts = loadPosterFonts();
  onePagePdf = pdfFile(await renderPoster(onePage, fonts));
  const ranking = await renderPosterWithInfo(longRanking, fonts);
  rankingPdf = pdfFile(ranking.pdf);
  rankingPages = ranking.pages;
});

describe('page size', () => {
  test('A3 without bleed is 841.89 × 1190.55 pt and TrimBox = MediaBox', () => {
    const info = pdfinfo(onePagePdf);
    expect(info['Pages']).toBe('1');
    expect(info['Page size']).toBe('841.89 x 1190.55 pts (A3)');
    expect(box(info, 'MediaBox')).toEqual([0, 0, 841.89, 1190.55]);
    expect(box(info, 'TrimBox')).toEqual([0, 0, 841.89, 1190.55]);
  });

  test('A4 is 595.28 × 841.89 pt', async () => {
    const pdf = pdfFile(await renderPoster({ ...onePage, size: 'A4', table: undefined }, fonts));
    expect(pdfinfo(pdf)['Page size']).toBe('595.276 x 841.89 pts (A4)');
  });

  test('A3 with 3 mm bleed: MediaBox = BleedBox 858.90 × 1207.56, TrimBox inset by 8.50 pt', () => {
    const info = pdfinfo(rankingPdf);
    expect(box(info, 'MediaBox')).toEqual([0, 0, 858.9, 1207.56]);
    expect(box(info, 'BleedBox')).toEqual(box(info, 'MediaBox'));
    expect(box(info, 'TrimBox')).toEqual([8.5, 8.5, 850.39, 1199.06]);
    const [x1, y1, x2, y2] = box(info, 'TrimBox') as [number, number, number, number];
    expect(x2 - x1).toBeCloseTo(297 * MM, 1);
    expect(y2 - y1).toBeCloseTo(420 * MM, 1);
  });

  test('every page of a long poster has the same boxes', () => {
    const last = pdfinfo(rankingPdf, rankingPages);
    expect(box(last, 'TrimBox')).toEqual([8.5, 8.5, 850.39, 1199.06]);
  });
});

describe('bleed and crop marks', () => {
  // 288 dpi: 4 pixels a point. The trim line is 3 mm = 8.5 pt = 34 px in from the media edge.
  const corner = (): ReturnType<typeof renderRegionRgb> => renderRegionRgb(rankingPdf, 1, 288, { x: 0, y: 0, width: 80, height: 80 });
  const isRed = ([r, g, b]: [number, number, number]): boolean => r > 170 && g < 60 && b < 80;

  test('the red band runs on into the bleed', () => {
    const img = corner();
    expect(isRed(img.rgb(12, 60))).toBe(true); // left bleed, below the marks
    expect(isRed(img.rgb(60, 12))).toBe(true); // top bleed, right of the marks
    expect(isRed(img.rgb(60, 60))).toBe(true); // inside the trim
  });

  test('crop marks lie in the bleed along the trim lines, black on white', () => {
    const img = corner();
    const column = Array.from({ length: 24 }, (_, y) => img.rgb(34, y));
    expect(column.some(([r, g, b]) => r < 80 && g < 80 && b < 80)).toBe(true);
    const across = Array.from({ length: 12 }, (_, i) => img.rgb(28 + i, 10));
    expect(across.some(([r, g, b]) => r > 200 && g > 200 && b > 200)).toBe(true);
    // They stop short of the trimmed page.
    expect(isRed(img.rgb(34, 40))).toBe(true);
  });

  test('a poster without bleed has no crop marks', () => {
    const img = renderRegionRgb(onePagePdf, 1, 288, { x: 0, y: 0, width: 40, height: 40 });
    for (let i = 0; i < 40; i++) expect(isRed(img.rgb(i, i))).toBe(true);
  });
});

describe('a 300-row table', () => {
  test('runs over several pages', () => {
    expect(rankingPages).toBeGreaterThanOrEqual(5);
    expect(pdfinfo(rankingPdf)['Pages']).toBe(String(rankingPages));
  });

  test('page 2 repeats the header row and says which page it is', () => {
    const text = pdftotext(rankingPdf, 2);
    for (const label of ['排名', '姓名', '所在支部', '总积分', '等次']) expect(text).toContain(label);
    expect(text).toMatch(new RegExp(`第\\s*2\\s*页\\s*/\\s*共\\s*${rankingPages}\\s*页`));
  });

  test('every row is printed once, in order', () => {
    const ranks = pdftotext(rankingPdf)
      .split('\n')
      .filter((l) => /^\d+$/.test(l.trim()))
      .map(Number);
    expect(ranks).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  test('the notes come after the last row, on the last page', () => {
    expect(pdftotext(rankingPdf, rankingPages)).toContain('如有异议，请在公示期内拨打监督电话反映。');
    expect(pdftotext(rankingPdf, rankingPages)).toContain('300');
  });
});

describe('text is text', () => {
  test('in embedded subset fonts with a Unicode map', () => {
    const rows = pdffonts(rankingPdf);
    expect(rows.length).toBeGreaterThan(0);
    for (const f of rows) {
      expect(f).toMatchObject({ emb: 'yes', sub: 'yes', uni: 'yes' });
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansSC/);
    }
  });

  test('pdftotext reads the Chinese title and footer back', () => {
    const text = pdftotext(onePagePdf, 1);
    expect(text).toContain('2022 年度党员积分公示');
    expect(text).toContain('公示期：2023年1月5日至1月11日');
    expect(text).toContain('监督电话：0000-1234567');
    // pdftotext may drop the narrow spaces between CJK and digits.
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*1\s*页/);
  });

  test('the document info carries the title and the poster date, not the clock', () => {
    const info = pdfinfo(onePagePdf);
    expect(info['Title']).toBe('2022 年度党员积分公示');
    expect(info['CreationDate']).toMatch(/Jan\s+5 00:00:00 2023/);
    expect(info['ModDate']).toBe(info['CreationDate']);
  });
});

describe('the QR code', () => {
  test('is vector: the PDF holds no raster image', () => {
    expect(imageCount(onePagePdf)).toBe(0);
    expect(imageCount(rankingPdf)).toBe(0);
  });

  // zbar-tools is a Debian package the project does not otherwise need.
  test.skipIf(!hasZbar())('scans to the footer URL', () => {
    const png = renderPng(onePagePdf, 1, 150, join(tempDir(), 'page'));
    expect(readQrCodes(png)).toEqual([onePage.footer.url]);
  });
});

describe('nothing overflows', () => {
  test('every word of every page lies inside the trimmed page with a margin', () => {
    for (let page = 1; page <= rankingPages; page++) {
      const { width, height, words: list } = words(rankingPdf, page);
      const bleed = 3 * MM;
      for (const w of list) {
        expect(w.xMin, `${w.text} on page ${page}`).toBeGreaterThanOrEqual(bleed + 5 * MM);
        expect(w.xMax, `${w.text} on page ${page}`).toBeLessThanOrEqual(width - bleed - 5 * MM);
        expect(w.yMax, `${w.text} on page ${page}`).toBeLessThanOrEqual(height - bleed - 5 * MM);
      }
    }
  });

  test('a long number stays on one line and inside the table', () => {
    const all = words(onePagePdf, 1).words;
    const number = all.find((w) => w.text === '12345678.25');
    expect(number).toBeDefined();
    expect(number!.xMax).toBeLessThanOrEqual(841.89 - 50 * 0.84189 + 1);
  });

  test('a long name wraps inside its cell instead of running into the next', () => {
    const all = words(onePagePdf, 1).words;
    const nameStart = all.find((w) => w.text.startsWith('欧阳'))!;
    const branch = all.find((w) => w.text.startsWith('非公企业联合党支部（'))!;
    expect(nameStart).toBeDefined();
    expect(nameStart.xMax).toBeLessThan(branch.xMin);
  });

  test('Chinese lines never start with closing punctuation', async () => {
    const long: PosterDoc = { ...onePage, table: undefined, paragraphs: [Array.from({ length: 12 }, () => '公示期间如有异议，请拨打监督电话反映。“一人一本”、“一事一记”！').join('')] };
    const text = pdftotext(pdfFile(await renderPoster(long, fonts)), 1);
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(l).not.toMatch(/^[，。、；：！？）」”』》]/);
  });
});

describe('English labels', () => {
  test('the page label and QR caption follow the locale', async () => {
    const doc: PosterDoc = { ...longRanking, id: 'ranking-en', locale: 'en', title: '2022 Party member points ranking', table: { ...longRanking.table!, rows: longRanking.table!.rows.slice(0, 60) } };
    const pdf = pdfFile(await renderPoster(doc, fonts));
    const text = pdftotext(pdf, 2);
    expect(text).toMatch(/Page 2 of \d/);
    expect(text).toContain('Scan for details');
    expect(text).toContain('(continued)');
  });
});
