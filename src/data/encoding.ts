/**
 * Text from bytes, by a stated rule, the same bytes always decoding the same way:
 * 1. A BOM says the encoding: UTF-8 (EF BB BF), or UTF-16 little- or big-endian (FF FE, FE FF:
 *    Excel's and WPS's "Unicode text"). After a UTF-8 BOM, bytes that are not UTF-8 are GBK
 *    (GB18030): a file saved as GBK and later given a BOM by another program.
 * 2. Without a BOM, bytes that are not valid UTF-8 are GB18030 (the superset of GBK that Excel
 *    and WPS write in China).
 * 3. Bytes that are valid UTF-8 are UTF-8, unless that text holds no Chinese at all but
 *    characters of scripts no board writes (Hebrew, Cyrillic, Armenian, Greek, Arabic …), while
 *    the same bytes read as GB18030 are all ordinary Chinese and ASCII: short GBK text can
 *    happen to be valid UTF-8 (郑叶 in GBK reads as "֣Ҷ"), and such a file is GBK.
 * No guessing library: the rule above is the whole of it, and docs/editors.md states it.
 */
export type Encoding = 'utf-8-bom' | 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const gb18030 = new TextDecoder('gb18030');

/**
 * A character outside those a board's data is written in: ASCII, Latin-1 signs, punctuation and
 * symbols (★ ① →), kana, CJK (with the rare ideographs of names) and full-width forms. One
 * native regular expression, so a street's 50 MB ledger is scanned in milliseconds.
 */
const UNUSUAL = /[^\t\n\r\x20-\x7e\xa0-\xff\u2000-\u2bff\u3000-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ufeff\ud840-\ud8bf\udc00-\udfff]/;
const hasUnusual = (text: string) => UNUSUAL.test(text);
const CJK = /[\u3400-\u9fff]/;

export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    try {
      return { text: utf8.decode(body), encoding: 'utf-8-bom' };
    } catch {
      return { text: gb18030.decode(body), encoding: 'gb18030' };
    }
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { text: gb18030.decode(bytes), encoding: 'gb18030' };
  }
  // Real UTF-8 Chinese text has Chinese in it; GBK read as UTF-8 has none (its two-byte pairs
  // read as two-byte UTF-8, U+0080 to U+07FF), only the unusual scripts.
  if (hasUnusual(text) && !CJK.test(text)) {
    const gbk = gb18030.decode(bytes);
    if (!gbk.includes('\uFFFD') && !hasUnusual(gbk)) return { text: gbk, encoding: 'gb18030' };
  }
  return { text, encoding: 'utf-8' };
}

/** UTF-16 bytes (with their BOM) as UTF-8 bytes, for the readers that split a file by lines; others unchanged. */
export function asUtf8Bytes(bytes: Uint8Array): Uint8Array {
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  return utf16 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(decodeText(bytes).text, 'utf8')]) : bytes;
}
