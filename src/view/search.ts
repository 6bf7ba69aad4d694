/**
 * The search index, cut into buckets so a phone loads only what a query needs: every subject
 * is filed under each pair of neighbouring characters (bigram) and each single character of
 * its id, published name and unit, hashed into a fixed number of buckets. A query loads one
 * bucket: that of its rarest bigram (the smallest bucket), or of one character when the
 * query has no bigram (张, or 张*国). /public/search.js hashes the same way.
 *
 * Only what the pages show is indexed: the published (masked) name, never a full name.
 */

/** One subject: id, name as published, unit's name, passbook address. */
export type SearchEntry = [id: string, name: string, unit: string, href: string];

/** What the page needs to know before it loads a bucket. */
export interface SearchMeta {
  buckets: number;
  /** Entries in each bigram bucket, then in each character bucket. */
  sizes: number[];
}

/** FNV-1a over UTF-16 code units, as search.js computes it. */
export function hashKey(key: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % buckets;
}

/** The text a query is matched against, lower case. */
export const searchText = (e: SearchEntry) => `${e[0]}\n${e[1]}\n${e[2]}`.toLowerCase();

/** Bigrams and characters of a text, without the mask's `*` and line breaks. */
export function keysOf(text: string): { bigrams: Set<string>; chars: Set<string> } {
  const chars = [...text];
  const bigrams = new Set<string>();
  const singles = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*' || c === '\n') continue;
    singles.add(c);
    const d = chars[i + 1];
    if (d !== undefined && d !== '*' && d !== '\n') bigrams.add(c + d);
  }
  return { bigrams, chars: singles };
}

/** Buckets for this many subjects: some 50 subjects' worth of keys in each, a power of two. */
export function bucketCount(entries: number): number {
  let n = 16;
  while (n < entries / 50 && n < 4096) n *= 2;
  return n;
}

/**
 * The buckets: bigram buckets 0 … n-1, then character buckets n … 2n-1, each a list of
 * entries (in id order), and their sizes.
 */
export function searchBuckets(entries: SearchEntry[]): { meta: SearchMeta; buckets: SearchEntry[][] } {
  const n = bucketCount(entries.length);
  const buckets: SearchEntry[][] = Array.from({ length: 2 * n }, () => []);
  for (const e of entries) {
    const { bigrams, chars } = keysOf(searchText(e));
    const mine = new Set<number>();
    for (const b of bigrams) mine.add(hashKey(b, n));
    for (const c of chars) mine.add(n + hashKey(c, n));
    for (const k of [...mine].sort((a, b) => a - b)) buckets[k]!.push(e);
  }
  return { meta: { buckets: n, sizes: buckets.map((b) => b.length) }, buckets };
}
