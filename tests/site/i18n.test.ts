import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import zh from '../../src/i18n/zh-CN.json' with { type: 'json' };
import en from '../../src/i18n/en.json' with { type: 'json' };
import { buildSite } from '../helpers/build.ts';
import { fixture, FIXTURES } from '../helpers/fixture.ts';
import { translator } from '../../src/i18n/index.ts';

describe('locales', () => {
  test('English has every key Chinese has, and no other', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });
  test('no English string is left empty', () => {
    expect(Object.entries(en).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  test('a label fills each placeholder from its arguments, the same label again with others, and leaves one without its argument as written', () => {
    const t = translator('zh-CN');
    expect(t('ranking.page', { n: 2, total: 7 })).toBe('第 2 页 / 共 7 页');
    expect(t('ranking.page', { n: 3, total: 7 })).toBe('第 3 页 / 共 7 页');
    expect(t('ranking.page', { n: 1 })).toBe('第 1 页 / 共 {total} 页');
    expect(t('ranking.title', { scheme: '党员积分', period: '2022 年度' })).toBe('党员积分 · 2022 年度');
    expect(translator('en')('ranking.page', { n: 2, total: 7 })).not.toBe('第 2 页 / 共 7 页');
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
