/**
 * Reads the SVG satori writes with `embedFont: false` into drawing operations for the PDF.
 * The template only makes boxes and text, so satori's output is `<rect>`, `<path>` (a box
 * with rounded corners) and `<text>` (one per word or CJK character, `y` on the baseline),
 * plus `<mask>`/`<clipPath>` definitions that nothing refers to unless a box hides its
 * overflow. Anything else is an error, so a template change that would draw wrongly fails
 * in the tests instead of on paper.
 */

export interface RectOp {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
}
export interface PathOp {
  kind: 'path';
  d: string;
  fill: string;
}
export interface TextOp {
  kind: 'text';
  x: number;
  /** Baseline. */
  y: number;
  /** Advance width satori gave the text. */
  width: number;
  fontSize: number;
  weight: 400 | 700;
  fill: string;
  text: string;
}
export type DrawOp = RectOp | PathOp | TextOp;

const skipped = new Set(['mask', 'clipPath', 'defs']);

/** The drawing operations of one satori SVG, in painting order. */
export function parseSatoriSvg(svg: string): DrawOp[] {
  const ops: DrawOp[] = [];
  const tag = /<(\/?)([a-zA-Z]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let skipDepth = 0;
  let openText: TextOp | undefined;
  for (const m of svg.matchAll(tag)) {
    const [, closing, name, rawAttrs, selfClosing, content] = m;
    if (content !== undefined) {
      if (openText && skipDepth === 0) openText.text += unescapeXml(content);
      continue;
    }
    if (skipped.has(name!)) {
      if (closing) skipDepth--;
      else if (!selfClosing) skipDepth++;
      continue;
    }
    if (skipDepth > 0) continue;
    if (closing) {
      if (name === 'text' && openText) {
        ops.push(openText);
        openText = undefined;
      }
      continue;
    }
    const a = attrs(rawAttrs ?? '');
    switch (name) {
      case 'svg':
        break;
      case 'rect':
        if (a['clip-path'] || a.mask || a.transform) throw unsupported(m[0]);
        if (a.fill === 'none' || a.fill === 'transparent') break;
        ops.push({ kind: 'rect', x: num(a.x), y: num(a.y), width: num(a.width), height: num(a.height), fill: a.fill ?? 'black' });
        break;
      case 'path':
        if (a.stroke || a.transform || a.mask) throw unsupported(m[0]);
        ops.push({ kind: 'path', d: a.d ?? '', fill: a.fill ?? 'black' });
        break;
      case 'text': {
        if (a.transform || a['clip-path'] || a.mask) throw unsupported(m[0]);
        const weight = a['font-weight'] === '700' || a['font-weight'] === 'bold' ? 700 : 400;
        openText = { kind: 'text', x: num(a.x), y: num(a.y), width: num(a.width), fontSize: num(a['font-size']), weight, fill: a.fill ?? 'black', text: '' };
        if (selfClosing) openText = undefined;
        break;
      }
      default:
        throw unsupported(m[0]);
    }
  }
  return ops;
}

function unsupported(element: string): Error {
  return new Error(`poster template produced SVG the PDF writer does not draw: ${element.slice(0, 120)}`);
}

function attrs(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of raw.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]!] = unescapeXml(m[2]!);
  return out;
}

function num(v: string | undefined): number {
  const n = Number(v ?? 0);
  if (!Number.isFinite(n)) throw new Error(`not a number in satori SVG: ${v}`);
  return n;
}

function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/**
 * Joins the per-word `<text>` elements satori writes into runs: same line, size, weight and
 * colour, each starting where the last ended. Fewer, longer text objects make a smaller PDF
 * and let a reader copy a whole cell.
 */
export function mergeTextRuns(ops: TextOp[], joinable: (a: TextOp, b: TextOp) => boolean): TextOp[] {
  const out: TextOp[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && last.y === op.y && last.fontSize === op.fontSize && last.weight === op.weight && last.fill === op.fill && Math.abs(last.x + last.width - op.x) < 0.01 && joinable(last, op)) {
      last.text += op.text;
      last.width += op.width;
    } else {
      out.push({ ...op });
    }
  }
  return out;
}
