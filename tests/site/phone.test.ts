/**
 * The sample's site as a resident meets it on a 360 px phone: nothing past the screen's right
 * edge on any page (every page but the passbooks, and 50 passbooks of each kind, every fold
 * open), a passbook that answers on its first screen, a search that finds a door number, a
 * masked name and a full name, and a home page for the day it is read.
 */
import { describe, expect, test, beforeAll, afterAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite, listFiles, PROJECT } from '../helpers/build.ts';
import { serveDist, launchChromium, type DistServer } from '../tv/serve.ts';
import { getBoard, type Board } from '../../src/view/board.ts';

let dist: string;
let board: Board;
let browser: Browser;
let server: DistServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  dist = buildSite(PROJECT, { BOARD_TV_PICTURES: 'off' });
  board = getBoard(PROJECT);
  server = await serveDist(dist);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Texts whose line reaches past the screen's right edge, every <details> opened first. */
async function pastTheEdge(path: string): Promise<string[]> {
  await page.goto(server.url + path);
  return page.evaluate(() => {
    document.querySelectorAll('details').forEach((d) => (d.open = true));
    const W = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > W) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent!.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const b of range.getClientRects()) {
        if (b.width > 0 && b.right > W + 0.5) {
          out.push(`“${n.textContent!.trim().slice(0, 30)}” reaches ${Math.round(b.right)} px`);
          break;
        }
      }
    }
    return out;
  });
}

const pagePaths = () =>
  listFiles(dist)
    .filter((f) => f.endsWith('index.html') && !/^(p|h|m|u|tv)\//.test(f))
    .map((f) => `/${f.replace(/index\.html$/, '')}`);

describe('a 360 px phone', () => {
  test('no text past the right edge on any page but the passbooks', async () => {
    const paths = pagePaths();
    expect(paths.length).toBeGreaterThan(300);
    const problems: string[] = [];
    for (const path of paths) for (const p of await pastTheEdge(path)) problems.push(`${path}: ${p}`);
    expect(problems).toEqual([]);
  });

  test('no text past the right edge on 50 passbooks of each kind, every fold open', async () => {
    const problems: string[] = [];
    for (const kind of ['p', 'h', 'm', 'u']) {
      const ids = readdirSync(join(dist, kind)).sort().slice(0, 50);
      expect(ids.length).toBeGreaterThan(kind === 'm' ? 5 : 20);
      for (const id of ids) for (const p of await pastTheEdge(`/${kind}/${id}/`)) problems.push(`/${kind}/${id}/: ${p}`);
    }
    expect(problems).toEqual([]);
  });
});

/** The text of the first screen: every element whose box starts above the fold. */
async function firstScreen(path: string): Promise<string> {
  await page.goto(server.url + path);
  return page.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      const b = range.getBoundingClientRect();
      if (b.height > 0 && b.bottom <= window.innerHeight) parts.push(n.textContent!.trim());
    }
    return parts.filter(Boolean).join(' ');
  });
}

describe('a passbook’s folds on a phone', () => {
  test('no cell of “why this score” spills into the next (dates like 11月13日 and 2月23日–5月30日 wrap in their column)', async () => {
    const problems: string[] = [];
    for (const path of ['/p/P0118/', '/h/H0005/', ...readdirSync(join(dist, 'p')).sort().slice(0, 15).map((id) => `/p/${id}/`)]) {
      await page.goto(server.url + path);
      const spills = await page.evaluate(() => {
        document.querySelectorAll('details').forEach((d) => (d.open = true));
        return Array.from(document.querySelectorAll<HTMLElement>('.breakdown td, .breakdown th'))
          .filter((c) => c.offsetParent !== null && c.scrollWidth > c.clientWidth + 1)
          .map((c) => c.textContent!.trim().slice(0, 20));
      });
      for (const x of spills) problems.push(`${path}: “${x}”`);
    }
    expect(problems).toEqual([]);
  });
});

describe('a passbook answers on its first screen', () => {
  test('a household sees its points to spend, in yuan, and its latest total and rank', async () => {
    const book = board.passbooks.find((p) => p.kind === 'household' && p.schemes.some((s) => s.balance && s.balance.balance > 0))!;
    const credit = book.schemes.find((s) => s.balance)!;
    const text = await firstScreen(book.href);
    expect(text).toContain('可用积分');
    expect(text).toContain(`${credit.balance!.balance} 分`);
    expect(text).toContain(`折合 ${credit.balance!.balance} 元`);
    expect(text).toContain(`第 ${credit.results[0]!.row.rank} 名`);
  });

  test('a party member sees total, level and rank', async () => {
    const text = await firstScreen('/p/P0118/');
    const row = board.result('party', '2022')!.rows.find((r) => r.id === 'P0118')!;
    expect(text).toContain('2022 年度总分');
    expect(text).toContain(`${row.total}`);
    expect(text).toContain(row.level!);
    expect(text).toContain(`第 ${row.rank} 名 / 共 ${board.result('party', '2022')!.rows.length}`);
  });

  test('a deduction in the balance history is 扣分, never 兑换', async () => {
    const book = board.passbooks.find((p) => p.schemes.some((s) => s.balance?.entries.toArray().some((e) => e.kind === 'earned' && e.amount < 0)))!;
    const entry = book.schemes.flatMap((s) => s.balance?.entries.toArray() ?? []).find((e) => e.kind === 'earned' && e.amount < 0)!;
    await page.goto(server.url + book.href);
    const history = await page.locator('.entries.balance').first().textContent();
    expect(history).toContain(`扣分：${entry.label}`);
    expect(history).not.toContain(`兑换：${entry.label}`);
  });
});

describe('find yourself', () => {
  const search = async (q: string) => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(q)}`);
    await expect.poll(async () => (await page.locator('#search-results li').count()) + (await page.locator('#search-status').textContent())!.length, { timeout: 5000 }).toBeGreaterThan(0);
    return page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));
  };

  test('by door number, by masked name and by the full name typed', async () => {
    const household = board.passbooks.find((p) => p.kind === 'household' && /\d+-\d+-\d+$/.test(p.name))!;
    const door = /(\d+-\d+-\d+)$/.exec(household.name)![1]!;
    expect(await search(door)).toContain(household.href);
    const person = board.passbooks.find((p) => p.id === 'P0118')!;
    expect(await search(person.name)).toContain(person.href);
    const full = readFileSync(join(PROJECT, 'data/people.csv'), 'utf8').split('\n').find((l) => l.startsWith('P0118,'))!.split(',')[1]!;
    expect(full).not.toBe(person.name);
    expect(await search(full)).toContain(person.href);
    expect(await page.locator('#search-status').textContent()).toContain(person.name);
    // Results say the unit, so two people of one masked name can be told apart.
    expect(await page.locator('#search-results li').first().textContent()).toContain(person.unitName!);
  });

  test('the index holds no name the pages do not show, and a query loads one small bucket', async () => {
    const files = readdirSync(join(dist, 'search/i'));
    const all = files.map((f) => readFileSync(join(dist, 'search/i', f), 'utf8')).join('\n');
    for (const line of readFileSync(join(PROJECT, 'data/people.csv'), 'utf8').split('\n').slice(1, 200)) {
      const name = line.split(',')[1];
      if (name && name.length > 2) expect(all).not.toContain(`"${name}"`);
    }
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await search('9-1-302');
    const buckets = requests.filter((p) => /^\/search\/i\/\d+\.json$/.test(p));
    expect(buckets).toHaveLength(1);
  });

  test('on a notice, “find yourself” jumps to your row by the full name typed, and on to the next of the same name', async () => {
    const full = readFileSync(join(PROJECT, 'data/people.csv'), 'utf8').split('\n').find((l) => l.startsWith('P0118,'))!.split(',')[1]!;
    await page.goto(server.url + '/notices/2022-party/');
    await page.fill('#find-row', full);
    await page.press('#find-row', 'Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#row-P0118');
    expect(await page.locator('#row-P0118').getAttribute('class')).toContain('found');
    // A masked name two people share: the second press goes to the second.
    const rows = board.notices.find((n) => n.slug === '2022-party')!.result!.rows;
    const twice = rows.find((r, i) => rows.findIndex((x) => x.name === r.name) !== i)!;
    const both = rows.filter((r) => r.name === twice.name).map((r) => `#row-${r.id}`);
    await page.fill('#find-row', twice.name);
    await page.press('#find-row', 'Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(both[0]);
    await page.press('#find-row', 'Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(both[1]);
  });

  test('the home page and the ranking pages have the search box', async () => {
    for (const path of ['/', '/rankings/party/2022/']) {
      await page.goto(server.url + path);
      expect(await page.locator('form[role=search] input').isVisible(), path).toBe(true);
    }
  });
});

describe('a home page for today', () => {
  const openHome = async (time: string) => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const p = await ctx.newPage();
    await p.clock.setFixedTime(new Date(time));
    await p.goto(server.url + '/');
    await p.waitForLoadState('load');
    return { ctx, p };
  };

  test('inside a notice period: 正在公示 lists that notice with its days left and the phone, not the ended one', async () => {
    const { ctx, p } = await openHome('2023-01-17T10:00:00');
    try {
      const section = p.locator('[data-open-notices]');
      await expect.poll(() => section.isVisible()).toBe(true);
      const visible = await p.$$eval('[data-open-notices] [data-notice]', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.textContent!));
      expect(visible).toHaveLength(1);
      expect(visible[0]).toContain('还剩 4 天');
      const notice = board.notices.find((n) => n.slug === '2022-stars')!;
      expect(visible[0]).toContain(notice.title);
      expect(visible[0]).toContain(`有异议请在公示期内联系：${notice.contact || board.site.phone}`);
    } finally {
      await ctx.close();
    }
  });

  test('after every notice period, today: no 正在公示 at all, and no back-office stock table', async () => {
    const { ctx, p } = await openHome(new Date().toISOString());
    try {
      expect(await p.locator('[data-open-notices]').isVisible()).toBe(false);
      expect(await p.getByText('正在公示').isVisible()).toBe(false);
      expect(await p.locator('main').textContent()).not.toContain('入库');
    } finally {
      await ctx.close();
    }
  });
});
