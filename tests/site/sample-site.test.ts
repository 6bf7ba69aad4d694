import { describe, expect, test, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildSite, listFiles, PROJECT } from '../helpers/build.ts';
import { serve, launchChromium, type Served } from '../helpers/serve.ts';
import { personalDataIn } from '../../src/schema/cells.ts';

/**
 * The sample street as a resident meets it: the whole built site crawled in Chromium with no
 * Content-Security-Policy violation, and no full name, mobile or ID number anywhere in dist/.
 */
describe('the built sample site', () => {
  let dist: string;
  let site: Served;
  let browser: Browser;
  beforeAll(async () => {
    dist = buildSite(PROJECT);
    site = await serve(dist);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('every page type loads with no CSP violation and no script error', async () => {
    // Every page except passbooks, and every fourth passbook (they share one template).
    const all = listFiles(dist).filter((f) => f.endsWith('.html'));
    expect(all.length).toBeGreaterThan(300);
    const isPassbook = (f: string) => /^[phmu]\//.test(f);
    const pages = [...all.filter((f) => !isPassbook(f)), ...all.filter(isPassbook).filter((_f, i) => i % 4 === 0)];
    const context = await browser.newContext();
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp = [...((window as unknown as { __csp?: string[] }).__csp ?? []), `${e.violatedDirective} ${e.blockedURI}`];
      });
    });
    const problems: string[] = [];
    const queue = [...pages];
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const page = await context.newPage();
        page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
        for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
          await page.goto(`${site.url}/${f.replace(/index\.html$/, '')}`, { waitUntil: 'load' });
          const csp = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
          for (const v of csp) problems.push(`${f}: ${v}`);
          const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
          if (!meta || meta.includes('unsafe-inline')) problems.push(`${f}: CSP missing or allows unsafe-inline`);
        }
      }),
    );
    await context.close();
    expect(problems).toEqual([]);
  }, 600_000);

  test("a ranking's pager links to a few of its pages, each of them built, and every page is reachable from the first", () => {
    // Pages of each ranking: rankings/<scheme>/<period>/index.html, …/2/index.html …
    const byRanking = new Map<string, string[]>();
    for (const f of listFiles(dist)) {
      const m = /^(rankings\/[^/]+\/[^/]+\/)(?:\d+\/)?index\.html$/.exec(f);
      if (m) byRanking.set(m[1]!, [...(byRanking.get(m[1]!) ?? []), f]);
    }
    const longest = [...byRanking].sort((a, b) => b[1].length - a[1].length)[0]!;
    const [base, files] = longest;
    // The sample's household ranking runs over more pages than the pager shows.
    expect(files.length).toBeGreaterThan(7);
    const linksOf = (file: string) => {
      const nav = /<nav class="pager"[^>]*>([\s\S]*?)<\/nav>/.exec(readFileSync(join(dist, file), 'utf8'))?.[1] ?? '';
      return [...nav.matchAll(/href="\/([^"]+)"/g)].map((m) => `${m[1]}index.html`);
    };
    // Not every page: the first page links to the pages after it and to the last.
    expect(new Set(linksOf(`${base}index.html`)).size).toBeLessThan(files.length - 1);
    const seen = new Set([`${base}index.html`]);
    const queue = [...seen];
    while (queue.length > 0) {
      const links = linksOf(queue.shift()!);
      // Nine page numbers at most, and the previous and next page.
      expect(links.length).toBeLessThanOrEqual(11);
      for (const l of links) {
        expect(files).toContain(l);
        if (!seen.has(l)) (seen.add(l), queue.push(l));
      }
    }
    expect([...seen].sort()).toEqual([...files].sort());
  });

  test('no full personal name, mobile or ID number appears anywhere in dist/', () => {
    const people = readFileSync(join(PROJECT, 'data/people.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
    const names = people.map((l) => l.split(',')[1]!).filter((n) => [...n].length >= 2);
    expect(names.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const f of listFiles(dist).filter((f) => /\.(html|json|js|css|txt|xml|svg)$/.test(f))) {
      const text = readFileSync(join(dist, f), 'utf8');
      for (const n of names) if (text.includes(n)) found.push(`${n} in ${f}`);
      for (const line of text.split('\n')) if (personalDataIn(line)) found.push(`personal data in ${f}`);
    }
    expect(found).toEqual([]);
  });

  test('no full personal name appears in the text of any poster PDF', () => {
    const people = readFileSync(join(PROJECT, 'data/people.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
    const names = people.map((l) => l.split(',')[1]!).filter((n) => [...n].length >= 2);
    const pdfs = listFiles(join(dist, 'posters')).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(10);
    const found: string[] = [];
    for (const f of pdfs) {
      const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dist, 'posters', f), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const text = raw.replace(/\s+/g, '');
      for (const n of names) if (text.includes(n)) found.push(`${n} in ${f}`);
      for (const line of raw.split('\n')) if (personalDataIn(line)) found.push(`personal data in ${f}: ${line}`);
    }
    expect(found).toEqual([]);
  }, 300_000);
});
