/**
 * The honours list of a large community: a district has 8,679 honours, which on one page made
 * 1.6 MB of HTML. The list is cut into pages of HONOR_PAGE_SIZE, newest period first; every
 * honour is on exactly one page, and each period links to the page and row where it begins.
 */
import { describe, expect, test, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';
import { HONOR_PAGE_SIZE } from '../../src/view/board.ts';
import { pagesOf, groupStarts } from '../../src/view/paging.ts';

describe('pagesOf and groupStarts', () => {
  test('rows cut into pages; an empty list is one empty page', () => {
    expect(pagesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pagesOf([1, 2], 2)).toEqual([[1, 2]]);
    expect(pagesOf([], 2)).toEqual([[]]);
  });

  test('each group starts on the page and row of its first member, in order', () => {
    const pages = pagesOf(['b', 'b', 'b', 'a', 'a', 'c'], 2);
    expect(groupStarts(pages, (r) => r)).toEqual([
      { key: 'b', page: 0, row: 0 },
      { key: 'a', page: 1, row: 1 },
      { key: 'c', page: 2, row: 1 },
    ]);
  });
});

const MONTHS = Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`);
const SUBJECTS = ['M1', 'H1', 'H2'];
// 37 honours a month: 444 in all, so three pages of at most 200.
const HONORS = MONTHS.flatMap((month) => Array.from({ length: 37 }, (_, i) => ({ month, subject: SUBJECTS[i % 3]!, note: `第${month}-${i}项` })));

/** The rows of a built honours page: the row's id, its period cell and its note. */
function rowsOf(html: string): { id?: string; period: string; note: string }[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr( id="([^"]+)")?[^>]*><td>([^<]*)<\/td>[\s\S]*?<td class="hide-narrow">([^<]*)<\/td><\/tr>/g)].map((m) => ({
    ...(m[2] ? { id: m[2] } : {}),
    period: m[3]!,
    note: m[4]!,
  }));
}

describe('the honours list of a large community', () => {
  let dist: string;
  beforeAll(() => {
    const csv = ['周期,对象,荣誉,说明', ...HONORS.map((h) => `${h.month},${h.subject},流动红旗,${h.note}`)].join('\n') + '\n';
    dist = buildSite(fixture(undefined, { 'data/honors.csv': csv }), { BOARD_TV_PICTURES: 'off' });
  });

  const page = (n: number) => join(dist, n === 1 ? 'honors/index.html' : `honors/${n}/index.html`);

  test('every honour is on exactly one page, newest month first, at most HONOR_PAGE_SIZE a page', () => {
    const count = Math.ceil(HONORS.length / HONOR_PAGE_SIZE);
    expect(count).toBe(3);
    for (let n = 1; n <= count; n++) expect(existsSync(page(n)), `page ${n}`).toBe(true);
    expect(existsSync(page(count + 1))).toBe(false);
    const pages = Array.from({ length: count }, (_, i) => rowsOf(readFileSync(page(i + 1), 'utf8')));
    for (const rows of pages) expect(rows.length).toBeLessThanOrEqual(HONOR_PAGE_SIZE);
    const notes = pages.flat().map((r) => r.note);
    expect(notes.length).toBe(HONORS.length);
    expect(new Set(notes)).toEqual(new Set(HONORS.map((h) => h.note)));
    // December's honours come first, January's last.
    expect(notes[0]).toMatch(/^第2022-12-/);
    expect(notes.at(-1)).toMatch(/^第2022-01-/);
  });

  test("each month links to the page and row where its honours begin; the pager links the pages", () => {
    const first = readFileSync(page(1), 'utf8');
    const nav = /<nav class="no-print" aria-label="按周期查看">([\s\S]*?)<\/nav>/.exec(first)?.[1] ?? '';
    const links = [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1]!, label: m[2]! }));
    expect(links.length).toBe(12);
    const all: { page: string; id?: string; period: string; note: string }[] = [];
    for (const n of [1, 2, 3]) for (const r of rowsOf(readFileSync(page(n), 'utf8'))) all.push({ page: n === 1 ? '/honors/' : `/honors/${n}/`, ...r });
    for (const link of links) {
      const [path, anchor] = link.href.split('#');
      const at = all.findIndex((r) => r.page === path && r.id === anchor);
      expect(at, link.href).toBeGreaterThanOrEqual(0);
      // The row is the first of its month: the one before it is another month's.
      expect(all[at]!.period).toBe(link.label);
      if (at > 0) expect(all[at - 1]!.period).not.toBe(link.label);
    }
    // Every month's first row is linked, and no other row carries an anchor.
    expect(all.filter((r) => r.id).length).toBe(12);
    // The pager: page 2 links back to 1 and on to 3.
    const pager = /<nav class="pager"[^>]*>([\s\S]*?)<\/nav>/.exec(readFileSync(page(2), 'utf8'))?.[1] ?? '';
    expect(pager).toContain('href="/honors/" rel="prev"');
    expect(pager).toContain('href="/honors/3/" rel="next"');
  });
});
