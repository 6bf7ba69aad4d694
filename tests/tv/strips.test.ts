/**
 * The strip encoder of the TV pictures: its PNGs decode (with resvg's own PNG decoder) to
 * exactly the pixels drawn, and laying a stamp over a kept picture changes only the pixels
 * the stamp covers, as drawing the two together would.
 */
import { describe, expect, test } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { inflateSync } from 'node:zlib';
import { encodeStrips, keptPng, overlay, readKept, stripsPng, STRIP_ROWS } from '../../src/tv/strips.ts';

const W = 640;
const H = 200; // not a whole number of strips: the last one is short

const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${body}</svg>`;
// A slide-like picture: a gradient band, flat ground, thin rules and noise-like detail.
const SLIDE = svg(
  `<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7a0b12"/><stop offset="1" stop-color="#b3151f"/></linearGradient></defs>` +
    `<rect width="${W}" height="${H}" fill="#1d0a0c"/><rect width="${W}" height="60" fill="url(#g)"/>` +
    Array.from({ length: 40 }, (_, i) => `<circle cx="${(i * 97) % W}" cy="${70 + ((i * 53) % 120)}" r="${2 + (i % 7)}" fill="#${(0xf0c040 + i * 1013).toString(16).slice(-6)}"/>`).join('') +
    `<rect x="20" y="${H - 30}" width="${W - 40}" height="2" fill="#d4a640"/>`,
);
// The stamp: half-transparent and solid marks near the top and at the foot, nothing between.
const STAMP_MARKS = `<rect x="500" y="10" width="120" height="24" fill="#ffffff"/><rect x="30" y="${H - 20}" width="200" height="14" fill="#ffcc00" fill-opacity="0.6"/>`;

/** The image data of a PNG, unpacked by zlib, which checks its Adler-32 (resvg's decoder does not). */
function imageData(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) {
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + png.readUInt32BE(at)));
  }
  return inflateSync(Buffer.concat(parts));
}

const draw = (s: string) => new Resvg(s, { font: { loadSystemFonts: false } }).render().pixels;
/** Decodes a PNG with resvg (a PNG decoder we did not write), as RGBA. */
const decode = (png: Uint8Array) => draw(svg(`<image width="${W}" height="${H}" href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/>`));

describe('TV pictures in strips', () => {
  const pixels = draw(SLIDE);
  const strips = encodeStrips(pixels, W, H);

  test('a picture encoded in strips decodes to exactly the pixels drawn', () => {
    expect(strips.data.length).toBe(Math.ceil(H / STRIP_ROWS));
    expect(Buffer.from(decode(stripsPng(strips))).equals(Buffer.from(pixels))).toBe(true);
    expect(imageData(stripsPng(strips)).length).toBe(H * (1 + W * 3));
  });

  test('a kept picture is itself a PNG of the picture, and reads back to the same strips', () => {
    const kept = keptPng(strips);
    expect(Buffer.from(decode(kept)).equals(Buffer.from(pixels))).toBe(true);
    const back = readKept(kept);
    expect(back).not.toBeNull();
    expect(stripsPng(back!).equals(stripsPng(strips))).toBe(true);
  });

  test('a cut or foreign file is not taken for a kept picture', () => {
    const kept = keptPng(strips);
    expect(readKept(kept.subarray(0, kept.length - 40))).toBeNull();
    expect(readKept(stripsPng(strips))).toBeNull(); // a PNG without the strip table
    expect(readKept(Buffer.from('not a png'))).toBeNull();
  });

  test('the stamp laid over the strips looks as drawn together, and leaves the strips it does not touch as they were', () => {
    const stamped = overlay(strips, draw(svg(STAMP_MARKS)));
    const together = draw(SLIDE.replace('</svg>', `${STAMP_MARKS}</svg>`));
    expect(imageData(stripsPng(stamped)).length).toBe(H * (1 + W * 3));
    const got = decode(stripsPng(stamped));
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - together[i]!));
    expect(worst).toBeLessThanOrEqual(1); // rounding of the blend only
    const changed = stamped.data.map((d, s) => d !== strips.data[s]);
    expect(changed).toEqual(strips.data.map((_, s) => s === 0 || s === strips.data.length - 1));
  });
});
