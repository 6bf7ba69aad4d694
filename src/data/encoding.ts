/**
 * Text from bytes, chosen deterministically: a UTF-8 BOM wins; otherwise bytes that are valid
 * UTF-8 are UTF-8; anything else is GB18030 (the superset of GBK that Excel and WPS write in
 * China). No guessing library: the same bytes always decode the same way.
 */
export type Encoding = 'utf-8-bom' | 'utf-8' | 'gb18030';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const gb18030 = new TextDecoder('gb18030');

export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: gb18030.decode(bytes), encoding: 'gb18030' };
  }
}
