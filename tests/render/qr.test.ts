/**
 * The QR codes the posters, cards and TV print: `qrModules` picks the mask itself (the library
 * tries each mask a call per module); a code it makes must be the library's very code, so a
 * phone reads it as well as the library's, and a print shop's proofs do not change.
 */
import { describe, expect, test } from 'vitest';
import QRCode from 'qrcode';
import { qrModules } from '../../src/render/qr.ts';

/** Texts of every size a board prints: passbook and price-list links, long links (versions with version info), Chinese text, digits. */
const TEXTS = [
  'https://example.org/h/H0001/',
  'https://example.org/p/P0007/',
  'https://example.org/shop/#item-FW01',
  'https://jifen.xxjd.gov.cn/rankings/credit/2022-12/unit/XQ01/',
  ...Array.from({ length: 40 }, (_, i) => `https://jifen.example.gov.cn/${'h/H0001/'.repeat(i + 1)}`),
  '东湾村 积分卡',
  '积分'.repeat(60),
  '2022'.repeat(30),
];

describe('qrModules', () => {
  test('makes the code QRCode.create makes at level M, mask included, for every text a board prints', () => {
    const masks = new Set<number>();
    for (const text of TEXTS) {
      const library = QRCode.create(text, { errorCorrectionLevel: 'M' });
      masks.add(library.maskPattern as number);
      const ours = qrModules(text);
      expect(ours.size, text).toBe(library.modules.size);
      expect(Buffer.from(ours.data).equals(Buffer.from(library.modules.data)), text).toBe(true);
      expect(ours.get(ours.size - 8, 8), 'the dark module').toBe(1);
    }
    // The texts lead the library to several masks (a fixed mask would not pass), and to codes with version information.
    expect(masks.size).toBeGreaterThan(3);
    expect(Math.max(...TEXTS.map((t) => qrModules(t).size))).toBeGreaterThanOrEqual(45);
  });
});
