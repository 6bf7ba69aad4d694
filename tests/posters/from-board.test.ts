/** What the posters say, from the sample's board: a notice's essentials on page 1, zeros in one line. */
import { describe, expect, test, beforeAll } from 'vitest';
import { getBoard, type Board } from '../../src/view/board.ts';
import { posterDocs } from '../../src/posters/from-board.ts';
import { noticeText } from '../../src/posters/text.ts';
import type { PosterDoc } from '../../src/posters/doc.ts';
import { PROJECT } from '../helpers/build.ts';

let board: Board;
let docs: PosterDoc[];
beforeAll(() => {
  board = getBoard(PROJECT);
  docs = posterDocs(board);
});

describe('a notice poster', () => {
  test('says its period, the last day to object and whom to call in its biggest figures, on page 1', () => {
    const notice = docs.find((d) => d.id === 'notice-2022-party')!;
    expect(notice.summary).toEqual([
      { label: '公示期', value: '1月9日–15日' },
      { label: '异议截止', value: '1月15日' },
      { label: '异议电话', value: board.notices.find((n) => n.slug === '2022-party')!.contact },
    ]);
  });

  test('lists everyone, those on 0 points too: a notice is the whole list', () => {
    const notice = docs.find((d) => d.id === 'notice-2022-party')!;
    expect(notice.table!.rows).toHaveLength(board.notices.find((n) => n.slug === '2022-party')!.result!.rows.length);
  });
});

describe('a notice’s sign-off', () => {
  test('is set line by line at the right, not run into one line with the date', () => {
    const notice = docs.find((d) => d.id === 'notice-2022-party')!;
    expect(notice.signature).toEqual(['中共澄川街道工作委员会', '2023年1月9日']);
    expect(notice.paragraphs!.join('')).not.toContain('工作委员会2023年1月9日');
  });

  test('a last paragraph that does not end in a date stays a paragraph', () => {
    expect(noticeText('第一段。\n\n如有异议，请联系社区。\n电话 0635-1234567')).toEqual({ paragraphs: ['第一段。', '如有异议，请联系社区。电话 0635-1234567'] });
  });
});

describe('the price list', () => {
  test('names an item and its unit in two columns, not 大米（5千克）（袋）', () => {
    const poster = docs.find((d) => d.id === 'shop-prices')!;
    expect(poster.table!.columns.slice(0, 2).map((c) => c.label)).toEqual(['商品', '单位']);
    expect(poster.table!.rows.every((r) => !/）（/.test(r[0]!))).toBe(true);
  });
});

describe('a ranking poster', () => {
  test('households on 0 points take no row: one line counts them and points to the site', () => {
    const result = board.result('credit', '2022-12')!;
    const zeros = result.rows.filter((r) => r.total === 0 && !r.vetoed).length;
    expect(zeros).toBeGreaterThan(100);
    const poster = docs.find((d) => d.id === 'ranking-credit-2022-12')!;
    expect(poster.table!.rows).toHaveLength(result.rows.length - zeros);
    expect(poster.table!.rows.every((cells) => cells.some((c) => c !== '0'))).toBe(true);
    // With their shared rank: the ranks jump past them to a deduction's (141, then 360).
    const rank = result.rows.find((r) => r.total === 0)!.rank;
    expect(rank).toBeGreaterThan(1);
    expect(poster.notes).toEqual([`另有 ${zeros} 户本期未得分（并列第 ${rank} 名），名单见网站（扫描右下角二维码）。`]);
    expect(poster.subtitle).toBe(`共 ${result.rows.length} 户`);
  });
});
