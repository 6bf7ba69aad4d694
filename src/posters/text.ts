/**
 * A notice's MDX body as plain paragraphs for paper: Markdown marks and embedded data
 * components are dropped (the poster prints the computed table itself), text is kept as typed.
 */
export function plainParagraphs(body: string): string[] {
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
        .filter(Boolean)
        .join(''),
    )
    .filter((p) => p.length > 0);
}
