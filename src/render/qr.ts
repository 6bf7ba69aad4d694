/**
 * QR codes as SVG, for the TV's slides (inline in the page, and as an image in the PNG
 * pictures). The posters draw theirs with PDF paths from the same modules.
 */
import QRCode from 'qrcode';

/** Modules of white around the code: the standard asks four. */
const QUIET = 4;

/**
 * A QR code as a standalone SVG: black modules on white, one path, no style attributes
 * (the TV page runs under a Content-Security-Policy without unsafe-inline).
 *
 * @example qrSvg('https://example.org/').startsWith('<svg') // true
 */
export function qrSvg(url: string): string {
  const { size, data } = qrModules(url);
  const n = size + 2 * QUIET;
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!data[y * size + x]) continue;
      // Runs of dark modules on a row as one rectangle each.
      let run = 1;
      while (x + run < size && data[y * size + x + run]) run++;
      d += `M${x + QUIET} ${y + QUIET}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges"><rect width="${n}" height="${n}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}

/** A QR code's modules: `size` by `size`, row by row, 1 for dark; `get` as the qrcode library's. */
export interface QrModules {
  size: number;
  data: Uint8Array;
  get(row: number, col: number): number;
}

/**
 * The modules of `text`'s QR code at level M: the very code `QRCode.create(text, { errorCorrectionLevel: 'M' })`
 * makes, mask and all. The library tries each of the eight masks with a call per module per
 * penalty rule (a street's 15,000 points cards spent 5.6 s of their 23 s there, in a build).
 * Here the code is made once with mask 0, the mask taken off, and each mask's penalties (the
 * standard's four rules, as the library scores them) counted over the plain bytes; the lowest
 * wins, the first of equals, as there. 15,000 codes: 3.0–3.6 s, against 4.2–4.7 s. It reads
 * the library's matrix (`reservedBit`, the function patterns): tests/render/qr.test.ts compares
 * the codes with the library's, and fails should that change.
 */
export function qrModules(text: string): QrModules {
  const symbol = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 0 }).modules as unknown as { size: number; data: Uint8Array; reservedBit: Uint8Array };
  const { size, data, reservedBit } = symbol;
  const flips = maskFlips(size, reservedBit);
  xorInto(data, flips[0]!); // mask 0 off again: the data as placed
  let best = 0;
  let lowest = Infinity;
  const trial = new Uint8Array(data.length);
  for (let mask = 0; mask < 8; mask++) {
    trial.set(data);
    xorInto(trial, flips[mask]!);
    setFormatInfo(trial, size, mask);
    const penalty = penaltyN1(trial, size) + penaltyN2(trial, size) + penaltyN3(trial, size) + penaltyN4(trial);
    if (penalty < lowest) {
      lowest = penalty;
      best = mask;
    }
  }
  xorInto(data, flips[best]!);
  setFormatInfo(data, size, best);
  return { size, data, get: (row, col) => data[row * size + col]! };
}

/**
 * Per mask, the modules it flips in a code of `size`: those its pattern darkens outside the
 * function patterns, which are the same in every code of one size (one version).
 */
function maskFlips(size: number, reserved: Uint8Array): Uint8Array[] {
  let flips = flipsBySize.get(size);
  if (!flips) {
    flips = Array.from({ length: 8 }, (_, mask) => {
      const flip = new Uint8Array(size * size);
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) if (!reserved[i * size + j] && masked(mask, i, j)) flip[i * size + j] = 1;
      return flip;
    });
    flipsBySize.set(size, flips);
  }
  return flips;
}
const flipsBySize = new Map<number, Uint8Array[]>();

function xorInto(data: Uint8Array, flip: Uint8Array): void {
  for (let k = 0; k < data.length; k++) data[k]! ^= flip[k]!;
}

/** Whether mask `mask` darkens module (i, j), i the row: the standard's eight patterns. */
function masked(mask: number, i: number, j: number): boolean {
  switch (mask) {
    case 0: return (i + j) % 2 === 0;
    case 1: return i % 2 === 0;
    case 2: return j % 3 === 0;
    case 3: return (i + j) % 3 === 0;
    case 4: return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5: return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6: return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default: return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

/** The 15 format bits for level M (its two bits 00) and `mask`: a BCH(15, 5) code, masked with 101010000010010. */
function formatBits(mask: number): number {
  const G15 = 0b10100110111;
  const digits = (n: number) => 32 - Math.clz32(n);
  const value = mask; // level M's bits are 00
  let d = value << 10;
  while (digits(d) - digits(G15) >= 0) d ^= G15 << (digits(d) - digits(G15));
  return ((value << 10) | d) ^ 0b101010000010010;
}

/** Writes the format bits for `mask` where the standard puts them (twice), and the dark module beside them. */
function setFormatInfo(data: Uint8Array, size: number, mask: number): void {
  const bits = formatBits(mask);
  for (let i = 0; i < 15; i++) {
    const mod = (bits >> i) & 1;
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    data[row * size + 8] = mod;
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    data[8 * size + col] = mod;
  }
  data[(size - 8) * size + 8] = 1;
}

/** Runs of five or more same modules in a row or a column: 3, and 1 more for each beyond five. */
function penaltyN1(data: Uint8Array, size: number): number {
  let points = 0;
  for (let a = 0; a < size; a++) {
    let runRow = 0;
    let runCol = 0;
    let lastRow = -1;
    let lastCol = -1;
    for (let b = 0; b < size; b++) {
      const inRow = data[a * size + b]!;
      if (inRow === lastRow) runRow++;
      else {
        if (runRow >= 5) points += 3 + (runRow - 5);
        lastRow = inRow;
        runRow = 1;
      }
      const inCol = data[b * size + a]!;
      if (inCol === lastCol) runCol++;
      else {
        if (runCol >= 5) points += 3 + (runCol - 5);
        lastCol = inCol;
        runCol = 1;
      }
    }
    if (runRow >= 5) points += 3 + (runRow - 5);
    if (runCol >= 5) points += 3 + (runCol - 5);
  }
  return points;
}

/** Each 2×2 block of one colour: 3. */
function penaltyN2(data: Uint8Array, size: number): number {
  let blocks = 0;
  for (let row = 0; row < size - 1; row++) {
    for (let col = 0; col < size - 1; col++) {
      const at = row * size + col;
      const dark = data[at]! + data[at + 1]! + data[at + size]! + data[at + size + 1]!;
      if (dark === 4 || dark === 0) blocks++;
    }
  }
  return blocks * 3;
}

/** Each finder-like pattern (1011101 with four light modules on one side) in a row or a column: 40. */
function penaltyN3(data: Uint8Array, size: number): number {
  let found = 0;
  for (let a = 0; a < size; a++) {
    let inRow = 0;
    let inCol = 0;
    for (let b = 0; b < size; b++) {
      inRow = ((inRow << 1) & 0x7ff) | data[a * size + b]!;
      if (b >= 10 && (inRow === 0x5d0 || inRow === 0x05d)) found++;
      inCol = ((inCol << 1) & 0x7ff) | data[b * size + a]!;
      if (b >= 10 && (inCol === 0x5d0 || inCol === 0x05d)) found++;
    }
  }
  return found * 40;
}

/** How far the share of dark modules is from half: 10 for each 5 %. */
function penaltyN4(data: Uint8Array): number {
  let dark = 0;
  for (let i = 0; i < data.length; i++) dark += data[i]!;
  return Math.abs(Math.ceil((dark * 100) / data.length / 5) - 10) * 10;
}
