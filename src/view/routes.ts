/**
 * Addresses of the site's pages, from one place: the pages link with them, the TV and the
 * posters print them as QR codes and short addresses.
 */

/** /rankings/party/2022/ */
export const rankingPath = (scheme: string, period: string) => `/rankings/${scheme}/${period}/`;

/** /honors/ */
export const honorsPath = () => '/honors/';

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
