import { inflateSync } from 'node:zlib';

/**
 * Unpacks a WOFF 1.0 font into the plain TrueType/OpenType (sfnt) bytes it wraps.
 *
 * Why not hand the WOFF to fontkit as it is: fontkit inflates tables with tiny-inflate,
 * which rejects some of the Noto Sans SC slices (`noto-sans-sc-101-*.woff` fails with
 * "Data error") that zlib reads fine. Unpacking once with zlib gives satori and pdfkit the
 * same, valid bytes, and every later parse skips the inflate.
 *
 * @example woffToSfnt(readFileSync('noto-sans-sc-latin-400-normal.woff')) // Buffer starting 00 01 00 00
 */
export function woffToSfnt(woff: Uint8Array): Buffer {
  const src = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (src.toString('latin1', 0, 4) !== 'wOFF') return src; // already sfnt: the same bytes, not a copy (both weights of a fallback file share them)
  const flavor = src.readUInt32BE(4);
  const numTables = src.readUInt16BE(12);
  const tables: { tag: string; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const offset = src.readUInt32BE(at + 4);
    const compLength = src.readUInt32BE(at + 8);
    const origLength = src.readUInt32BE(at + 12);
    const stored = src.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : Buffer.from(stored);
    if (data.length !== origLength) throw new Error(`WOFF table ${src.toString('latin1', at, at + 4)}: expected ${origLength} bytes, got ${data.length}`);
    tables.push({ tag: src.toString('latin1', at, at + 4), checksum: src.readUInt32BE(at + 16), data });
  }
  // The sfnt table directory is sorted by tag (WOFF's already is, but do not rely on it).
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const headerSize = 12 + numTables * 16;
  const size = tables.reduce((sum, t) => sum + pad4(t.data.length), headerSize);
  const out = Buffer.alloc(size);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerSize;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    out.write(t.tag, at, 'latin1');
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += pad4(t.data.length);
  });
  return out;
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}
