/**
 * A notice's MDX body as plain paragraphs for paper: Markdown marks and embedded data
 * components are dropped (the poster prints the computed table itself), text is kept as typed.
 * Its paragraphs and its sign-off: a last block of short lines ending in a date
 * (中共澄川街道工作委员会 / 2023年1月9日) is set line by line at the right, as a notice is
 * signed, not run together into one line.
 */
export function noticeText(body: string): { paragraphs: string[]; signature?: string[] } {
  const blocks = blocksOf(body).filter((b) => b.length > 0);
  const last = blocks.at(-1);
  const signed = last && last.length >= 2 && last.every((l) => [...l].length <= 30) && /^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2})$/.test(last.at(-1)!);
  const paragraphs = (signed ? blocks.slice(0, -1) : blocks).map((lines) => lines.join(''));
  return signed ? { paragraphs, signature: last } : { paragraphs };
}

/** The body's blocks (split at blank lines), each as its plain lines. */
function blocksOf(body: string): string[][] {
  return body
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .filter((line) => !/^\s*<[A-Z][^>]*\/?>\s*$/.test(line))
        .map((line) =>
          line
            .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+[.)]|>)\s+/, '')
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
            .replace(/(\*\*|__|\*|_|`)/g, '')
            .trim(),
        )
        .filter(Boolean),
    );
}
