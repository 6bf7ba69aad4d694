/**
 * Addresses of the site's pages, from one place: the pages link with them, the TV and the
 * posters print them as QR codes and short addresses.
 */

/** The site's sections: each one's index page. */
export const SECTION = {
  home: '/',
  search: '/search/',
  rankings: '/rankings/',
  stars: '/stars/',
  shop: '/shop/',
  honors: '/honors/',
  notices: '/notices/',
  news: '/news/',
  rules: '/rules/',
  changes: '/changes/',
  posters: '/posters/',
  guide: '/guide/',
  templates: '/templates/',
} as const;

/**
 * Where each table's template is, under /templates/ and under data/: one example file of each.
 * A file of a month or year is named with placeholders (YYYY-MM.csv), so a template saved
 * into data/ unrenamed never replaces a real month's file.
 */
export const TEMPLATE_FILES = {
  units: 'units.csv', people: 'people.csv', households: 'households.csv', merchants: 'merchants.csv',
  rules: 'rules.csv', ledger: 'ledger/YYYY-MM.csv', assessments: 'assessments/YYYY-scheme.csv',
  items: 'shop/items.csv', stock: 'shop/stock.csv', redemptions: 'shop/redemptions/YYYY.csv', honors: 'honors.csv',
} as const;

/** A template to download: /templates/ledger/YYYY-MM.csv */
export const templatePath = (file: string) => `${SECTION.templates}${file}`;

/** The first letter of a passbook's address, by the kind of subject: /p/P0001/, /h/H0001/. */
const PASSBOOK_DIR = { person: 'p', household: 'h', merchant: 'm', unit: 'u' } as const;

/** A subject's passbook: /p/P0001/ */
export const passbookPath = (kind: keyof typeof PASSBOOK_DIR, id: string) => `/${PASSBOOK_DIR[kind]}/${id}/`;

/** A notice slug as poster file names spell it: lower case, other characters as hyphens. */
export function posterSlug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A notice's poster: /posters/notice-party-2022.pdf */
export const noticePosterPath = (slug: string) => `${SECTION.posters}notice-${posterSlug(slug)}.pdf`;

/** /rankings/party/2022/, and its later pages /rankings/party/2022/2/ (page is 1-based). */
export const rankingPath = (scheme: string, period: string, page = 1) => `/rankings/${scheme}/${period}/${page > 1 ? `${page}/` : ''}`;

/** A ranking inside one unit: /rankings/party/2022/unit/ZB1/, …/2/. */
export const unitRankingPath = (scheme: string, period: string, unit: string, page = 1) => `${rankingPath(scheme, period)}unit/${unit}/${page > 1 ? `${page}/` : ''}`;

/** A star rating: /stars/stars/2022/ */
export const starsPath = (scheme: string, period: string) => `/stars/${scheme}/${period}/`;

/** A notice: /notices/2022-party/ */
export const noticePath = (slug: string) => `/notices/${slug}/`;

/** A story: /news/2023-01-06-party-points/ */
export const newsPath = (slug: string) => `/news/${slug}/`;

/** The shop's month: /shop/2022-12/ */
export const shopPeriodPath = (period: string) => `/shop/${period}/`;

/** A ranking as a spreadsheet: /exports/party-2022.csv */
export const exportPath = (scheme: string, period: string) => `/exports/${scheme}-${period}.csv`;

/** A period's place on /changes/: /changes/#party-2022 */
export const changesAnchor = (scheme: string, period: string) => `/changes/#${scheme}-${period}`;

/** A TV screen: /tv/, /tv/hall/ */
export const tvPath = (screen?: string) => (screen ? `/tv/${screen}/` : '/tv/');

/** The absolute address of a path on the public site (`baseUrl`). */
export function absoluteUrl(baseUrl: string, path: string): string {
  return new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
}

/**
 * An address as a person types it: no scheme, no `www.`, no trailing slash.
 *
 * @example shortAddress('https://www.example.org/rankings/party/2022/') // 'example.org/rankings/party/2022'
 */
export function shortAddress(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');
}

/** An item's row in the shop's price list: /shop/#item-A01 */
export const itemAnchor = (item: string) => `/shop/#item-${item}`;
