/**
 * Shares table rows out over pages. Pure: takes the measured heights of each block (design
 * units) and returns which rows go on which page.
 */

export interface BlockHeights {
  page: number;
  /** Red band of page 1, with paragraphs and summary under it. */
  opening: number;
  /** Slim band of the later pages. */
  continuation: number;
  footer: number;
  /** Space above the table, its header row and its closing rule together. */
  tableChrome: number;
  notes: number;
  rows: number[];
  hasTable: boolean;
}

export interface PagePlan {
  /** Rows [from, to) of the table on this page; from === to for none. */
  from: number;
  to: number;
  notes: boolean;
}

/** Rows carried over to the notes' page when the notes do not fit under the table. */
const WIDOW_ROWS = 3;

export class PosterTooLongError extends Error {
  readonly code = 'poster-too-long';
}

/**
 * Fills each page with as many whole rows as fit, page 1 under the opening, the others
 * under the slim band; the notes go under the last rows. When the notes do not fit under
 * them, the last three rows move to a new page with the notes.
 *
 * @example paginate({ page: 1414, opening: 400, continuation: 90, footer: 200, tableChrome: 60, notes: 0, rows: Array(300).fill(32), hasTable: true })
 *   // → 23 rows on page 1, 33 on each later page
 */
export function paginate(h: BlockHeights): PagePlan[] {
  const room1 = h.page - h.opening - h.footer;
  const roomN = h.page - h.continuation - h.footer;
  if (!h.hasTable) {
    if (h.notes > room1) throw new PosterTooLongError(`the notice text is ${Math.ceil(h.notes - room1)} units too long for one page`);
    return [{ from: 0, to: 0, notes: true }];
  }
  const tallest = Math.max(0, ...h.rows);
  if (tallest + h.tableChrome > roomN) throw new PosterTooLongError('a table row is taller than a page');
  if (room1 < 0) throw new PosterTooLongError(`the opening text is ${Math.ceil(-room1)} units too long for page 1`);

  const pages: PagePlan[] = [];
  let from = 0;
  let room = room1;
  // Page 1 holds the table only if its header and first row fit under the opening.
  if (h.rows.length > 0 && h.rows[0]! + h.tableChrome > room1) {
    pages.push({ from: 0, to: 0, notes: false });
    room = roomN;
  }
  do {
    let used = h.tableChrome;
    let to = from;
    while (to < h.rows.length && used + h.rows[to]! <= room) used += h.rows[to++]!;
    pages.push({ from, to, notes: false });
    from = to;
    room = roomN;
  } while (from < h.rows.length);

  const last = pages[pages.length - 1]!;
  const lastRoom = pages.length === 1 ? room1 : roomN;
  if (fits(h, last, lastRoom)) {
    last.notes = true;
    return pages;
  }
  // Carry the last few rows (three, or as many as there are) over to a new page with the
  // notes, so the table visibly continues there and no page holds notes alone.
  let split = Math.max(last.from, last.to - WIDOW_ROWS);
  while (split < last.to && !fits(h, { from: split, to: last.to, notes: true }, roomN)) split++;
  if (split === last.to) throw new PosterTooLongError('the notes are too long to fit under the table');
  pages.push({ from: split, to: last.to, notes: true });
  last.to = split;
  return pages;
}

function fits(h: BlockHeights, plan: PagePlan, room: number): boolean {
  const rows = h.rows.slice(plan.from, plan.to).reduce((a, b) => a + b, 0);
  return h.tableChrome + rows + h.notes <= room;
}
