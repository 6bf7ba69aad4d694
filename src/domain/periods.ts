/**
 * Scheme periods: a year `2022`, a quarter `2022-Q3` or a month `2022-10`. Dates are
 * `YYYY-MM-DD` strings (the loader makes them so), so they compare as strings and no clock
 * or time zone is involved.
 */

export type PeriodKind = 'year' | 'quarter' | 'month';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The period of a kind that holds a date.
 * @example periodOf('2022-10-09', 'quarter') // '2022-Q4'
 */
export function periodOf(date: string, kind: PeriodKind): string {
  // Asked for every ledger row, redemption and stock row, about a few hundred distinct dates.
  const known = PERIODS[kind].get(date);
  if (known !== undefined) return known;
  const period = computePeriodOf(date, kind);
  if (PERIODS[kind].size < 100_000) PERIODS[kind].set(date, period);
  return period;
}

const PERIODS: Record<PeriodKind, Map<string, string>> = { year: new Map(), quarter: new Map(), month: new Map() };

function computePeriodOf(date: string, kind: PeriodKind): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${pad(month)}`;
}

/** A date as a number that compares as its text does: 2022-03-01 → 20220301. */
export function dayNumber(date: string): number {
  return Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * Sorts a list by date, stably, in place: same-day items keep their order. A list taken from a
 * ledger kept in date order is already sorted; it is checked and left as it is.
 * @example inDateOrder([{ date: '2022-10-09' }, { date: '2022-10-01' }]) // [{ date: '2022-10-01' }, { date: '2022-10-09' }]
 */
export function inDateOrder<T extends { date: string }>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.date > list[i]!.date) return list.sort(byDate);
  return list;
}

/** The year, quarter and month that hold a date, in that order. */
export function periodsOfDate(date: string): [string, string, string] {
  return [periodOf(date, 'year'), periodOf(date, 'quarter'), periodOf(date, 'month')];
}

/**
 * @example periodKind('2022-Q3') // 'quarter'
 * @throws on a string that is not a canonical period (the loader only hands over canonical ones)
 */
export function periodKind(period: string): PeriodKind {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  throw new Error(`not a period: ${period}`);
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** First and last month (1-12) of a period. */
function monthSpan(period: string): { year: number; first: number; last: number } {
  const year = Number(period.slice(0, 4));
  const kind = periodKind(period);
  if (kind === 'year') return { year, first: 1, last: 12 };
  if (kind === 'quarter') {
    const q = Number(period.slice(6));
    return { year, first: q * 3 - 2, last: q * 3 };
  }
  const month = Number(period.slice(5));
  return { year, first: month, last: month };
}

/**
 * First and last day of a period, both inclusive.
 * @example periodBounds('2022-Q3') // { start: '2022-07-01', end: '2022-09-30' }
 */
export function periodBounds(period: string): { start: string; end: string } {
  const { year, first, last } = monthSpan(period);
  return { start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(daysInMonth(year, last))}` };
}

/** True when the date lies inside the period. */
export function isDateIn(period: string, date: string): boolean {
  const { start, end } = periodBounds(period);
  return start <= date && date <= end;
}

const KIND_ORDER: Record<PeriodKind, number> = { year: 0, quarter: 1, month: 2 };

/**
 * Orders periods by their first day; a longer period goes before a shorter one starting the
 * same day, so a list reads 2022, 2022-Q1, 2022-01, 2022-02, …
 */
export function comparePeriods(a: string, b: string): number {
  const sa = periodBounds(a).start;
  const sb = periodBounds(b).start;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return KIND_ORDER[periodKind(a)] - KIND_ORDER[periodKind(b)];
}

/**
 * The period of the same kind just before: for "compared with last month" figures.
 * @example previousPeriod('2022-01') // '2021-12'
 */
export function previousPeriod(period: string): string {
  const kind = periodKind(period);
  const year = Number(period.slice(0, 4));
  if (kind === 'year') return String(year - 1);
  if (kind === 'quarter') {
    const q = Number(period.slice(6));
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const month = Number(period.slice(5));
  return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
}
