/**
 * The incremental build: a passbook whose content did not change is copied from the build
 * before (Astro's incremental build, keyed in src/build/stamp.ts), and the data version in its footer
 * is filled in afterwards. What an editor relies on: the site after an edit is exactly the site
 * a build from nothing gives for the same data, and the footer shows the new version.
 */
import { describe, expect, test, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hallFixture } from '../tv/hall-fixture.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSiteWithLog, hashTree, listFiles } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';
import { tempDir } from '../helpers/temp.ts';

/** Pages whose footer still holds a placeholder: there must be none. */
const unstamped = (dist: string) => listFiles(dist).filter((f) => f.endsWith('.html') && readFileSync(join(dist, f), 'utf8').includes('@@board:'));
const copied = (log: string) => (log.match(/\((restored|cached)\)/g) ?? []).length;
/** The pages the build copied ahead from the build before, while it listed the pages (src/build/carry.ts). */
const carriedAhead = (log: string) => Number(/(\d+) of them copied ahead/.exec(log)?.[1]);
/**
 * The HTML pages a build rendered, and those it copied from the build before, from its log.
 * Astro logs a copied page as "├─ /p/P1/index.html (restored)" (or "(cached)"); a rendered
 * page's time comes later, elsewhere in the log, as it renders eight pages at a time.
 */
function pagesOf(log: string): { rendered: Set<string>; copied: Set<string> } {
  const out = { rendered: new Set<string>(), copied: new Set<string>() };
  for (const m of log.matchAll(/├─ (\/\S*?index\.html)( \((?:restored|cached)\))?/g)) (m[2] ? out.copied : out.rendered).add(m[1]!);
  return out;
}
const rendered = (log: string, page: string) => pagesOf(log).rendered.has(page);
const wasCopied = (log: string, page: string) => pagesOf(log).copied.has(page);
/** A build environment with its own Astro cache, kept from one build to the next; no TV pictures (not what these tests are about, and they keep the builds short). */
const cachedNoPictures = () => ({ BOARD_CACHE_DIR: tempDir('board-astro-cache-'), BOARD_TV_PICTURES: 'off' });
/** Rewrites the ledger file of January 2022. */
const editLedger = (root: string, edit: (text: string) => string) => {
  const ledger = join(root, 'data/ledger/2022-01.csv');
  writeFileSync(ledger, edit(readFileSync(ledger, 'utf8')));
};
const footerVersion = (dist: string, page: string) => /数据版本：<code>([^<]+)<\/code>（([^）]+)）/.exec(readFileSync(join(dist, page, 'index.html'), 'utf8'))?.slice(1);

describe('building again after an edit', () => {
  let root: string;
  let cache: string;
  let first: { out: string; log: string };
  beforeAll(() => {
    root = fixture();
    cache = tempDir('board-astro-cache-');
    first = buildSiteWithLog(root, { BOARD_CACHE_DIR: cache });
  });

  test('one ledger row changed: the passbooks it did not touch are copied, and the site equals a build from nothing', () => {
    const ledger = join(root, 'data/ledger/2022-01.csv');
    const before = readFileSync(ledger, 'utf8');
    writeFileSync(ledger, before.replace('2022-01-08,P3,V01,,75,', '2022-01-08,P3,V01,,120,'));
    const again = buildSiteWithLog(root, { BOARD_CACHE_DIR: cache });
    const cold = buildSiteWithLog(root);
    expect(hashTree(again.out)).toEqual(hashTree(cold.out));
    expect(copied(cold.log)).toBe(0);
    expect(carriedAhead(cold.log)).toBe(0);
    // Every page Astro took from the build before was already in place, copied ahead.
    expect(carriedAhead(again.log)).toBeGreaterThanOrEqual(copied(again.log));
    // P3's own passbook is drawn again; P1's is copied, with the new version in its footer.
    expect(copied(again.log)).toBeGreaterThan(0);
    expect(rendered(again.log, '/p/P3/index.html')).toBe(true);
    expect(wasCopied(again.log, '/p/P1/index.html')).toBe(true);
    const [version] = footerVersion(again.out, 'p/P1')!;
    expect(version).not.toBe(footerVersion(first.out, 'p/P1')![0]);
    expect(version).toBe(JSON.parse(readFileSync(join(again.out, "version.json"), "utf8")).dataVersion);
    expect(unstamped(again.out)).toEqual([]);
  });

  test('a row’s note and reviewer edited in place, no point changed: that passbook shows the new words, as a build from nothing does', () => {
    // The key hashes a fingerprint of each row's content (src/domain/ledger.ts), not the rows:
    // a fix to a note changes no score, and must still reach the page.
    editLedger(root, (text) => text.replace('2022-01-05,P1,R02,,,,表彰,刘书记,', '2022-01-05,P1,R02,,,,街道表彰大会,王审核,'));
    const again = buildSiteWithLog(root, { BOARD_CACHE_DIR: cache });
    expect(rendered(again.log, '/p/P1/index.html')).toBe(true);
    expect(wasCopied(again.log, '/p/P3/index.html')).toBe(true);
    const page = readFileSync(join(again.out, 'p/P1/index.html'), 'utf8');
    expect(page).toContain('街道表彰大会');
    expect(page).toContain('王审核');
    expect(hashTree(again.out)).toEqual(hashTree(buildSiteWithLog(root).out));
  });

  test('an assessment’s reviewer changed, no score: that passbook shows the new name, as a build from nothing does', () => {
    // A period's key holds its assessment sheet row and its rows; the categories' figures follow
    // from them and the scheme (src/domain/score.ts, Breakdown.toJSON). No total or rank moves
    // here: only the sheet row's part of the key can draw the page again.
    const sheet = join(root, 'data/assessments/2022-party.csv');
    writeFileSync(sheet, readFileSync(sheet, 'utf8').replace('2022,party,P1,18,评议组', '2022,party,P1,18,街道评议组'));
    const again = buildSiteWithLog(root, { BOARD_CACHE_DIR: cache });
    expect(rendered(again.log, '/p/P1/index.html')).toBe(true);
    expect(readFileSync(join(again.out, 'p/P1/index.html'), 'utf8')).toContain('街道评议组');
    expect(hashTree(again.out)).toEqual(hashTree(buildSiteWithLog(root).out));
  });

  test('another member passes one in the ranking: the passbook of the one passed shows its new rank, though none of its rows changed', () => {
    // The party's 2022 ranking: P1 88, P2 81. P2 is commended twice (+10, 91) and passes P1,
    // whose rows and sheet row stay as they were: only P1's rank moves (1 → 2).
    const passbookText = (dist: string) => readFileSync(join(dist, 'p/P1/index.html'), 'utf8');
    expect(passbookText(buildSiteWithLog(root, { BOARD_CACHE_DIR: cache }).out)).not.toContain('第 2 名');
    editLedger(root, (text) => `${text}2022-01-10,P2,R02,,,,表彰,刘书记,已核实\n2022-01-12,P2,R02,,,,表彰,刘书记,已核实\n`);
    const again = buildSiteWithLog(root, { BOARD_CACHE_DIR: cache });
    expect(rendered(again.log, '/p/P1/index.html')).toBe(true);
    expect(wasCopied(again.log, '/p/P3/index.html')).toBe(true);
    expect(passbookText(again.out)).toContain('第 2 名');
    expect(hashTree(again.out)).toEqual(hashTree(buildSiteWithLog(root).out));
  });

  test('a TV or poster setting changed: no passbook is drawn again, and the site equals a build from nothing', () => {
    const site = join(root, 'data/site.yaml');
    writeFileSync(site, `${readFileSync(site, 'utf8')}tv: { slideSeconds: 20, rankingTop: 1 }\nposters: { size: A4 }\n`);
    const again = buildSiteWithLog(root, { BOARD_CACHE_DIR: cache });
    expect(again.log).toMatch(/├─ \/p\/P1\/index\.html \((restored|cached)\)/);
    expect([...pagesOf(again.log).rendered].filter((p) => /^\/[phmu]\//.test(p))).toEqual([]);
    expect(unstamped(again.out)).toEqual([]);
    expect(hashTree(again.out)).toEqual(hashTree(buildSiteWithLog(root).out));
  });

  test('the site name changed: every passbook is drawn again', () => {
    const site = join(root, 'data/site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace('name: 测试街道积分公示栏', 'name: 测试街道积分公示墙'));
    const again = buildSiteWithLog(root, { BOARD_CACHE_DIR: cache });
    expect(copied(again.log)).toBe(0);
    expect(readFileSync(join(again.out, 'p/P1/index.html'), 'utf8')).toContain('测试街道积分公示墙');
    expect(hashTree(again.out)).toEqual(hashTree(buildSiteWithLog(root).out));
  });
  test('a new item in the shop: a household passbook that did not change says what its balance buys now, as a build from nothing does', () => {
    // H2 has 8 points and no new rows: its book is the same, what it can buy is not (a 7-point haircut).
    const items = join(root, 'data/shop/items.csv');
    writeFileSync(items, `${readFileSync(items, 'utf8')}S01,理发,7,服务,次,,\n`);
    const again = buildSiteWithLog(root, { BOARD_CACHE_DIR: cache });
    expect(readFileSync(join(again.out, 'h/H2/index.html'), 'utf8')).toContain('理发');
    expect(hashTree(again.out)).toEqual(hashTree(buildSiteWithLog(root).out));
  });
});

describe('a ranking over several pages', () => {
  // Five builds: 80 s on a quiet machine, past the default two minutes when it is shared.
  test('a change elsewhere: its pages past the first are copied, the first is rendered, and the site equals a build from nothing', { timeout: 400_000 }, () => {
    const root = hallFixture();
    const env = cachedNoPictures();
    const first = buildSiteWithLog(root, env);
    expect(rendered(first.log, '/rankings/party/2022/2/index.html')).toBe(true);
    expect(rendered(first.log, '/rankings/party/2022/unit/ZB2/index.html')).toBe(true);
    editLedger(root, (text) => text.replace('2022-01-08,P3,V01,,75,', '2022-01-08,P3,V01,,120,'));
    const again = buildSiteWithLog(root, env);
    expect(again.log).toMatch(/├─ \/rankings\/party\/2022\/2\/index\.html \((restored|cached)\)/);
    expect(rendered(again.log, '/rankings/party/2022/index.html')).toBe(true);
    // A unit's ranking is copied when its rows did not change (P3 is no party member).
    expect(again.log).toMatch(/├─ \/rankings\/party\/2022\/unit\/ZB1\/index\.html \((restored|cached)\)/);
    expect(unstamped(again.out)).toEqual([]);
    expect(hashTree(again.out)).toEqual(hashTree(buildSiteWithLog(root, { BOARD_TV_PICTURES: 'off' }).out));

    // P1's party points change: the ranking of P1's unit (ZB1) is drawn again, with P1's new total.
    editLedger(root, (text) => text.replace('2022-01-05,P1,R02,,,,表彰', '2022-01-05,P1,R02,,2,,表彰'));
    const third = buildSiteWithLog(root, env);
    expect(rendered(third.log, '/rankings/party/2022/unit/ZB1/index.html')).toBe(true);
    expect(unstamped(third.out)).toEqual([]);
    expect(hashTree(third.out)).toEqual(hashTree(buildSiteWithLog(root, { BOARD_TV_PICTURES: 'off' }).out));
  });
});

describe('the date in the footer grows longer', () => {
  test('a placeholder is as long as its value: pages with the shorter one are drawn again, none is left unfilled', () => {
    const root = fixture();
    const env = cachedNoPictures();
    const first = buildSiteWithLog(root, env);
    // A row on the last day of the year, in December's file: the data's latest date, which the footer shows, gets longer.
    writeFileSync(join(root, 'data/ledger/2022-12.csv'), '日期,对象,事项,分值,数量,活动,说明,审核人,状态\n2022-12-31,P1,R02,,,,年终表彰,刘书记,已核实\n');
    const again = buildSiteWithLog(root, env);
    const [, before] = footerVersion(first.out, 'p/P2')!;
    const [, after] = footerVersion(again.out, 'p/P2')!;
    expect(after).toContain('12');
    expect(Buffer.byteLength(after!)).toBeGreaterThan(Buffer.byteLength(before!));
    expect(copied(again.log)).toBe(0);
    expect(unstamped(again.out)).toEqual([]);
    expect(hashTree(again.out)).toEqual(hashTree(buildSiteWithLog(root, { BOARD_TV_PICTURES: 'off' }).out));
  });
});
