/**
 * Stories and notices (`content/news/*.mdx`, `content/notices/*.mdx`): front matter checked
 * against the same schemas Astro's collections use, and bodies checked for what editors may
 * not write (imports, exports, scripts, event attributes, expressions reaching the runtime).
 */
import { parseYaml } from './yaml.ts';
import type { Problems } from '../check/errors.ts';
import type { z } from 'zod';

/** The data components a story may embed. */
export const DATA_COMPONENTS = ['Ranking', 'StarTable', 'ShopSummary', 'Stats'];

export interface ParsedEntry<T> {
  meta: T;
  body: string;
  /** Line of the first body line in the file. */
  bodyLine: number;
}

/** Splits `---` front matter from an MDX file and validates it. */
export function parseEntry<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  problems: Problems,
): ParsedEntry<z.output<S>> | undefined {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) {
    problems.error({ file, line: 1 }, 'frontmatter-invalid', { reason: '文件开头缺少 --- 包围的设置' });
    return undefined;
  }
  const before = problems.errors.length;
  // Front matter starts on line 2; parseYaml counts from 1, so shift its lines by one.
  const meta = parseYaml(m[1]!, file, schema, problems).value;
  for (const e of problems.errors.slice(before)) {
    e.line += 1;
    if (e.code === 'yaml-field') e.code = 'frontmatter-invalid';
  }
  const body = text.slice(m[0].length);
  const bodyLine = m[0].split('\n').length;
  checkBody(body, bodyLine, file, problems);
  return meta === undefined ? undefined : { meta, body, bodyLine };
}

const UNSAFE: [RegExp, string][] = [
  [/^\s*(import|export)\s/, 'import / export 语句'],
  [/<\s*script\b/i, '<script> 标签'],
  [/<\s*(iframe|object|embed|style|link|meta|base|form)\b/i, '<iframe>、<style> 等标签'],
  [/\son[a-z]+\s*=/i, '事件属性（如 onclick）'],
  [/javascript\s*:/i, 'javascript: 链接'],
];

/** Expressions in `{…}` may only be plain numbers or strings (`limit={10}`). */
const EXPRESSION = /\{([^{}]*)\}/g;

function checkBody(body: string, firstLine: number, file: string, problems: Problems): void {
  let inFence = false;
  body.split('\n').forEach((text, i) => {
    const line = firstLine + i;
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    if (inFence) return;
    for (const [re, what] of UNSAFE) {
      if (re.test(text)) problems.error({ file, line }, 'mdx-unsafe', { what });
    }
    for (const m of text.matchAll(EXPRESSION)) {
      const expr = m[1]!.trim();
      if (expr !== '' && !/^(-?\d+(\.\d+)?|"[^"]*"|'[^']*'|true|false)$/.test(expr)) {
        problems.error({ file, line, column: (m.index ?? 0) + 1 }, 'mdx-unsafe', { what: `表达式 {${expr}}` });
      }
    }
    for (const m of text.matchAll(/<([A-Z][A-Za-z]*)/g)) {
      if (!DATA_COMPONENTS.includes(m[1]!)) {
        problems.error({ file, line, column: (m.index ?? 0) + 1 }, 'mdx-unsafe', { what: `组件 <${m[1]}>（可用：${DATA_COMPONENTS.join('、')}）` });
      }
    }
  });
}
