/**
 * The shop's shelf labels and the points cards, as a print shop and a shop assistant meet them:
 * rendered with poppler, measured, and their QR codes read back with zbarimg.
 */
import { describe, expect, test, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getBoard, type Board } from '../../src/view/board.ts';
import { sheetFiles, CARDS, type SheetFile } from '../../src/posters/sheets-from-board.ts';
import { writeSheetFiles } from '../../src/posters/batch.ts';
import { gridOf } from '../../src/posters/sheets.ts';
import { loadPosterFonts } from '../../src/posters/index.ts';
import { PROJECT } from '../helpers/build.ts';
import { pdfinfo, readQrCodes, renderGray, renderPng, tempDir, words } from './tools.ts';

const MM = 72 / 25.4;
let board: Board;
let sheets: SheetFile[];
let out: string;

beforeAll(async () => {
  board = getBoard(PROJECT);
  sheets = sheetFiles(board);
  out = tempDir();
  await writeSheetFiles(sheets, out, loadPosterFonts());
});

describe('shelf labels', () => {
  test('one label per item, twelve to an A4 sheet, listed in the manifest', () => {
    const labels = sheets.find((s) => s.file === 'shop-labels.pdf')!;
    expect(labels.spec.cards).toHaveLength(board.shop.items.length);
    const info = pdfinfo(join(out, 'shop-labels.pdf'));
    expect(info['Page size']).toBe('595.276 x 841.89 pts (A4)');
    expect(Number(info['Pages'])).toBe(Math.ceil(board.shop.items.length / 12));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { file: string }[] };
    expect(manifest.files.map((f) => f.file)).toContain('shop-labels.pdf');
  });

  test('the points figure is at least 36 pt, with the item and its unit', () => {
    const item = board.shop.items[0]!;
    const list = words(join(out, 'shop-labels.pdf'), 1).words;
    const figure = list.find((w) => w.text === String(item.price))!;
    expect(figure.yMax - figure.yMin).toBeGreaterThanOrEqual(36);
    expect(list.map((w) => w.text).join('')).toContain(item.name.replace(/\s/g, ''));
  });

  test('every QR code on the first sheet leads to its item’s row in the price list', () => {
    const png = renderPng(join(out, 'shop-labels.pdf'), 1, 200, join(tempDir(), 'labels'));
    const expected = board.shop.items.slice(0, 12).map((i) => new URL(`shop/#item-${i.id}`, board.site.baseUrl).href);
    expect(readQrCodes(png).sort()).toEqual(expected.sort());
  });
});

describe('points cards', () => {
  test('a card per household of the credit scheme, one PDF per unit', () => {
    const credit = board.balances.find((b) => b.scheme.id === 'credit')!;
    const files = sheets.filter((s) => s.file.startsWith('cards/credit-'));
    expect(files.reduce((n, f) => n + f.spec.cards.length, 0)).toBe(credit.rows.length);
    expect(new Set(files.map((f) => f.file)).size).toBe(new Set(credit.rows.map((r) => r.unit)).size);
  });

  test('a card is 85.6 × 54 mm between its cut lines, and the cut lines are on the paper', () => {
    const cells = gridOf(CARDS);
    expect((cells[1]!.x - cells[0]!.x) / MM).toBeCloseTo(85.6, 5);
    expect((cells[2]!.y - cells[0]!.y) / MM).toBeCloseTo(54, 5);
    // At 288 dpi (4 px a point): the grey dashes down the first card's left edge and along its
    // top, in the white margin outside the cards (the darkest pixel within one of the line).
    const file = join(out, sheets.find((s) => s.file.startsWith('cards/credit-'))!.file);
    const img = renderGray(file, 1, 288);
    const px = (x: number, y: number) => img.data[y * img.width + x]!;
    const near = (x: number, y: number, vertical: boolean) =>
      Math.min(...[-1, 0, 1].map((d) => (vertical ? px(Math.round(x * 4) + d, Math.round(y * 4)) : px(Math.round(x * 4), Math.round(y * 4) + d))));
    const down = Array.from({ length: 30 }, (_, i) => near(cells[0]!.x, 1 + i, true)).filter((v) => v < 230).length;
    const across = Array.from({ length: 40 }, (_, i) => near(2 + i, cells[0]!.y, false)).filter((v) => v < 230).length;
    // Dashes of 1.5 mm with 1 mm gaps: well over half the samples fall on a dash.
    expect(down).toBeGreaterThan(12);
    expect(across).toBeGreaterThan(16);
  });

  test('each card’s QR code leads to its passbook; its name is the published one', () => {
    const sheet = sheets.find((s) => s.file.startsWith('cards/credit-'))!;
    const png = renderPng(join(out, sheet.file), 1, 200, join(tempDir(), 'cards'));
    const rows = board.balances.find((b) => b.scheme.id === 'credit')!.rows.filter((r) => r.unit === sheet.file.slice('cards/credit-'.length, -4));
    const firstPage = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, 10);
    expect(readQrCodes(png).sort()).toEqual(firstPage.map((r) => new URL(r.href.slice(1), board.site.baseUrl).href).sort());
    const text = words(join(out, sheet.file), 1).words.map((w) => w.text).join('');
    expect(text).toContain(firstPage[0]!.name);
  });
});
