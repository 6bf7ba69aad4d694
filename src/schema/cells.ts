/**
 * Cell coercion: CSV cells are strings; this turns them into clean values at the edge
 * (full-width digits, Chinese dates and periods, 是/否), so domain code never sees a raw cell.
 * Each parser returns `{ ok: true, value }` or `{ ok: false, code, args }` with a code from
 * the error catalogue (`src/check/errors.ts`).
 */

/** The problems a cell can have: codes of the error catalogue (src/check/errors.ts checks that each is one). */
export type CellErrorCode =
  | 'bad-boolean'
  | 'bad-choice'
  | 'bad-date'
  | 'bad-id'
  | 'bad-integer'
  | 'bad-number'
  | 'bad-period'
  | 'bad-slug'
  | 'excel-serial-date'
  | 'impossible-date'
  | 'not-positive'
  | 'scientific-number'
  | 'personal-id-number'
  | 'personal-mobile'
  | 'personal-bank-card';

export type CellResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: CellErrorCode; args?: Record<string, string | number> };

export type CellParser<T> = (raw: string) => CellResult<T>;

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (code: CellErrorCode, args?: Record<string, string | number>): CellResult<never> => ({
  ok: false,
  code,
  args,
});

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** Full-width ASCII (Ａ１－．) as typed with a Chinese IME becomes half-width. */
export function toHalfWidth(s: string): string {
  // Nearly every cell is half-width already: one test is far cheaper than two replaces,
  // and a million-row ledger calls this for every cell.
  if (!FULL_WIDTH.test(s)) return s;
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

const isIdChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;

/** True when every character is a letter, digit, `-` or `_` (checked by code: a ledger has millions of ids). */
function isPlainId(s: string): boolean {
  if (s.length === 0 || s.length > 64) return false;
  for (let i = 0; i < s.length; i++) if (!isIdChar(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Results of valid cells that repeat from row to row (dates), shared: a ledger of a million
 * rows holds a few hundred dates, so one string per value is kept instead of a million
 * copies. Bounded, so a file of a million distinct dates cannot grow it without end.
 */
function repeated<T>(limit: number) {
  const seen = new Map<string, CellResult<T>>();
  return {
    get: (raw: string) => seen.get(raw),
    keep(raw: string, result: CellResult<T>): CellResult<T> {
      if (seen.size < limit) seen.set(raw, result);
      return result;
    },
  };
}

/**
 * Letters, digits, `-` and `_` only: IDs end up in URLs and file names. A plain id is its own
 * value, checked by character codes: the CSV reader already hands over one string per
 * repeated cell, so a lookup would cost more than the check.
 */
export const idCell: CellParser<string> = (raw) => {
  if (isPlainId(raw)) return ok(raw);
  const s = toHalfWidth(raw);
  if (/^[A-Za-z0-9_-]{1,64}$/.test(s)) return ok(s);
  // Excel turns a long numeric ID into 1.23E+17 and throws the digits away.
  if (/^\d(\.\d+)?E\+?\d+$/i.test(s)) return fail('scientific-number', { value: raw });
  return fail('bad-id', { value: raw });
};

/** Scheme ids are lower-case slugs: `party`, `credit-2022`. */
export const slugCell: CellParser<string> = (raw) => {
  const s = toHalfWidth(raw);
  return /^[a-z0-9-]{1,64}$/.test(s) ? ok(s) : fail('bad-slug', { value: raw });
};

export const textCell: CellParser<string> = (raw) => ok(raw);

const pad = (n: number) => String(n).padStart(2, '0');

/** True when y-m-d is a real calendar day (no 2月30日). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2) return d <= (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28);
  return d <= DAYS_IN_MONTH[m - 1]!;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The number written by the digits s[from..to), which the caller has checked are digits. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/**
 * `2022-10-09`, the form a ledger nearly always holds, read by character codes: the general
 * pattern below costs a full-width pass, a whitespace pass and a regex per cell. Undefined
 * for anything else, including impossible dates, which the general path words as errors.
 */
function isoDate(s: string): string | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7 && !isDigit(s.charCodeAt(i))) return undefined;
  const y = digitsAt(s, 0, 4);
  if (y < 1900 || y > 2200 || !isRealDate(y, digitsAt(s, 5, 7), digitsAt(s, 8, 10))) return undefined;
  return s;
}

// Real days from 1900 to 2200 (about 110,000), in the spellings files use.
const dates = repeated<string>(1 << 18);

/**
 * Dates as editors type them: `2022-10-09`, `2022/10/9`, `2022.10.9`, `2022年10月9日`.
 * The value is always `YYYY-MM-DD`, so dates compare as strings.
 */
export const dateCell: CellParser<string> = (raw) => {
  // A ledger kept in date order gives the same date to row after row.
  if (lastDate?.raw === raw) return lastDate.result;
  const result = dates.get(raw) ?? dateOf(raw);
  if (result.ok) lastDate = { raw, result };
  return result;
};

let lastDate: { raw: string; result: CellResult<string> } | undefined;

/** A date cell read from its characters; valid ones are remembered in `dates`. */
function dateOf(raw: string): CellResult<string> {
  const iso = isoDate(raw);
  if (iso !== undefined) return dates.keep(raw, ok(iso));
  const s = toHalfWidth(raw).replace(/\s+/g, '');
  const m = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)$/.exec(s);
  if (!m) {
    if (/^\d{5}(\.\d+)?$/.test(s)) return fail('excel-serial-date', { value: raw });
    return fail('bad-date', { value: raw });
  }
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4]);
  const d = Number(m[3] ?? m[5]);
  if (y < 1900 || y > 2200 || !isRealDate(y, mo, d)) return fail('impossible-date', { value: raw });
  return dates.keep(raw, ok(`${y}-${pad(mo)}-${pad(d)}`));
};

/**
 * Periods: year `2022` (`2022年`), quarter `2022-Q3` (`2022年第3季度`), month `2022-10`
 * (`2022年10月`). The value is the canonical form.
 */
export const periodCell: CellParser<string> = (raw) => {
  const s = toHalfWidth(raw).replace(/\s+/g, '');
  let m = /^(\d{4})年?$/.exec(s);
  if (m) return ok(m[1]!);
  m = /^(\d{4})(?:-?[Qq]|年第)([1-4])(?:季度)?$/.exec(s);
  if (m) return ok(`${m[1]}-Q${m[2]}`);
  m = /^(\d{4})(?:[-/.]|年)(\d{1,2})月?$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return ok(`${m[1]}-${pad(Number(m[2]))}`);
  return fail('bad-period', { value: raw });
};

/** True for a plain whole number such as `2`, `-5` or `120`: read without the general pattern. */
function isPlainInteger(s: string): boolean {
  const first = s.charCodeAt(0) === 45 ? 1 : 0;
  if (s.length === first || s.length - first > 9) return false;
  for (let i = first; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** Numbers: half-width or full-width digits, optional sign, decimals (at most two places). */
export const numberCell: CellParser<number> = (raw) => {
  if (isPlainInteger(raw)) return ok(Number(raw));
  const s = toHalfWidth(raw).replace(/[,\s]/g, '').replace(/^[−–]/, '-');
  if (/^[+-]?\d+(\.\d{1,2})?$/.test(s)) return ok(Number(s));
  if (/^[+-]?\d(\.\d+)?E[+-]?\d+$/i.test(s)) return fail('scientific-number', { value: raw });
  return fail('bad-number', { value: raw });
};

/** Whole numbers: quantities, minutes, prices. */
export const integerCell: CellParser<number> = (raw) => {
  const n = numberCell(raw);
  if (!n.ok) return n.code === 'bad-number' ? fail('bad-integer', { value: raw }) : n;
  return Number.isInteger(n.value) ? n : fail('bad-integer', { value: raw });
};

export const positiveIntegerCell: CellParser<number> = (raw) => {
  const n = integerCell(raw);
  if (!n.ok) return n;
  return n.value > 0 ? n : fail('not-positive', { value: raw });
};

/** 是/否 as typed in Excel; also yes/no, true/false, Y/N, 1/0. */
export const booleanCell: CellParser<boolean> = (raw) => {
  const s = toHalfWidth(raw).trim().toLowerCase();
  if (['是', 'yes', 'y', 'true', '1', '√'].includes(s)) return ok(true);
  if (['否', 'no', 'n', 'false', '0', '×'].includes(s)) return ok(false);
  return fail('bad-boolean', { value: raw });
};

/**
 * One of a fixed list of values. `aliases` maps English or alternative spellings to the
 * canonical (Chinese) value, e.g. `{ verified: '已核实' }`.
 */
export function choiceCell<const T extends string>(
  values: readonly T[],
  aliases: Record<string, T> = {},
): CellParser<T> {
  // One result per value, shared: the value is the canonical string, not the cell's copy.
  const results = new Map<string, CellResult<T>>(values.map((v) => [v, ok(v)]));
  // A value that reads the same half-width and trimmed is found as written, without either pass.
  const asWritten = new Map([...results].filter(([v]) => toHalfWidth(v).trim() === v));
  return (raw) => {
    const exact = asWritten.get(raw);
    if (exact) return exact;
    const s = toHalfWidth(raw).trim();
    const known = results.get(s);
    if (known) return known;
    const alias = aliases[s.toLowerCase()];
    if (alias) return ok(alias);
    return fail('bad-choice', { value: raw, choices: values.join('、') });
  };
}

// Personal data. A mainland mobile number: 11 digits starting 13–19, maybe split by
// spaces or dashes (138 1234 5678). A resident ID number: 18 characters with a real birth
// date inside, or the old 15-digit form. A bank card number: see hasBankCard.
const MOBILE = /(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])/;
const ID_18 = /(?<![0-9])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])/;
const ID_15 = /(?<![0-9])\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9])/;

/**
 * True when a cell holds at least 11 digits (half- or full-width): a mobile number has 11, an
 * ID number 15 or 18, so a cell with fewer is clean without running the three patterns.
 */
function hasElevenDigits(s: string): boolean {
  if (s.length < 11) return false;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((isDigit(c) || (c >= 0xff10 && c <= 0xff19)) && ++n >= 11) return true;
  }
  return false;
}

/**
 * A run of 16 to 19 digits, maybe in groups split by a space or a dash: a bank card's length.
 * Not the digits of a decimal (0.5533333333333333 has sixteen after its point).
 */
const CARD_RUN = /(?<![0-9.])\d(?:[- ]?\d){15,18}(?![0-9]|\.\d)/g;

/** The Luhn check every bank card number (UnionPay's 62…, Visa's, Mastercard's) passes. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A bank card number: 16 to 19 digits that pass the Luhn check (a random long number does one time in ten). */
function hasBankCard(s: string): boolean {
  for (const m of s.matchAll(CARD_RUN)) {
    const digits = m[0].replace(/[- ]/g, '');
    if (digits.length >= 16 && digits.length <= 19 && luhn(digits)) return true;
  }
  return false;
}

/** The personal-data error a cell would raise, or undefined when it is clean. */
export function personalDataIn(raw: string): CellErrorCode | undefined {
  if (!hasElevenDigits(raw)) return undefined;
  const s = toHalfWidth(raw);
  if (ID_18.test(s) || ID_15.test(s)) return 'personal-id-number';
  if (MOBILE.test(s)) return 'personal-mobile';
  if (hasBankCard(s)) return 'personal-bank-card';
  return undefined;
}

/** Headers that announce personal data: the column itself is refused. */
export const PERSONAL_HEADERS = /身份证|证件号|手机|电话号码|联系电话|银行卡|银行账号|卡号|id.?card|mobile|phone|bank/i;

/** A `?` or U+FFFD in a name usually means Excel lost a rare character when saving as GBK. */
export function looksLikeLostCharacter(s: string): boolean {
  return /[?？\uFFFD]/.test(s);
}
