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
