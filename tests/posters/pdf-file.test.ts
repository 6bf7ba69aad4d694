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

  test('A3 with 3 mm bleed: TrimBox is A3, BleedBox 3 mm beyond it, MediaBox a 10 mm slug for the marks beyond that', () => {
    const info = pdfinfo(rankingPdf);
    expect(box(info, 'MediaBox')).toEqual([0, 0, 915.59, 1264.25]);
    expect(box(info, 'BleedBox')).toEqual([28.35, 28.35, 887.24, 1235.91]);
    expect(box(info, 'TrimBox')).toEqual([36.85, 36.85, 878.74, 1227.4]);
    const [x1, y1, x2, y2] = box(info, 'TrimBox') as [number, number, number, number];
    expect(x2 - x1).toBeCloseTo(297 * MM, 1);
    expect(y2 - y1).toBeCloseTo(420 * MM, 1);
    const [b1, , b2] = box(info, 'BleedBox') as [number, number, number, number];
    expect(x1 - b1).toBeCloseTo(3 * MM, 1);
    expect(b2 - x2).toBeCloseTo(3 * MM, 1);
  });

  test('every page of a long poster has the same boxes', () => {
    const last = pdfinfo(rankingPdf, rankingPages);
    expect(box(last, 'TrimBox')).toEqual([36.85, 36.85, 878.74, 1227.4]);
  });
});

describe('bleed and crop marks', () => {
  // 288 dpi: 4 pixels a point. The slug is 10 mm (113.4 px), the bleed 3 mm (34 px) more: the
  // trim line is 147.4 px in from the paper's edge.
  const corner = (): ReturnType<typeof renderRegionRgb> => renderRegionRgb(rankingPdf, 1, 288, { x: 0, y: 0, width: 300, height: 300 });
  const isRed = ([r, g, b]: [number, number, number]): boolean => r > 170 && g < 60 && b < 80;
  const isDark = ([r, g, b]: [number, number, number]): boolean => r < 80 && g < 80 && b < 80;
  const isWhite = ([r, g, b]: [number, number, number]): boolean => r > 240 && g > 240 && b > 240;

  test('the red band runs on into the bleed, to its edge', () => {
    const img = corner();
    expect(isRed(img.rgb(118, 200))).toBe(true); // left bleed
    expect(isRed(img.rgb(200, 118))).toBe(true); // top bleed
    expect(isRed(img.rgb(200, 200))).toBe(true); // inside the trim
    expect(isWhite(img.rgb(108, 200))).toBe(true); // the slug beyond the bleed is paper
  });

  test('crop marks lie in the slug along the trim lines, at least the bleed away from the trim', () => {
    const img = corner();
    // The vertical mark on the left trim line, from the paper's edge towards the trim corner.
    const column = Array.from({ length: 100 }, (_, y) => img.rgb(147, y));
    expect(column.filter(isDark).length).toBeGreaterThan(60);
    // It stops before the bleed: white between its end and the bleed's edge.
    for (let y = 104; y < 112; y++) expect(isDark(img.rgb(147, y)), `y ${y}`).toBe(false);
    // And nothing dark inside the bleed along the trim line.
    for (let y = 115; y < 147; y++) expect(isDark(img.rgb(147, y)), `y ${y}`).toBe(false);
  });

  test('a poster without bleed (an office printer) has no crop marks and nothing within 5 mm of the edge', () => {
    // 5 mm at 288 dpi: 56.7 px.
    const img = renderRegionRgb(onePagePdf, 1, 288, { x: 0, y: 0, width: 56, height: 56 });
    for (let i = 0; i < 56; i++) for (const j of [0, 28, 55]) expect(isWhite(img.rgb(i, j)), `${i},${j}`).toBe(true);
    const info = pdfinfo(onePagePdf);
    const text = words(onePagePdf, 1);
    for (const w of text.words) {
      expect(w.xMin).toBeGreaterThanOrEqual(5 * MM);
      expect(w.yMin).toBeGreaterThanOrEqual(5 * MM);
      expect(w.xMax).toBeLessThanOrEqual(text.width - 5 * MM);
      expect(w.yMax).toBeLessThanOrEqual(text.height - 5 * MM);
    }
    expect(box(info, 'TrimBox')).toEqual(box(info, 'MediaBox'));
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
      // The trim is 3 mm of bleed and 10 mm of slug in from the paper's edge.
      const outer = 13 * MM;
      for (const w of list) {
        expect(w.xMin, `${w.text} on page ${page}`).toBeGreaterThanOrEqual(outer + 5 * MM);
        expect(w.xMax, `${w.text} on page ${page}`).toBeLessThanOrEqual(width - outer - 5 * MM);
        expect(w.yMax, `${w.text} on page ${page}`).toBeLessThanOrEqual(height - outer - 5 * MM);
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
