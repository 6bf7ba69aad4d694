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
  const { size, data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
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
