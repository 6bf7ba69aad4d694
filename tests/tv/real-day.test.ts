/**
 * The TV as a waiting room sees it, on the sample's own build: at the real date, inside and
 * after each notice period, years after the data, and across midnight. What is checked is what
 * the screen shows (the slides whose computed visibility is visible, in every animation frame),
 * not only what the player logs.
 */
import { describe, expect, test, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite, PROJECT } from '../helpers/build.ts';
import { serveDist, launchChromium, type DistServer } from './serve.ts';

let dist: string;
let browser: Browser;
let server: DistServer;

beforeAll(async () => {
  dist = buildSite(PROJECT, { BOARD_TV_PICTURES: 'off' });
  server = await serveDist(dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * In every animation frame: the fewest and the most slides visible, and each slide change with
 * the slides visible right after it.
 */
const WATCHER = `
  window.__tv = { min: Infinity, max: 0, frames: 0, changes: [] };
  function visibleSlides() {
    var out = [];
    document.querySelectorAll('.slide').forEach(function (s) { if (getComputedStyle(s).visibility === 'visible') out.push(s.id); });
    return out;
  }
  new MutationObserver(function (records) {
    records.forEach(function (m) {
      if (m.attributeName !== 'data-slide') return;
      var b = m.target;
      window.__tv.changes.push({ id: b.getAttribute('data-slide'), loop: +b.getAttribute('data-loop'), visible: visibleSlides() });
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-slide'] });
  (function frame() {
    if (document.body && document.body.getAttribute('data-slide')) {
      var n = visibleSlides().length;
      window.__tv.min = Math.min(window.__tv.min, n);
      window.__tv.max = Math.max(window.__tv.max, n);
      window.__tv.frames++;
    }
    requestAnimationFrame(frame);
  })();
`;

interface Watched {
  min: number;
  max: number;
  frames: number;
  changes: { id: string; loop: number; visible: string[] }[];
}

async function open(path: string, time: Date): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(WATCHER);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/'frame-ancestors' is ignored/.test(m.text())) errors.push(m.text());
  });
  await page.clock.setFixedTime(time);
  await page.goto(server.url + path);
  await page.waitForFunction(() => document.body.getAttribute('data-slide') !== null);
  return { context, page, errors };
}

const watched = (page: Page) => page.evaluate(() => (window as unknown as { __tv: Watched }).__tv);

const at = (day: string) => new Date(`${day}T10:00:00`);
const today = new Date();
const fiveYearsOn = new Date(today.getFullYear() + 5, today.getMonth(), today.getDate(), 10);

// The sample's notices: 2022-party from 2023-01-09 to 01-15, 2022-stars from 01-16 to 01-20.
const DAYS: [string, Date, string[]][] = [
  ['inside the party notice', at('2023-01-12'), ['slide-notice-2022-party']],
  ['the day after it ends, inside the stars notice', at('2023-01-16'), ['slide-notice-2022-stars']],
  ['the day after the stars notice ends', at('2023-01-21'), []],
  [`the real date (${today.toISOString().slice(0, 10)})`, today, []],
  ['five years on', fiveYearsOn, []],
];

describe('exactly one slide on screen, on every day', () => {
  for (const [name, time, notices] of DAYS) {
    test(`${name}: over two loops, one slide visible in every frame, and the notices of the day (${notices.join(', ') || 'none'}) every few slides`, async () => {
      const { context, page, errors } = await open('/tv/?seconds=0.2', time);
      try {
        await page.waitForFunction(() => Number(document.body.getAttribute('data-loop')) >= 3, undefined, { timeout: 60000 });
        const w = await watched(page);
        expect(w.frames).toBeGreaterThan(20);
        expect([w.min, w.max]).toEqual([1, 1]);
        for (const c of w.changes) expect(c.visible, c.id).toEqual([c.id]);
        const loop = w.changes.filter((c) => c.loop === 2).map((c) => c.id);
        const shownNotices = [...new Set(loop.filter((id) => id.startsWith('slide-notice-')))];
        expect(shownNotices).toEqual(notices);
        if (notices.length > 0) {
          // Never more than five other slides between two showings of the notice.
          const gaps = loop.join(' ').split(notices[0]!).slice(1, -1).map((run) => run.trim().split(/\s+/).filter(Boolean).length);
          expect(gaps.length).toBeGreaterThanOrEqual(2);
          // At most one list's length more: a notice never cuts between the pages of one list.
          for (const g of gaps) expect(g).toBeLessThanOrEqual(6);
          const group = (id: string) => id.replace(/-\d+$/, '');
          loop.forEach((id, i) => {
            if (id.startsWith('slide-notice-') && i > 0 && i + 1 < loop.length && !loop[i + 1]!.startsWith('slide-notice-')) {
              expect(group(loop[i - 1]!), `${loop[i - 1]} | ${id} | ${loop[i + 1]}`).not.toBe(group(loop[i + 1]!));
            }
          });
        }
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('across midnight, without a reload', () => {
  test('a notice comes on its first day and goes after its last, as the clock passes midnight', async () => {
    const { context, page } = await open('/tv/?seconds=0.3', new Date('2023-01-08T23:59:58'));
    let reloads = 0;
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) reloads++;
    });
    const idsSince = async (n: number) => (await watched(page)).changes.slice(n).map((c) => c.id);
    try {
      await page.waitForTimeout(1500);
      expect(await idsSince(0)).not.toContain('slide-notice-2022-party');

      let seen = (await watched(page)).changes.length;
      await page.clock.setFixedTime(new Date('2023-01-09T00:00:01'));
      await expect.poll(async () => (await idsSince(seen)).includes('slide-notice-2022-party'), { timeout: 5000 }).toBe(true);
      expect(await page.locator('#slide-notice-2022-party .days-left').textContent()).toBe('还剩 7 天');

      seen = (await watched(page)).changes.length;
      await page.clock.setFixedTime(new Date('2023-01-16T00:00:01'));
      await expect.poll(async () => (await idsSince(seen)).includes('slide-notice-2022-stars'), { timeout: 5000 }).toBe(true);
      await page.waitForTimeout(3000);
      const after = (await watched(page)).changes.slice(seen);
      // Once the new day's loop began, the ended notice never came back.
      const first = after.findIndex((c) => c.id === 'slide-notice-2022-stars');
      expect(after.slice(first).map((c) => c.id)).not.toContain('slide-notice-2022-party');
      const w = await watched(page);
      expect([w.min, w.max]).toEqual([1, 1]);
      expect(reloads).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('a loop people watch', () => {
  test('the build says how long the default loop is, and it is at most ten minutes', () => {
    const html = readFileSync(join(dist, 'tv/index.html'), 'utf8');
    const ids = (text: string) => [...text.matchAll(/<section[^>]* id="(slide-[^"]+)"/g)].map((m) => m[1]!).filter((id) => id !== 'slide-idle');
    const parts = JSON.parse(/data-parts="([^"]*)"/.exec(html)![1]!.replaceAll('&quot;', '"')) as { href: string }[];
    const all = [...ids(html), ...parts.flatMap((p) => ids(readFileSync(join(dist, p.href.replace(/\?.*$/, ''), 'index.html'), 'utf8')))];
    const notices = all.filter((id) => id.startsWith('slide-notice-')).length;
    const others = all.length - notices;
    // On a day with one notice: it, the others, and the notice again after every five.
    const longest = (1 + others + Math.ceil(others / 5) - 1) * 15;
    expect(longest).toBeLessThanOrEqual(600);
  });
});

describe('all day, every day', () => {
  test('a soak of 3,000 slide changes keeps the DOM and the JS heap flat', async () => {
    // The page's clock is Playwright's: ten minutes of slides at 0.2 s pass in a few seconds.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(`
      window.__changes = 0;
      new MutationObserver(function () { window.__changes++; }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-slide'] });
    `);
    const page = await context.newPage();
    try {
      await page.clock.install({ time: new Date('2023-01-12T23:50:00') });
      await page.goto(server.url + '/tv/?seconds=0.2');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const measure = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const { metrics } = await cdp.send('Performance.getMetrics');
        const get = (name: string) => metrics.find((m) => m.name === name)!.value;
        return { changes: await page.evaluate(() => (window as unknown as { __changes: number }).__changes), nodes: get('Nodes'), heap: get('JSHeapUsedSize') };
      };
      await page.clock.runFor(60_000);
      const early = await measure();
      for (let i = 0; i < 10; i++) await page.clock.runFor(60_000);
      const late = await measure();
      // Across midnight too (23:50 to 00:00 and on): the loop started again with the new day.
      expect(late.changes - early.changes).toBeGreaterThanOrEqual(2700);
      expect(late.changes).toBeGreaterThanOrEqual(3000);
      expect(late.nodes).toBeLessThanOrEqual(early.nodes * 1.02);
      expect(late.heap).toBeLessThan(early.heap * 1.25);
      console.log(`TV soak: ${late.changes} slide changes; DOM nodes ${early.nodes} → ${late.nodes}; JS heap ${(early.heap / 1e6).toFixed(2)} → ${(late.heap / 1e6).toFixed(2)} MB`);
      expect(await page.$$eval('.slide', (els) => els.filter((e) => getComputedStyle(e).visibility === 'visible').length)).toBe(1);
    } finally {
      await context.close();
    }
  });
});
