/**
 * Help at hand for editors: the 填报说明 page links every template, every page's footer links
 * it, and a publish made by mistake is undone with one git step (`git revert`), as the page
 * and docs/editors.md say.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, listFiles } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';

const ENV = { BOARD_TV_PICTURES: 'off' };
/** What the API publishes, without the data version (which names the commit). */
const published = (dist: string) =>
  Object.fromEntries(listFiles(join(dist, 'api')).filter((f) => f.startsWith('results/') || f.startsWith('balances/')).map((f) => [f, readFileSync(join(dist, 'api', f), 'utf8').replace(/"dataVersion": "[^"]+"/, '')]));

describe('填报说明', () => {
  let dist: string;
  beforeAll(() => {
    dist = buildSite(fixture(), ENV);
  });

  test('the page links every template, and each link is a file of the site', () => {
    const html = readFileSync(join(dist, 'guide/index.html'), 'utf8');
    const links = [...html.matchAll(/href="(\/templates\/[^"]+)"/g)].map((m) => m[1]!);
    expect(links).toContain('/templates/ledger/YYYY-MM.csv');
    expect(links.length).toBe(13);
    for (const link of links) expect(existsSync(join(dist, link)), link).toBe(true);
    expect(html).toContain('git revert');
  });

  test('every page’s footer links it', () => {
    const pages = listFiles(dist).filter((f) => f.endsWith('.html') && !f.startsWith('tv/') && !f.startsWith('posters/'));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expect(readFileSync(join(dist, page), 'utf8'), page).toContain('<a href="/guide/">填报说明</a>');
  });
});

describe('undoing a publish', () => {
  test('git revert of the data commit, and the next build publishes the figures as they were', () => {
    const root = fixture();
    const git = (...a: string[]) => execFileSync('git', ['-C', root, '-c', 'user.email=t@example.org', '-c', 'user.name=t', ...a], { stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'January');
    const before = published(buildSite(root, ENV));
    // A wrong row published: H2 gets 20 points instead of 8.
    const file = join(root, 'data/ledger/2022-01-households.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('H2,C02,8,', 'H2,C02,20,'));
    git('commit', '-qam', 'wrong points');
    const wrong = published(buildSite(root, ENV));
    expect(wrong).not.toEqual(before);
    git('revert', '--no-edit', 'HEAD');
    expect(published(buildSite(root, ENV))).toEqual(before);
  });
});
