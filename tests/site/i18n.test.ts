import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import zh from '../../src/i18n/zh-CN.json' with { type: 'json' };
import en from '../../src/i18n/en.json' with { type: 'json' };
import { buildSite } from '../helpers/build.ts';
import { fixture, FIXTURES } from '../helpers/fixture.ts';

describe('locales', () => {
  test('English has every key Chinese has, and no other', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });
  test('no English string is left empty', () => {
    expect(Object.entries(en).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  test('locale: en builds the whole site in English', () => {
    const site = readFileSync(join(FIXTURES, '_base/data/site.yaml'), 'utf8');
    const dist = buildSite(fixture(undefined, { 'data/site.yaml': `${site}locale: en\n` }));
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(home).toContain('<html lang="en"');
    expect(home).toContain('>Rankings<');
    const shop = readFileSync(join(dist, 'shop/index.html'), 'utf8');
    expect(shop).toContain('Voucher');
    expect(shop).not.toContain('积分超市');
    const passbook = readFileSync(join(dist, 'p/P1/index.html'), 'utf8');
    expect(passbook).toContain('Why this score');
  });
});
