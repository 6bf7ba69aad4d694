import { describe, expect, test, beforeAll } from 'vitest';
import { computeBoard, getBoard, type Board, type RankedRow, type ResultView } from '../../src/view/board.ts';
import { screensOf, tvScreens, pictureSlides, leadParagraph, loopLengths, loopSeconds, DEFAULT_PLAYLIST, LOOP_TARGET_SECONDS, ROWS_PER_SLIDE, slideTexts, type TvScreen } from '../../src/tv/slides.ts';
import { pictureName, pictureRoutes } from '../../src/tv/pictures.ts';
import { checkProject } from '../../src/check/check.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, FIXTURES } from '../helpers/fixture.ts';
import { hallFixture, EXTRA_MEMBERS, HALL_SITE } from './hall-fixture.ts';
import { topRows, rankingSlides } from '../../src/tv/kinds/rankings.ts';
import { formatters } from '../../src/tv/model.ts';

let board: Board;
let screens: TvScreen[];
beforeAll(() => {
  board = getBoard(hallFixture());
  screens = tvScreens(board);
});

const screen = (id?: string) => screens.find((s) => s.id === id)!;

describe('tvScreens', () => {
  test('the default screen is /tv/ with every kind, open notices first', () => {
    expect(screen().path).toBe('/tv/');
    expect(screen().playlist).toEqual([...DEFAULT_PLAYLIST]);
    expect(screen().slides[0]!.kind).toBe('notices');
  });

  test('each screen of site.yaml gets its address, playlist, pace and orientation', () => {
    expect(screens.map((s) => s.path)).toEqual(['/tv/', '/tv/hall/', '/tv/upright/', '/tv/short/', '/tv/notices/']);
    expect(screen('hall').seconds).toBe(10);
    expect(screen('short').seconds).toBe(15);
    expect(screen('upright').orientation).toBe('portrait');
    expect(new Set(screen('hall').slides.map((s) => s.kind))).toEqual(new Set(['ranking']));
    expect(screen('short').slides.map((s) => s.kind)).toEqual(['news', 'shop', 'honors']);
  });

  test('a screen without tv settings plays every 15 seconds', () => {
    expect(tvScreens(getBoard(fixture()))[0]!.seconds).toBe(15);
  });

  test('slide ids are unique within a screen', () => {
    for (const s of screens) expect(new Set(s.slides.map((x) => x.id)).size).toBe(s.slides.length);
  });

  test('screensOf computes once per board', () => {
    expect(screensOf(board)).toBe(screensOf(board));
  });
});

describe('ranking slides', () => {
  test('on a screen with rankingTop: 全部, a ranking of 302 runs over 31 slides of at most ten rows, every row once, in rank order', () => {
    const party = screen('hall').slides.filter((s) => s.id.startsWith('ranking-party-2022-'));
    expect(party).toHaveLength(Math.ceil((EXTRA_MEMBERS + 2) / ROWS_PER_SLIDE));
    for (const s of party) expect(s.table!.rows.length).toBeLessThanOrEqual(ROWS_PER_SLIDE);
    const names = party.flatMap((s) => s.table!.rows.map((r) => r.cells[1]));
    expect(names).toEqual(board.result('party', '2022')!.rows.map((r) => r.name));
  });

  test('the page and the count stand beside the title', () => {
    const s = screen('hall').slides.find((x) => x.id === 'ranking-party-2022-2')!;
    expect(s.title).toBe('党员积分 · 2022 年度');
    expect(s.note).toBe('第 2/31 页 · 共 302 人');
  });

  test('ranks 1 to 3 get medals, ties included', () => {
    const rows = screen().slides.find((x) => x.id === 'ranking-party-2022-1')!.table!.rows;
    for (const r of rows) expect(r.medal ?? null).toBe(Number(r.cells[0]) <= 3 ? Number(r.cells[0]) : null);
    expect(rows.some((r) => r.medal === undefined)).toBe(true);
  });

  test('landscape widths and each portrait line add up to 100 %', () => {
    for (const s of screens.flatMap((x) => x.slides)) {
      if (!s.table) continue;
      const cols = s.table.columns;
      expect(cols.reduce((a, c) => a + c.width, 0), s.id).toBe(100);
      expect(cols.filter((c) => c.portrait.line === 1).reduce((a, c) => a + c.portrait.width + (c.portrait.indent ?? 0), 0), s.id).toBe(100);
      expect(cols.filter((c) => c.portrait.line === 2).reduce((a, c) => a + c.portrait.width + (c.portrait.indent ?? 0), 0), s.id).toBeLessThanOrEqual(100);
      for (const c of cols) expect(c.width % 5, s.id).toBe(0);
    }
  });

  test('no unit column where every name already says its unit (household addresses)', () => {
    const data = getBoard(fixture(undefined, { 'data/households.csv': '户号,户名,组织,联系党员\nH1,锦园社区1-1-101,SQ1,P1\nH2,锦园社区1-2-202,SQ1,P2\n' }));
    const credit = tvScreens(data)[0]!.slides.find((s) => s.id.startsWith('ranking-credit-'))!;
    expect(credit.table!.columns.map((c) => c.role)).toEqual(['rank', 'name', 'num']);
  });
});

/** A ranking row with only what topRows and the TV's table read, named H1, H2 … as made. */
let rowCount = 0;
const ranked = (rank: number | null, total = 0) => ({ rank, total, vetoed: rank === null, id: `H${++rowCount}`, name: `H${rowCount}`, level: null }) as unknown as RankedRow;

describe('rankingTop: a long ranking cut on the TV', () => {
  // The hall's site with a cut at 25th place, and one screen that shows the whole list.
  const cutSite = HALL_SITE.replace('  slideSeconds: 15\n', '  slideSeconds: 15\n  rankingTop: 25\n').replace(
    '{ id: hall, playlist: [ranking], slideSeconds: 10, rankingTop: 全部 }',
    '{ id: hall, playlist: [ranking], slideSeconds: 10, rankingTop: 100000 }',
  );
  let cut: Board;
  beforeAll(() => {
    const root = hallFixture();
    writeFileSync(join(root, 'data/site.yaml'), cutSite);
    cut = getBoard(root);
  });

  test('everyone ranked 25th or better is shown, ties included, and the slide says it is the top 25', () => {
    expect(cut.site.tv.rankingTop).toBe(25);
    const rows = cut.result('party', '2022')!.rows;
    const slides = tvScreens(cut)[0]!.slides.filter((s) => s.id.startsWith('ranking-party-2022-'));
    const names = slides.flatMap((s) => s.table!.rows.map((r) => r.cells[1]));
    const expected = rows.filter((r) => r.rank !== null && r.rank <= 25);
    expect(names).toEqual(expected.map((r) => r.name));
    // The fixture's ties cross 25th place: more than 25 rows, and the next row is ranked below 25th.
    expect(expected.length).toBeGreaterThan(25);
    expect(rows[expected.length]!.rank).toBeGreaterThan(25);
    expect(slides).toHaveLength(Math.ceil(expected.length / ROWS_PER_SLIDE));
    // Three slides: their pages, and that they are the top 25 (the count would not fit beside them).
    expect(slides.map((x) => x.note)).toEqual(slides.map((_, i) => `第 ${i + 1}/${slides.length} 页 · 前 25 名`));
    // The pictures follow the screen.
    const pictures = pictureSlides(tvScreens(cut)[0]!, cut).filter((s) => s.id.startsWith('ranking-party-2022-'));
    expect(pictures).toHaveLength(slides.length);
  });

  test("a screen's own rankingTop wins: the hall screen shows all 302", () => {
    const hall = tvScreens(cut).find((s) => s.id === 'hall')!;
    const names = hall.slides.filter((s) => s.id.startsWith('ranking-party-2022-')).flatMap((s) => s.table!.rows.map((r) => r.cells[1]));
    expect(names).toEqual(cut.result('party', '2022')!.rows.map((r) => r.name));
  });

  test('topRows: a tie at the cut is kept when it fits one more slide, the vetoed left out; no ranked row left out keeps the whole list', () => {
    const rows = [1, 2, 2, 4, 4, 4, 7, null].map(ranked);
    expect(topRows(rows, 3)).toEqual({ rows: rows.slice(0, 3), cut: true });
    expect(topRows(rows, 4).rows.map((r) => r.rank)).toEqual([1, 2, 2, 4, 4, 4]);
    expect(topRows(rows, 6).rows.map((r) => r.rank)).toEqual([1, 2, 2, 4, 4, 4]);
    expect(topRows(rows, 7)).toEqual({ rows, cut: false });
    expect(topRows(rows, undefined)).toEqual({ rows, cut: false });
    // Twelve tied at first place: one slide and a bit, shown whole.
    const twelve = Array.from({ length: 12 }, () => ranked(1));
    expect(topRows(twelve, 5)).toEqual({ rows: twelve, cut: false });
  });

  test('a tie across the cut too large for one more slide is one line: 48 households on 6 points share third place', () => {
    const rows = [ranked(1, 30), ranked(2, 20), ...Array.from({ length: 48 }, () => ranked(3, 6)), ranked(null, 5)];
    expect(topRows(rows, 5)).toEqual({ rows: rows.slice(0, 2), cut: true, tied: { rank: 3, count: 48, row: rows[2] } });
    // Everyone tied at the top (a deduction-only score nobody lost points in): one line, not the whole list.
    const level = Array.from({ length: 40 }, () => ranked(1, 65));
    expect(topRows(level, 5)).toEqual({ rows: [], cut: true, tied: { rank: 1, count: 40, row: level[0] } });

    const result = { scheme: { id: 'credit', name: '信用积分', subject: 'household', categories: [], levels: [] }, period: '2022-10', rows } as unknown as ResultView;
    const slides = rankingSlides(result, formatters('zh-CN'), 5);
    expect(slides).toHaveLength(1);
    expect(slides[0]!.note).toBe('前 5 名 · 共 51 户');
    expect(slides[0]!.table!.rows.map((r) => r.cells)).toEqual([
      ['1', rows[0]!.name, '30'],
      ['2', rows[1]!.name, '20'],
      ['3', '共 48 户并列', '6'],
    ]);
  });

  test('households on 0 points take no row: one line counts them, on screens that play every row too', () => {
    const rows = [ranked(1, 30), ranked(2, 20), ...Array.from({ length: 48 }, () => ranked(3, 0))];
    const result = { scheme: { id: 'credit', name: '信用积分', subject: 'household', categories: [], levels: [] }, period: '2022-10', rows } as unknown as ResultView;
    for (const top of [5, undefined]) {
      const slides = rankingSlides(result, formatters('zh-CN'), top);
      expect(slides).toHaveLength(1);
      expect(slides[0]!.table!.rows.map((r) => r.sentence ?? r.cells[1])).toEqual([rows[0]!.name, rows[1]!.name, '另有 48 户本期未得分']);
    }
    // Cut above the zeros: the QR code and the site list them, the slide does not count them.
    const many = [...Array.from({ length: 12 }, (_, i) => ranked(i + 1, 50 - i)), ...Array.from({ length: 30 }, () => ranked(13, 0))];
    const cut = rankingSlides({ ...result, rows: many } as ResultView, formatters('zh-CN'), 10);
    expect(cut.flatMap((s) => s.table!.rows.map((r) => r.sentence ?? r.cells[0]))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  test('with no rankingTop set, the TV shows each ranking to the top ten, each slide with a QR code to the whole ranking', () => {
    const slides = screen().slides.filter((s) => s.id.startsWith('ranking-party-2022-'));
    const rows = board.result('party', '2022')!.rows;
    const shown = slides.flatMap((s) => s.table!.rows.map((r) => r.cells[1]));
    expect(shown).toEqual(rows.filter((r) => r.rank !== null && r.rank <= 10).map((r) => r.name));
    for (const s of slides) expect(s.qr).toEqual({ url: 'https://example.org/rankings/party/2022/', caption: '扫码查看完整排名和自己的积分', address: 'example.org/rankings/party/2022' });
    expect(slides[0]!.note).toBe(slides.length === 1 ? '前 10 名 · 共 302 人' : `第 1/${slides.length} 页 · 前 10 名`);
  });

  test('a screen with rankingTop: 全部 shows the whole list under a site-wide cut', () => {
    const root = hallFixture();
    writeFileSync(join(root, 'data/site.yaml'), cutSite.replace('rankingTop: 100000', 'rankingTop: 全部'));
    const board = getBoard(root);
    const hall = tvScreens(board).find((s) => s.id === 'hall')!;
    expect(hall.slides.filter((s) => s.id.startsWith('ranking-party-2022-')).flatMap((s) => s.table!.rows.map((r) => r.cells[1]))).toHaveLength(302);
    expect(tvScreens(board)[0]!.slides.filter((s) => s.id.startsWith('ranking-party-2022-')).length).toBeLessThan(31);
  });

  test('rankingTop: "30" in quotes is 30, 全部 and all are the whole list', () => {
    const read = (value: string) => {
      const root = fixture(undefined, { 'data/site.yaml': `${readFileSync(join(FIXTURES, '_base/data/site.yaml'), 'utf8')}tv: { rankingTop: ${value} }\n` });
      return getBoard(root).site.tv.rankingTop;
    };
    expect(read('"30"')).toBe(30);
    expect(read('全部')).toBe('all');
    expect(read('ALL')).toBe('all');
  });

  test('rankingTop must be a whole number of at least 1', () => {
    const root = fixture(undefined, { 'data/site.yaml': `${readFileSync(join(FIXTURES, '_base/data/site.yaml'), 'utf8')}tv: { rankingTop: 0 }\n` });
    const { problems } = checkProject(root);
    expect(problems.errors.map((e) => e.file)).toContain('data/site.yaml');
  });
});

describe('other slides', () => {
  test('a star rating shows its distribution with the units of each level, then the units', () => {
    const [distribution, table] = screen().slides.filter((s) => s.kind === 'stars');
    expect(distribution!.figures!.map((f) => [f.label, f.value, f.stars, f.items])).toEqual([
      ['五星', '1 个', '★★★★★', ['锦园第一支部']],
      ['四星', '0 个', '★★★★☆', []],
      ['三星', '1 个', '★★★☆☆', ['锦园第二支部']],
    ]);
    expect(table!.table!.rows.map((r) => r.cells)).toEqual([
      ['1', '锦园第一支部', '锦园社区', '91', '★★★★★'],
      ['2', '锦园第二支部', '锦园社区', '79.5', '★★★☆☆'],
    ]);
  });

  test('a notice is shown only in its notice period, with the days left left to the player', () => {
    const notice = screen().slides.find((s) => s.kind === 'notices')!;
    expect(notice.window).toEqual({ start: '2023-01-05', end: '2023-01-11' });
    expect(notice.notice!.daysLeft).toBe('还剩 {n} 天');
    expect(notice.notice!.period).toBe('公示期：2023年1月5日 至 2023年1月11日');
    expect(notice.notice!.lead).toBe('现将 2022 年度党员积分结果公示如下。');
  });

  test('the shop slide holds this month’s redemptions', () => {
    const shop = screen().slides.find((s) => s.kind === 'shop')!;
    expect(shop.title).toBe('积分超市 · 2022 年 1 月');
    expect(shop.figures!.map((f) => f.value)).toEqual([String(board.shop.current!.redemptions), String(board.shop.current!.pointsRedeemed)]);
  });

  test('honours: each honour’s latest period', () => {
    const honors = screen().slides.filter((s) => s.kind === 'honors');
    expect(honors.map((s) => s.title)).toEqual(['荣誉榜 · 2022 年 1 月']);
    expect(honors[0]!.table!.rows[0]!.cells.slice(0, 2)).toEqual(['▲ 流动红旗', '锦园便利店']);
  });

  test('every text is a string a font can be chosen for', () => {
    for (const s of screen().slides) for (const text of slideTexts(s)) expect(typeof text).toBe('string');
  });
});

describe('leadParagraph', () => {
  test('skips imports, components and headings, keeps the words of links and emphasis', () => {
    expect(leadParagraph("import X from './x';\n\n# 标题\n\n<Ranking scheme=\"party\" />\n\n现将**结果**公示如下，详见[名单](/a/)。\n第二行。\n\n下一段。")).toBe('现将结果公示如下，详见名单。第二行。');
  });

  test('a line break between Latin words stays a space', () => {
    expect(leadParagraph('The results\nare published.')).toBe('The results are published.');
  });

  test('an empty body gives an empty lead', () => {
    expect(leadParagraph('\n<Stats />\n')).toBe('');
  });
});

describe('the loop', () => {
  test('a notice in its period comes back after every five other slides, as the player plays it', () => {
    const s: TvScreen = { ...screen(), seconds: 10, slides: [
      { id: 'n', kind: 'notices', title: '', window: { start: '2023-01-05', end: '2023-01-11' } },
      ...Array.from({ length: 12 }, (_, i) => ({ id: `r${i}`, kind: 'ranking' as const, title: '' })),
    ] };
    // n r0–r4 n r5–r9 n r10 r11: 15 slides in the period, 12 outside it.
    expect(loopSeconds(s, '2023-01-06')).toBe(150);
    expect(loopSeconds(s, '2023-01-12')).toBe(120);
    expect(loopLengths(s)).toEqual({ plain: 120, longest: 150 });
  });

  test('the hall fixture’s default screen loops in under ten minutes, notices included', () => {
    expect(loopLengths(screen()).longest).toBeLessThanOrEqual(LOOP_TARGET_SECONDS);
  });
});

describe('pictureSlides', () => {
  test('keeps a notice that has not ended by the data date, without the days left', () => {
    expect(board.version.date < '2023-01-11').toBe(true);
    const notice = pictureSlides(screen(), board).find((s) => s.kind === 'notices')!;
    expect(notice.notice!.daysLeft).toBe('');
  });

  test('drops a notice that ended before the data date', () => {
    const later = computeBoard(checkProject(hallFixture()).dataset, { ...board.version, date: '2023-02-01' });
    expect(pictureSlides(tvScreens(later)[0]!, later).some((s) => s.kind === 'notices')).toBe(false);
  });

  test('a screen with nothing to show gets the idle slide', () => {
    const empty: TvScreen = { ...screen('short'), slides: [] };
    expect(pictureSlides(empty, board).map((s) => s.id)).toEqual(['idle']);
  });
});

describe('pictureRoutes', () => {
  test('numbers pictures 001, 002 … in playing order', () => {
    const routes = pictureRoutes(screen('short'), board);
    expect(routes.map((r) => r.params.n)).toEqual(['001', '002', '003']);
    expect(routes.map((r) => r.params.screen)).toEqual(['short', 'short', 'short']);
    expect(routes.map((r) => r.props.slide.id)).toEqual(screen('short').slides.map((s) => s.id));
  });

  test('site.yaml\'s tv.pictures: 否 leaves every screen without pictures, and the slideshow as it was', () => {
    const root = fixture(undefined, { 'data/site.yaml': `${readFileSync(join(FIXTURES, '_base/data/site.yaml'), 'utf8')}tv: { pictures: 否 }\n` });
    const without = getBoard(root);
    expect(without.site.tv.pictures).toBe(false);
    expect(tvScreens(without).flatMap((s) => pictureRoutes(s, without))).toEqual([]);
    expect(tvScreens(without)[0]!.slides.length).toBeGreaterThan(0);
    expect(getBoard(fixture()).site.tv.pictures).toBe(true); // the default: pictures on
  });

  test('names grow a digit past 999 pictures', () => {
    expect(pictureName(7, 40)).toBe('007');
    expect(pictureName(7, 1200)).toBe('0007');
  });
});
