/**
 * A ranking's pager: a district's ranking runs to 1,500 pages, and each page links to a few of
 * them, not all; a reader can still reach every page, one step at a time or by the ends.
 */
import { describe, expect, test } from 'vitest';
import { pagerItems } from '../../src/view/paging.ts';

const links = (count: number, index: number) => pagerItems(count, index).filter((i): i is number => i !== 'gap');

describe('pagerItems', () => {
  test('a short ranking lists every page', () => {
    expect(pagerItems(1, 0)).toEqual([0]);
    expect(pagerItems(5, 2)).toEqual([0, 1, 2, 3, 4]);
    expect(pagerItems(7, 0)).toEqual([0, 1, 2, 'gap', 6]);
  });

  test('a long ranking: the ends, two pages each side, and gaps', () => {
    expect(pagerItems(1500, 888)).toEqual([0, 'gap', 886, 887, 888, 889, 890, 'gap', 1499]);
    expect(pagerItems(1500, 0)).toEqual([0, 1, 2, 'gap', 1499]);
    expect(pagerItems(1500, 1499)).toEqual([0, 'gap', 1497, 1498, 1499]);
    // A gap of one page shows that page instead.
    expect(pagerItems(1500, 4)).toEqual([0, 1, 2, 3, 4, 5, 6, 'gap', 1499]);
  });

  test('every page of a 1,500-page ranking links to at most 9 pages, in order, and all are reachable', () => {
    const count = 1500;
    const seen = new Set([0]);
    const queue = [0];
    for (let index = 0; index < count; index++) {
      const l = links(count, index);
      expect(l.length).toBeLessThanOrEqual(9);
      expect(l).toEqual([...l].sort((a, b) => a - b));
      expect(new Set(l).size).toBe(l.length);
      expect(l).toContain(index);
      for (const i of l) expect(i >= 0 && i < count).toBe(true);
    }
    while (queue.length > 0) for (const i of links(count, queue.shift()!)) if (!seen.has(i)) (seen.add(i), queue.push(i));
    expect(seen.size).toBe(count);
  });
});
