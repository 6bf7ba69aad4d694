/**
 * A ranking within one unit is paged like the whole ranking: a community of 7,482 households
 * (S9) on one page would be over a megabyte. The hall fixture's branches hold some 150 party
 * members each: every member is on exactly one page of the branch, in rank order, and every
 * page carries its data version.
 */
import { describe, expect, test, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, listFiles } from '../helpers/build.ts';
import { hallFixture } from '../tv/hall-fixture.ts';
import { getBoard, PAGE_SIZE, type Board } from '../../src/view/board.ts';

/** The subject links of a built ranking page's table, in order. */
const subjectsOn = (html: string) => [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').matchAll(/<td[^>]*><a href="\/p\/([^/]+)\/">/g)].map((m) => m[1]);

describe('the ranking within a unit, in pages', () => {
  let dist: string;
  let board: Board;
  beforeAll(() => {
    const root = hallFixture();
    board = getBoard(root);
    dist = buildSite(root, { BOARD_TV_PICTURES: 'off' });
  });

  test('each branch runs over pages of at most PAGE_SIZE, every member once, in rank order', () => {
    const result = board.result('party', '2022')!;
    const units = result.byUnit.filter((u) => u.rows.length > PAGE_SIZE);
    expect(units.map((u) => u.unit).sort()).toEqual(['ZB1', 'ZB2']);
    for (const unit of units) {
      const count = Math.ceil(unit.rows.length / PAGE_SIZE);
      const page = (n: number) => join(dist, `rankings/party/2022/unit/${unit.unit}/${n === 1 ? '' : `${n}/`}index.html`);
      const shown: string[] = [];
      for (let n = 1; n <= count; n++) {
        const html = readFileSync(page(n), 'utf8');
        const ids = subjectsOn(html);
        expect(ids.length, `${unit.unit} page ${n}`).toBeLessThanOrEqual(PAGE_SIZE);
        shown.push(...ids);
        // The pager links back and on.
        if (n > 1) expect(html).toContain(`href="/rankings/party/2022/unit/${unit.unit}/${n === 2 ? '' : `${n - 1}/`}" rel="prev"`);
        if (n < count) expect(html).toContain(`href="/rankings/party/2022/unit/${unit.unit}/${n + 1}/" rel="next"`);
        // Its footer carries the version, filled in after the pages.
        expect(html).not.toContain('@@board:');
        expect(html).toContain(board.version.id);
      }
      expect(existsSync(page(count + 1))).toBe(false);
      expect(shown).toEqual(unit.rows.map((r) => r.id));
    }
  });

  test('no page of the site is left with a placeholder', () => {
    const left = listFiles(dist).filter((f) => f.endsWith('.html') && readFileSync(join(dist, f), 'utf8').includes('@@board:'));
    expect(left).toEqual([]);
  });
});
