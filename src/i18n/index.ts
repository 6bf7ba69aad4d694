/**
 * UI strings: flat dotted keys, one JSON per locale. `zh-CN` is the default; `en` is complete
 * (a test checks both have the same keys). Numbers and dates go through Intl.
 */
import zh from './zh-CN.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export type Locale = 'zh-CN' | 'en';
export type UIKey = keyof typeof zh;
export const STRINGS: Record<Locale, Record<UIKey, string>> = { 'zh-CN': zh, en: en as Record<UIKey, string> };

export type Translate = (key: UIKey, args?: Record<string, string | number>) => string;

/** A translator for one locale; `{name}` placeholders are filled from `args`. */
export function translator(locale: Locale): Translate {
  const strings = STRINGS[locale];
  // Each string is split at its placeholders once, not searched with a pattern at every use:
  // a street's pages spent 1.3 s of their 33 s in it (cpu profile).
  const filled = new Map<UIKey, (args: Record<string, string | number>) => string>();
  return (key, args = {}) => {
    let fill = filled.get(key);
    if (!fill) filled.set(key, (fill = filler(strings[key] ?? STRINGS['zh-CN'][key])));
    return fill(args);
  };
}

/** A string's text and placeholders, alternately; a placeholder without its argument stays as written. */
function filler(template: string): (args: Record<string, string | number>) => string {
  const parts = template.split(/\{(\w+)\}/);
  if (parts.length === 1) return () => template;
  return (args) => {
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      out += (name in args ? String(args[name]) : `{${name}}`) + parts[i + 1]!;
    }
    return out;
  };
}

/** A period as people say it: 2022 年度, 2022 年第 3 季度, 2022 年 10 月. */
export function formatPeriod(t: Translate, period: string): string {
  const [y, rest] = period.split('-');
  if (!rest) return t('period.year', { y: y! });
  if (rest.startsWith('Q')) return t('period.quarter', { y: y!, q: rest.slice(1) });
  return t('period.month', { y: y!, m: Number(rest) });
}

// Building an Intl formatter costs far more than formatting with one, and a passbook page
// formats thousands of dates and points: one formatter per locale, and each value formatted
// once (a year has 365 dates; points repeat: 2, 5, -3). The memory stops growing at a size no
// site reaches, so a strange dataset cannot make it grow without end.
const REMEMBERED = 100_000;

function remembered<T>(format: (value: T) => string): (value: T) => string {
  const done = new Map<T, string>();
  return (value) => {
    let text = done.get(value);
    if (text === undefined) {
      text = format(value);
      // -0 prints as "-0" but is the same Map key as 0: never remembered.
      if (done.size < REMEMBERED && !Object.is(value, -0)) done.set(value, text);
    }
    return text;
  };
}

const dateFormats = new Map<Locale, (date: string) => string>();
const pointFormats = new Map<Locale, (n: number) => string>();

/** A date as people read it: 2023年1月5日 / 5 Jan 2023. Fixed time zone: output never depends on TZ. */
const shortFormats = new Map<Locale, (d: string) => string>();

/**
 * A date without its year, where the period around it says the year: 1月22日, 22 Jan.
 *
 * @example formatShortDate('zh-CN', '2022-01-22') // '1月22日'
 */
export function formatShortDate(locale: Locale, date: string): string {
  let format = shortFormats.get(locale);
  if (!format) {
    const intl = new Intl.DateTimeFormat(locale, { month: locale === 'en' ? 'short' : 'long', day: 'numeric', timeZone: 'UTC' });
    format = remembered((d: string) => {
      const [y, m, day] = d.split('-').map(Number);
      return intl.format(new Date(Date.UTC(y!, m! - 1, day!)));
    });
    shortFormats.set(locale, format);
  }
  return format(date);
}

export function formatDate(locale: Locale, date: string): string {
  let format = dateFormats.get(locale);
  if (!format) {
    const intl = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    format = remembered((d: string) => {
      const [y, m, day] = d.split('-').map(Number);
      return intl.format(new Date(Date.UTC(y!, m! - 1, day!)));
    });
    dateFormats.set(locale, format);
  }
  return format(date);
}

/** Points with at most two decimals, grouped as the locale does (1,234.5). */
export function formatPoints(locale: Locale, n: number): string {
  let format = pointFormats.get(locale);
  if (!format) {
    const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    pointFormats.set(locale, (format = remembered((x: number) => intl.format(x))));
  }
  return format(n);
}
