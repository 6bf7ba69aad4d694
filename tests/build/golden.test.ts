import { describe, expect, test, beforeAll } from 'vitest';
import { readFileSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { buildSite, buildSiteWithLog, listFiles, hashTree } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';

/**
 * Golden output: the small `_base` data folder in, the expected `dist/api` out. The expected
 * files in tests/golden/base-api/ were checked by hand against the rules (see README of the
 * folder). `dataVersion` differs per checkout, so it is compared as a placeholder.
 * Set UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review the diff.
 */
const GOLDEN = join(import.meta.dirname, '..', 'golden', 'base-api');
const normalise = (text: string) => text.replace(/"dataVersion": "[^"]+"/g, '"dataVersion": "<data version>"');

describe('golden build of the base fixture', () => {
  let dist: string;
  beforeAll(() => {
    dist = buildSite(fixture());
  });

  test('dist/api holds exactly the expected files with the expected content', () => {
    const got = listFiles(join(dist, 'api'));
    if (process.env.UPDATE_GOLDEN) {
      for (const f of got) {
        mkdirSync(dirname(join(GOLDEN, f)), { recursive: true });
        writeFileSync(join(GOLDEN, f), normalise(readFileSync(join(dist, 'api', f), 'utf8')));
      }
    }
    expect(got).toEqual(listFiles(GOLDEN));
    for (const f of got) {
      expect(normalise(readFileSync(join(dist, 'api', f), 'utf8')), f).toBe(readFileSync(join(GOLDEN, f), 'utf8'));
    }
  });

  test('every file carries the data version', () => {
    for (const f of listFiles(join(dist, 'api'))) {
      expect(JSON.parse(readFileSync(join(dist, 'api', f), 'utf8')).dataVersion, f).toMatch(/^([0-9a-f]{12}|sha256-[0-9a-f]{12})$/);
    }
  });

  test('building again, in another time zone and language, gives identical bytes and renders no poster or TV picture again', () => {
    const again = buildSiteWithLog(fixture(), { TZ: 'America/Los_Angeles', LANG: 'en_US.UTF-8' });
    expect(hashTree(again.out)).toEqual(hashTree(dist));
    expect(again.log).toMatch(/\d+ posters, \d+ pages: 0 rendered, \d+ from cache/);
    expect(again.log).toMatch(/TV pictures: 0 drawn, [1-9]\d* from cache with the new stamp \(\d+ ms, on (a|\d+) worker threads?, alongside the pages\); \d+ files/);
  });

  test('the print shop folder lists every poster with its size, pages and bleed', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'posters/manifest.json'), 'utf8'));
    const files = manifest.files.map((f: { file: string }) => f.file);
    expect(files).toContain('notice-party-2022.pdf');
    expect(files).toContain('ranking-party-2022.pdf');
    expect(files).toContain('stars-stars-2022.pdf');
    expect(files).toContain('shop-prices.pdf');
    expect(files).toContain('honors.pdf');
    for (const f of files) expect(existsSync(join(dist, 'posters', f)), f).toBe(true);
    expect(manifest.files.find((f: { file: string }) => f.file === 'notice-party-2022.pdf')).toMatchObject({ size: 'A3', widthMm: 297, heightMm: 420, bleed: 0 });
    expect(readFileSync(join(dist, 'posters/index.html'), 'utf8')).toContain('notice-party-2022.pdf');
  });

  test('no full personal name of the data appears anywhere in dist/', () => {
    const names = ['王建国', '李红', '赵小明'];
    for (const f of listFiles(dist)) {
      const text = readFileSync(join(dist, f), 'utf8');
      for (const n of names) expect(text.includes(n), `${n} in ${f}`).toBe(false);
    }
    expect(existsSync(join(dist, 'p/P1/index.html'))).toBe(true);
  });
});
