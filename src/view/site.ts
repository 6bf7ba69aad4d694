/**
 * What every page needs: the board (computed once per build), the translator for the site's
 * locale and small formatting helpers. Pages print what these hand them.
 */
import { getBoard } from './board.ts';
import { getChanges } from '../history/changes.ts';
import { building } from '../build/context.ts';
import { stampMarks } from './stamp-marks.ts';
import { translator, formatPeriod, formatDate, formatShortDate, formatPoints, type Locale } from '../i18n/index.ts';

export const board = getBoard();
export const locale: Locale = board.site.locale;
export const t = translator(locale);
export const period = (p: string) => formatPeriod(t, p);
export const date = (d: string) => formatDate(locale, d);
/** 1月22日: for rows under a heading that says the year. */
export const shortDate = (d: string) => formatShortDate(locale, d);
export const points = (n: number) => formatPoints(locale, n);
/** The locale's colon after a label: 组织：… or Organiser: … */
export const colon = locale === 'en' ? ': ' : '：';
/** A remark in the locale's brackets: （3 分） or (3 points) */
export const paren = (x: string | number) => (locale === 'en' ? ` (${x})` : `（${x}）`);
export const percent = (x: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);

/**
 * The data version and its date as a page's footer prints them: the placeholders the build
 * fills in afterwards, for a page that may be copied from the build before (`later`), in a
 * build; the values themselves otherwise (and always in the dev preview).
 */
export function footerStamp(later: boolean): { version: string; date: string; marks: boolean } {
  if (later && building()) return { ...stampMarks(board), marks: true };
  return { version: board.version.id, date: date(board.version.date), marks: false };
}

/** 本期变动: what changed since the previous publication (computed once per build). */
export const changes = getChanges(board);
