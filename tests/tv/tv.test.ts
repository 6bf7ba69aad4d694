/**
 * The TV in the service hall, built from the hall fixture (302 party members, four screens)
 * and watched in headless Chromium: layout on three screens, timing, a whole ranking, no
 * blank frame, offline, a new build, and the PNG slides for a TV without a browser.
 *
 * Screenshots of a few slides per screen land in $TV_SCREENSHOTS (default: <tmp>/tv-screenshots)
 * for a look by eye.
 */
import { describe, expect, test, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite, listFiles } from '../helpers/build.ts';
import { getBoard, type Board } from '../../src/view/board.ts';
import { screensOf, pictureSlides, PAGE_SLIDES } from '../../src/tv/slides.ts';
import { pictureChrome } from '../../src/tv/pictures.ts';
import { pictureKey, pictureSize, slidePng } from '../../src/tv/png.ts';
import { renderPicture } from '../../src/tv/draw.ts';
import { defaultPosterFonts } from '../../src/render/fonts.ts';
import { hallFixture } from './hall-fixture.ts';
import { serveDist, launchChromium, VIEWPORTS, type DistServer } from './serve.ts';
import { measureSlides } from './measure.ts';
import { tempDir } from '../helpers/temp.ts';

const SHOTS = process.env.TV_SCREENSHOTS ?? join(tmpdir(), 'tv-screenshots');

let root: string;
let dist: string;
let cache: string;
let board: Board;
let browser: Browser;
let server: DistServer;

beforeAll(async () => {
  root = hallFixture();
  cache = tempDir('tv-cache-');
  dist = buildSite(root, { BOARD_TV_CACHE: cache });
  board = getBoard(root);
  server = await serveDist(dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface LogEntry {
  id: string;
  index: number;
  count: number;
  loop: number;
  t: number;
  names: string[];
}

/**
 * Records every slide change (and the names on the slide) from the first moment of the page,
 * and the fewest slides visible in any animation frame.
 */
const RECORDER = `
  window.__tvLog = [];
  window.__tvMinVisible = Infinity;
  new MutationObserver(function (records) {
    records.forEach(function (m) {
      if (m.attributeName !== 'data-slide') return;
      var b = m.target;
      window.__tvLog.push({
        id: b.getAttribute('data-slide'), index: +b.getAttribute('data-index'), count: +b.getAttribute('data-count'),
        loop: +b.getAttribute('data-loop'), t: performance.now(),
        names: Array.prototype.map.call(document.querySelectorAll('.slide.is-active [data-col=name]'), function (e) { return e.textContent; }),
      });
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-slide'] });
  (function frame() {
    if (document.body && document.body.getAttribute('data-slide')) {
      var shown = 0;
      document.querySelectorAll('.slide').forEach(function (s) { if (getComputedStyle(s).visibility === 'visible') shown++; });
      window.__tvMinVisible = Math.min(window.__tvMinVisible, shown);
    }
    requestAnimationFrame(frame);
  })();
`;

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors, CSP violations among them. */
  errors: string[];
}

async function open(srv: DistServer, path: string, options: { viewport?: (typeof VIEWPORTS)[number]; time?: string } = {}): Promise<Opened> {
  const vp = options.viewport ?? VIEWPORTS[0];
  const context = await browser.newContext({ viewport: vp.viewport, deviceScaleFactor: vp.deviceScaleFactor });
  await context.addInitScript(RECORDER);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    // Not errors of the TV: network failures the offline test provokes, and the warning that
    // the site's <meta> Content-Security-Policy cannot carry frame-ancestors.
    if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|Failed to load resource|'frame-ancestors' is ignored/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  if (options.time) await page.clock.setFixedTime(new Date(options.time));
  await page.goto(srv.url + path);
  await page.waitForFunction(() => document.body.getAttribute('data-slide') !== null);
  return { context, page, errors };
}

const log = (page: Page) => page.evaluate(() => (window as unknown as { __tvLog: LogEntry[] }).__tvLog);

describe('the slideshow pages', () => {
  test('one page per screen, each carrying the data version of version.json', () => {
    const version = JSON.parse(readFileSync(join(dist, 'version.json'), 'utf8')).dataVersion as string;
    for (const path of ['tv/index.html', 'tv/hall/index.html', 'tv/upright/index.html', 'tv/short/index.html', 'tv/notices/index.html']) {
      expect(readFileSync(join(dist, path), 'utf8')).toContain(`<meta name="data-version" content="${version}">`);
    }
  });

  test('no inline script, no inline style: ready for a Content-Security-Policy without unsafe-inline', () => {
    // Five screens' pages and the parts of their slides.
    const pages = listFiles(join(dist, 'tv')).filter((f) => f.endsWith('.html'));
    expect(pages.filter((f) => !f.includes('parts/')).length).toBe(5);
    for (const f of pages) {
      const html = readFileSync(join(dist, 'tv', f), 'utf8');
      expect(html, f).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html, f).not.toMatch(/<style[\s>]|\sstyle=/);
      expect(html, f).not.toMatch(/\son[a-z]+=/);
    }
  });

  test('the page holds the first slides, the parts it names the rest: every slide of the screen once, in playing order', () => {
    const ids = (html: string) => [...html.matchAll(/<section[^>]* id="(slide-[^"]+)"/g)].map((m) => m[1]!);
    const html = readFileSync(join(dist, 'tv/hall/index.html'), 'utf8');
    const parts = JSON.parse(/data-parts="([^"]*)"/.exec(html)![1]!.replaceAll('&quot;', '"')) as { href: string; n: number }[];
    expect(parts.length).toBeGreaterThan(1);
    const shown = ids(html).filter((id) => id !== 'slide-idle');
    expect(shown.length).toBeLessThanOrEqual(PAGE_SLIDES);
    for (const part of parts) {
      expect(part.href).toMatch(new RegExp(`^/tv/hall/parts/\\d+/\\?v=${board.version.id}$`));
      const fragment = readFileSync(join(dist, part.href.replace(/\?.*$/, ''), 'index.html'), 'utf8');
      expect(ids(fragment).length).toBe(part.n);
      shown.push(...ids(fragment));
    }
    expect(shown).toEqual(screensOf(board)[1]!.slides.map((s) => `slide-${s.id}`));
  });
});

describe('layout', () => {
  for (const vp of VIEWPORTS) {
    for (const path of ['/tv/', '/tv/upright/']) {
      test(`${path} at ${vp.name}: no overflow, all text in the title-safe area, nothing cut or overlapping, body text ≥ 40 px at 1080p`, async () => {
        // A day in the notice period, so the notice and its days left are on screen.
        const { context, page, errors } = await open(server, `${path}?seconds=3600`, { viewport: vp, time: '2023-01-07T09:30:00' });
        try {
          // Every slide is measured, those of the parts fetched after the page too.
          await page.waitForFunction(() => document.body.getAttribute('data-parts-loaded') === 'all', undefined, { timeout: 30000 });
          expect(await page.locator('.slide').count()).toBe(screensOf(board).find((s) => s.path === path)!.slides.length + 1);
          expect(await page.locator('.slide.is-active .days-left').first().textContent()).toBe('还剩 5 天');
          expect(await page.evaluate(measureSlides)).toEqual([]);
          // Screenshots to look at.
          const dir = join(SHOTS, `${vp.name}${path.replaceAll('/', '-').replace(/-$/, '')}`);
          mkdirSync(dir, { recursive: true });
          const ids = await page.$$eval('.slide', (els) => els.map((e) => e.id));
          const wanted = ids.filter((id, i) => i < 3 || /-1$|stars-[a-z]+-\d{4}$|idle/.test(id));
          for (const id of wanted) {
            await page.evaluate((id) => document.querySelectorAll('.slide').forEach((s) => s.classList.toggle('is-active', s.id === id)), id);
            await page.screenshot({ path: join(dir, `${id}.png`) });
          }
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('the player', () => {
  test('slides advance on time (?seconds=1), with no frame that shows none', async () => {
    const { context, page, errors } = await open(server, '/tv/short/?seconds=1');
    try {
      await page.waitForFunction(() => (window as unknown as { __tvLog: unknown[] }).__tvLog.length >= 7, undefined, { timeout: 20000 });
      const entries = await log(page);
      const gaps = entries.slice(1).map((e, i) => e.t - entries[i]!.t);
      for (const gap of gaps) expect(gap).toBeGreaterThan(900);
      for (const gap of gaps) expect(gap).toBeLessThan(1600);
      const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      expect(mean).toBeGreaterThan(950);
      expect(mean).toBeLessThan(1250);
      // The loop plays the screen's slides in order, again and again.
      expect(entries.map((e) => e.id)).toEqual(entries.map((_, i) => ['slide-news-1', 'slide-shop-2022-01-1', 'slide-honors-2022-01-1'][i % 3]));
      expect(await page.evaluate(() => (window as unknown as { __tvMinVisible: number }).__tvMinVisible)).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the clock shows the TV’s time and date', async () => {
    const { context, page } = await open(server, '/tv/short/', { time: '2023-01-07T09:30:00' });
    try {
      expect(await page.locator('#clock-time').textContent()).toBe('09:30');
      expect(await page.locator('#clock-date').textContent()).toBe('2023年1月7日 星期六');
      expect(await page.locator('.foot-right').textContent()).toBe(`数据版本 ${board.version.id}`);
    } finally {
      await context.close();
    }
  });

  test('the picture moves a few pixels over time against burn-in, never more than 8', async () => {
    const { context, page } = await open(server, '/tv/short/?seconds=3600&shift=1');
    try {
      const seen = new Set<string>();
      for (let i = 0; i < 4; i++) {
        await page.waitForTimeout(1100);
        seen.add(await page.evaluate(() => document.getElementById('stage')!.style.transform));
      }
      expect(seen.size).toBeGreaterThanOrEqual(3);
      for (const t of seen) {
        const [, x, y] = /^translate\((-?\d+)px, (-?\d+)px\)$/.exec(t)!;
        expect(Math.abs(Number(x))).toBeLessThanOrEqual(8);
        expect(Math.abs(Number(y))).toBeLessThanOrEqual(8);
      }
    } finally {
      await context.close();
    }
  });

  test('a notice plays only in its notice period, by the TV’s own date', async () => {
    const during = await open(server, '/tv/upright/?seconds=0.3', { time: '2023-01-11T20:00:00' });
    const after = await open(server, '/tv/upright/?seconds=0.3', { time: '2023-01-12T08:00:00' });
    try {
      for (const o of [during, after]) await o.page.waitForFunction(() => Number(document.body.getAttribute('data-loop')) >= 2, undefined, { timeout: 30000 });
      const firstLoop = async (page: Page) => (await log(page)).filter((e) => e.loop === 1).map((e) => e.id);
      expect(await firstLoop(during.page)).toContain('slide-notice-party-2022');
      expect(await during.page.locator('#slide-notice-party-2022 .days-left').textContent()).toBe('还剩 1 天');
      expect(await firstLoop(after.page)).not.toContain('slide-notice-party-2022');
    } finally {
      await during.context.close();
      await after.context.close();
    }
  });

  test('a whole ranking of 302 is shown across its pages, in rank order', async () => {
    const { context, page } = await open(server, '/tv/hall/?seconds=0.2');
    try {
      await page.waitForFunction(() => Number(document.body.getAttribute('data-loop')) >= 2, undefined, { timeout: 90000 });
      const loop = (await log(page)).filter((e) => e.loop === 1);
      expect(loop.map((e) => e.index)).toEqual(loop.map((_, i) => i));
      expect(loop.length).toBe(loop[0]!.count);
      const shown = loop.filter((e) => e.id.startsWith('slide-ranking-party-2022-')).flatMap((e) => e.names);
      const api = JSON.parse(readFileSync(join(dist, 'api/results/party/2022.json'), 'utf8')) as { rows: { name: string }[] };
      expect(api.rows.length).toBe(302);
      expect(shown).toEqual(api.rows.map((r) => r.name));
    } finally {
      await context.close();
    }
  });
});

describe('a day with nothing to play', () => {
  test('a notices-only screen outside every notice period shows the idle slide alone: the board’s name, the clock and a QR code to the site', async () => {
    const { context, page, errors } = await open(server, '/tv/notices/?seconds=0.3', { time: '2024-06-01T10:00:00' });
    try {
      await page.waitForTimeout(1500);
      const visible = await page.$$eval('.slide', (els) => els.filter((e) => getComputedStyle(e).visibility === 'visible').map((e) => e.id));
      expect(visible).toEqual(['slide-idle']);
      expect(await page.locator('.kicker').textContent()).toBe('测试街道积分公示栏');
      expect(await page.locator('#slide-idle .title').textContent()).toBe('测试街道党工委');
      expect(await page.locator('#clock-time').textContent()).toBe('10:00');
      expect(await page.locator('#slide-idle .qr-caption').textContent()).toBe('扫码打开公示栏网站');
      expect(await page.evaluate(measureSlides)).toEqual([]);
      mkdirSync(SHOTS, { recursive: true });
      const shot = join(SHOTS, 'idle.png');
      await page.evaluate(() => document.querySelectorAll('.slide').forEach((s) => s.classList.toggle('is-active', s.id === 'slide-idle')));
      await page.screenshot({ path: shot });
      expect(execFileSync('zbarimg', ['-q', '--raw', shot], { encoding: 'utf8' }).trim()).toBe('https://example.org/');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a ranking slide’s QR code, as the TV shows it, leads to that ranking on the site', async () => {
    const { context, page } = await open(server, '/tv/?seconds=3600', { time: '2024-06-01T10:00:00' });
    try {
      const id = await page.evaluate(() => document.querySelector('.slide-ranking')!.id);
      await page.evaluate((id) => document.querySelectorAll('.slide').forEach((s) => s.classList.toggle('is-active', s.id === id)), id);
      mkdirSync(SHOTS, { recursive: true });
      const shot = join(SHOTS, 'ranking-qr.png');
      await page.screenshot({ path: shot });
      expect(execFileSync('zbarimg', ['-q', '--raw', shot], { encoding: 'utf8' }).trim()).toBe('https://example.org/rankings/party/2022/');
    } finally {
      await context.close();
    }
  });
});

describe('unattended', () => {
  test('with the network cut the loop goes on, and a restart plays from the service worker', async () => {
    const own = await serveDist(dist);
    const { context, page } = await open(own, '/tv/short/?seconds=0.5&check=1');
    try {
      // The worker has taken over and keeps the page, its two files and the part with the third slide.
      // Polled from here: page.waitForFunction does not wait for an async predicate's answer (its
      // promise counts as true at once), which let this test cut the network before anything was
      // kept, and fail about one run in four.
      const allKept = () =>
        page.evaluate(async () => {
          if (navigator.serviceWorker.controller === null) return false;
          const parts = (JSON.parse(document.getElementById('slides')!.getAttribute('data-parts') ?? '[]') as { href: string }[]).map((p) => p.href);
          if (parts.length !== 1) throw new Error(`expected one part, got ${parts.length}`);
          const files = [location.pathname, ...parts, ...Array.from(document.querySelectorAll('link[rel="stylesheet"], script[src]'), (e) => e.getAttribute('href') ?? e.getAttribute('src')!)];
          const kept = await Promise.all(files.map((f) => caches.match(new URL(f, location.href).href)));
          return kept.every(Boolean);
        });
      await expect.poll(allKept, { timeout: 30000, interval: 250 }).toBe(true);
      await context.setOffline(true);
      await own.close();
      const before = (await log(page)).length;
      await page.waitForTimeout(3000);
      const entries = await log(page);
      expect(entries.length - before).toBeGreaterThanOrEqual(4);
      expect(entries.at(-1)!.loop).toBeGreaterThan(entries[before - 1]!.loop);

      await page.reload();
      await page.waitForFunction(() => document.body.getAttribute('data-slide') !== null);
      await page.waitForFunction(() => (window as unknown as { __tvLog: unknown[] }).__tvLog.length >= 4, undefined, { timeout: 10000 });
      expect(await page.locator('.slide').count()).toBe(4); // three and the idle slide
    } finally {
      await context.close();
    }
  });

  test('after a new build exactly one reload happens, at the end of a loop, into the new version', async () => {
    const own = await serveDist(dist);
    const { context, page, errors } = await open(own, '/tv/short/?seconds=1&check=1');
    try {
      await page.waitForFunction(() => (window as unknown as { __tvLog: unknown[] }).__tvLog.length >= 2, undefined, { timeout: 10000 });
      let reloads = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) reloads++;
      });
      const next = 'feedbeef0001';
      own.publish(next, { pages: true });
      await page.waitForFunction((v) => document.querySelector('meta[name="data-version"]')?.getAttribute('content') === v, next, { timeout: 30000 });
      const from = JSON.parse((await page.evaluate(() => sessionStorage.getItem('tv-reload')))!) as { from: string; to: string; index: number; count: number };
      expect(from).toMatchObject({ from: board.version.id, to: next, index: from.count - 1 });
      expect(from.count).toBe(3);
      // The new page was loaded before the reload: verified with a cache-busting request.
      expect(own.requests.some((r) => r.startsWith('/tv/short/?tvnew=' + next))).toBe(true);
      expect(own.requests.some((r) => /^\/version\.json\?t=\d+$/.test(r))).toBe(true);
      await page.waitForTimeout(5000);
      expect(reloads).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await own.close();
    }
  });

  test('a new version.json whose pages are not out yet causes no reload', async () => {
    const own = await serveDist(dist);
    const { context, page } = await open(own, '/tv/short/?seconds=0.5&check=1');
    try {
      let reloads = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) reloads++;
      });
      own.publish('feedbeef0002');
      await page.waitForTimeout(6000);
      expect(own.requests.some((r) => r.startsWith('/tv/short/?tvnew=feedbeef0002'))).toBe(true);
      expect(Math.max(...(await log(page)).map((e) => e.loop))).toBeGreaterThanOrEqual(3);
      expect(reloads).toBe(0);
    } finally {
      await context.close();
      await own.close();
    }
  });
});

describe('PNG slides for a TV without a browser', () => {
  const pngSize = (file: string) => {
    const b = readFileSync(file);
    expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  };

  test('every slide of /tv/ as a 1920×1080 PNG under dist/tv/slides/, numbered in playing order', () => {
    const slides = pictureSlides(screensOf(board)[0]!, board);
    const files = readdirSync(join(dist, 'tv/slides')).sort();
    expect(files).toEqual(slides.map((_, i) => `${String(i + 1).padStart(3, '0')}.png`));
    for (const f of files) expect(pngSize(join(dist, 'tv/slides', f))).toEqual({ width: 1920, height: 1080 });
  });

  test('each screen gets its own set, upright screens 1080×1920', () => {
    for (const screen of screensOf(board).slice(1)) {
      const files = readdirSync(join(dist, 'tv', screen.id!, 'slides')).sort();
      expect(files.length).toBe(pictureSlides(screen, board).length);
      expect(pngSize(join(dist, 'tv', screen.id!, 'slides', files[0]!))).toEqual(pictureSize(screen.orientation));
    }
  });

  test('the same slide gives the same bytes, drawn again without the cache', async () => {
    const screen = screensOf(board)[0]!;
    const slide = pictureSlides(screen, board)[1]!;
    const fresh = tempDir('tv-cache-');
    const saved = process.env.BOARD_TV_CACHE;
    process.env.BOARD_TV_CACHE = fresh;
    try {
      const png = await slidePng(slide, pictureChrome(board), { orientation: 'landscape' });
      expect(Buffer.from(png).equals(readFileSync(join(dist, 'tv/slides/002.png')))).toBe(true);
      expect(readdirSync(fresh)).toHaveLength(1);
      // Drawn in this thread instead of the worker (BOARD_TV_WORKER=off): the same bytes.
      const here = await renderPicture({ file: join(tempDir('tv-cache-'), 'x.png'), slide, chrome: pictureChrome(board), options: { orientation: 'landscape' } });
      expect(here.drawn).toBe(true);
      expect(Buffer.from(here.png).equals(Buffer.from(png))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.BOARD_TV_CACHE;
      else process.env.BOARD_TV_CACHE = saved;
    }
  });

  test('a new data version draws no slide again: the kept picture gets the new stamp', async () => {
    const slide = pictureSlides(screensOf(board)[0]!, board)[1]!;
    const chrome = pictureChrome(board);
    const next = { ...chrome, version: '数据版本 feedbeef0001', date: '2023年2月1日' };
    const options = { orientation: 'landscape' } as const;
    const fonts = defaultPosterFonts();
    expect(pictureKey(slide, next, options, fonts)).toBe(pictureKey(slide, chrome, options, fonts));
    const saved = process.env.BOARD_TV_CACHE;
    const fresh = tempDir('tv-cache-');
    try {
      process.env.BOARD_TV_CACHE = cache;
      const kept = readdirSync(cache).length;
      const png = Buffer.from(await slidePng(slide, next, options));
      expect(readdirSync(cache).length).toBe(kept);
      expect(png.equals(readFileSync(join(dist, 'tv/slides/002.png')))).toBe(false);
      // Stamped over the kept picture: the same bytes as drawn from nothing with the new stamp.
      process.env.BOARD_TV_CACHE = fresh;
      expect(png.equals(Buffer.from(await slidePng(slide, next, options)))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.BOARD_TV_CACHE;
      else process.env.BOARD_TV_CACHE = saved;
    }
  });

  test('the build kept every picture in the content-addressed cache, once per distinct slide', () => {
    const fonts = defaultPosterFonts();
    const chrome = pictureChrome(board);
    const keys = new Set(screensOf(board).flatMap((s) => pictureSlides(s, board).map((slide) => `${pictureKey(slide, chrome, { orientation: s.orientation }, fonts)}.png`)));
    const kept = readdirSync(cache).filter((f) => f.endsWith('.png'));
    expect(new Set(kept)).toEqual(keys);
    // The hall screen repeats slides of /tv/: drawn once, kept once.
    expect(keys.size).toBeLessThan(screensOf(board).reduce((n, s) => n + pictureSlides(s, board).length, 0));
    for (const k of keys) expect(existsSync(join(cache, k))).toBe(true);
  });
});
