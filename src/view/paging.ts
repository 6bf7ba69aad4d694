/** Rows per page of a ranking on the site (the whole ranking, and the ranking within a unit). */
export const PAGE_SIZE = 50;

/**
 * Which page numbers a ranking's pager links to. A district's monthly household ranking runs
 * to 1,500 pages: listing every one made each of them 1,500 links long (124 KB, and more
 * with each page a ranking gains). The pager shows the first and the last page, two on each
 * side of this one, and a gap (…) for the pages between.
 *
 * @example pagerItems(1500, 888) // [0, 'gap', 886, 887, 888, 889, 890, 'gap', 1499]
 */
export type PagerItem = number | 'gap';

/** Pages on each side of the current one. */
const AROUND = 2;

export function pagerItems(count: number, index: number): PagerItem[] {
  const shown = new Set<number>([0, count - 1]);
  for (let i = index - AROUND; i <= index + AROUND; i++) if (i >= 0 && i < count) shown.add(i);
  // A gap of a single page is that page: a link takes no more room than the dots.
  const pages = [...shown].sort((a, b) => a - b);
  const items: PagerItem[] = [];
  for (const [k, page] of pages.entries()) {
    const before = pages[k - 1];
    if (before !== undefined && page - before === 2) items.push(before + 1);
    else if (before !== undefined && page - before > 2) items.push('gap');
    items.push(page);
  }
  return items;
}

/** A list cut into pieces of `size`; no rows, no pieces (a TV shows no slide of an empty list). */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** `rows` cut into pages of `size`; no rows is one empty page, so a list on the site always has a first page. */
export function pagesOf<T>(rows: readonly T[], size: number): T[][] {
  const pages = chunks(rows, size);
  return pages.length > 0 ? pages : [[]];
}

/**
 * Where each group of sorted rows begins once they are cut into pages: the group's key, the
 * page it starts on and the row it starts at, in the rows' order. The honours list uses it
 * to link each period to the page and row where that period's honours begin.
 *
 * @example groupStarts([['a', 'a'], ['a', 'b']], (r) => r) // [{ key: 'a', page: 0, row: 0 }, { key: 'b', page: 1, row: 1 }]
 */
export function groupStarts<T>(pages: readonly (readonly T[])[], key: (row: T) => string): { key: string; page: number; row: number }[] {
  const starts: { key: string; page: number; row: number }[] = [];
  const seen = new Set<string>();
  for (const [page, rows] of pages.entries()) {
    for (const [row, r] of rows.entries()) {
      const k = key(r);
      if (seen.has(k)) continue;
      seen.add(k);
      starts.push({ key: k, page, row });
    }
  }
  return starts;
}
