/**
 * Characters the posters cannot print. Rare name characters (CJK Extension B and beyond) are
 * missing from the common Chinese fonts; a poster would print them as 〓. The check warns
 * about the cell instead, so an editor can act before the print shop does.
 */
import type { Dataset } from '../schema/dataset.ts';
import type { Problems } from './errors.ts';
import { maskName } from '../domain/mask.ts';

/** GB2312's 6,763 hanzi and its symbols: every poster font covers them, so no font is loaded for them. */
let common: Set<number> | undefined;
function commonCharacters(): Set<number> {
  if (common) return common;
  common = new Set<number>();
  const gbk = new TextDecoder('gbk');
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = gbk.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && ch !== '\uFFFD') common.add(ch.codePointAt(0)!);
    }
  }
  return common;
}

/** Needs a font check: not ASCII, not a common hanzi or symbol. */
function isRare(cp: number): boolean {
  return cp > 0x7e && !commonCharacters().has(cp) && !(cp >= 0x3000 && cp <= 0x303f) && !(cp >= 0xff00 && cp <= 0xffef);
}

/** The printed text of each row that can end up on a poster, with where it is. */
function printedCells(data: Dataset): { file: string; line: number; field: string; text: string }[] {
  return [
    // Names are printed masked: a rare character the mask hides never reaches paper.
    ...data.people.map((r) => ({ file: r.file, line: r.line, field: '姓名', text: data.site.maskNames ? maskName(r.name) : r.name })),
    ...data.households.map((r) => ({ file: r.file, line: r.line, field: '户名', text: r.name })),
    ...data.merchants.map((r) => ({ file: r.file, line: r.line, field: '名称', text: r.name })),
    ...data.units.map((r) => ({ file: r.file, line: r.line, field: '名称', text: r.name })),
    ...data.items.map((r) => ({ file: r.file, line: r.line, field: '名称', text: r.name })),
    ...data.honors.map((r) => ({ file: r.file, line: r.line, field: '荣誉', text: r.honor })),
    ...data.notices.map((n) => ({ file: n.file, line: 1, field: 'title', text: `${n.title}${n.body}` })),
  ];
}

/**
 * Warns about every cell with a character no poster font has. `missing` is asked only about
 * the rare characters, and only when there are any, so ordinary data loads no font at all.
 */
export function checkGlyphs(data: Dataset, problems: Problems, missing: (text: string) => string[]): void {
  const cells = printedCells(data).filter((c) => [...c.text].some((ch) => isRare(ch.codePointAt(0)!)));
  if (cells.length === 0) return;
  const rare = new Set(cells.flatMap((c) => [...c.text].filter((ch) => isRare(ch.codePointAt(0)!))));
  const lacking = new Set(missing([...rare].join('')));
  for (const c of cells) {
    const chars = [...new Set([...c.text].filter((ch) => lacking.has(ch)))];
    if (chars.length > 0) problems.warn({ file: c.file, line: c.line, field: c.field }, 'missing-glyph', { value: c.text.slice(0, 40), chars: chars.join(' ') });
  }
}
