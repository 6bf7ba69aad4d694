/**
 * The data version and its date in a page's footer, and the placeholders a page prints for
 * them when the build fills them in afterwards (src/build/stamp.ts). A placeholder is exactly
 * as long as its value, so the value is written over it in place.
 */
import { formatDate } from '../i18n/index.ts';
import type { Board } from './board.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The data version and its date as a stamped page shows them (HTML), in this build. */
export function stampValues(board: Board): { version: string; date: string } {
  return { version: escapeHtml(board.version.id), date: escapeHtml(formatDate(board.site.locale, board.version.date)) };
}

/**
 * A placeholder for a value of `bytes` bytes: `@@board:v` or `@@board:d`, then `@` up to the
 * value's length (a value shorter than ten bytes, which no version or date is, gets a longer
 * placeholder and the page is written again whole).
 */
function markOf(kind: 'version' | 'date', bytes: number): string {
  const head = `@@board:${kind[0]}`;
  return head + '@'.repeat(Math.max(1, bytes - head.length));
}

/** What a page stamped later prints for the data version and its date until the build fills them in. */
export function stampMarks(board: Board): { version: string; date: string } {
  const v = stampValues(board);
  return { version: markOf('version', Buffer.byteLength(v.version)), date: markOf('date', Buffer.byteLength(v.date)) };
}
