import { describe, expect, test, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSite } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';
import { serve, launchChromium, type Served } from '../helpers/serve.ts';
import { seriousViolations, overflows } from '../helpers/axe.ts';

describe.each([
  ['phone', 390, 844],
  ['desktop', 1280, 800],
])('a resident on a %s walks the site', (_name, width, height) => {
  let browser: Browser;
  let site: Served;
  let page: Page;
  beforeAll(async () => {
    site = await serve(buildSite(fixture()));
    browser = await launchChromium();
    // axe-core is injected as an inline script, which the site's own CSP rightly blocks.
    page = await browser.newPage({ viewport: { width, height }, bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('home → ranking → passbook → shop → story with an embedded ranking → notice', async () => {
    await page.goto(`${site.url}/`);
    expect(await page.locator('h1').textContent()).toBe('测试街道积分公示栏');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '积分排名' }).first().click();
    await page.getByRole('link', { name: '2022 年度' }).first().click();
    expect(page.url()).toBe(`${site.url}/rankings/party/2022/`);
    const firstRow = page.locator('tbody tr').first();
    expect(await firstRow.locator('td').first().textContent()).toContain('1');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);

    await firstRow.getByRole('link', { name: '王*国' }).click();
    expect(page.url()).toBe(`${site.url}/p/P1/`);
    expect(await page.locator('h1').textContent()).toContain('王*国');
    // Why this score: the bonus row, the linked household reward, the assessed evaluation.
    const why = await page.locator('table.breakdown').first().textContent();
    expect(why).toContain('街道级以上表彰');
    expect(why).toContain('联系户 H1 得分带动');
    expect(why).toContain('评定分');
    expect(await page.locator('meta[name=robots]').getAttribute('content')).toContain('noindex');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);

    await page.getByRole('link', { name: '积分超市' }).first().click();
    const catalogue = await page.locator('table').first().textContent();
    expect(catalogue).toContain('洗洁精');
    expect(catalogue).toContain('水果券');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);

    await page.goto(`${site.url}/news/first-story/`);
    expect(await page.locator('article table').first().textContent()).toContain('王*国');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${site.url}/notices/party-2022/`);
    expect(await page.locator('article').textContent()).toContain('0635-1234567');
    // The notice ended in January 2023: the status for today's date is shown, the others hidden.
    await expect.poll(() => page.locator('.notice-status [data-state="ended"]').isVisible()).toBe(true);
    expect(await page.locator('.notice-status [data-state="open"]').isVisible()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('rules, stars, honours and search pages have no serious accessibility problem', async () => {
    for (const path of ['/rules/', '/stars/', '/honors/', '/search/', '/notices/', '/news/', '/rankings/party/2022/unit/ZB1/']) {
      await page.goto(`${site.url}${path}`);
      expect(await seriousViolations(page), path).toEqual([]);
      expect(await overflows(page), path).toBe(false);
    }
  });

  test('search finds a household by house and a person by the published name', async () => {
    await page.goto(`${site.url}/search/`);
    await page.fill('#q', '1-2-202');
    await expect.poll(() => page.locator('#search-results li').count()).toBe(1);
    expect(await page.locator('#search-results a').getAttribute('href')).toBe('/h/H2/');
    await page.fill('#q', '王*');
    await expect.poll(() => page.locator('#search-results li').first().textContent()).toContain('王*国');
  });
});

describe('hostile names', () => {
  test('a name written as HTML shows as text and runs nothing', async () => {
    const root = fixture(undefined, {
      'data/merchants.csv': '编号,名称,组织\nM1,<img src=x onerror=alert(1)>,SQ1\n',
      'data/households.csv': '户号,户名,组织,联系党员\nH1,"=HYPERLINK(""http://x"")",SQ1,P1\nH2,锦园1-2-202,SQ1,P2\n',
    });
    const dist = buildSite(root);
    // The spreadsheet export shows the formula as text.
    const csv = readFileSync(join(dist, 'exports/credit-2022-01.csv'), 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    const site = await serve(dist);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${site.url}/m/M1/`);
      expect(await page.locator('h1').textContent()).toContain('<img src=x onerror=alert(1)>');
      expect(await page.locator('main img').count()).toBe(0);
      await page.goto(`${site.url}/honors/`);
      expect(await page.locator('main img').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
      await site.close();
    }
  });
});
