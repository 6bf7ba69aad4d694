/**
 * YAML settings files read with line numbers, so a wrong setting is reported on its line.
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { z } from 'zod';

const zhErrors = z.locales.zhCN().localeError;
import type { Problems } from '../check/errors.ts';

/**
 * Parses YAML text against a schema; reports syntax and schema errors with their lines.
 * `unreadable` when the text is not YAML at all (a syntax error): nothing of it could be read.
 */
export function parseYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  problems: Problems,
): { value: z.output<S> | undefined; unreadable: boolean } {
  const parsed = readYaml(text, file, problems);
  return { value: parsed && validateAt(parsed, [], parsed.doc.toJS(), schema, file, problems), unreadable: parsed === undefined };
}

/**
 * Parses a YAML list item by item, so one wrong entry (a scheme) does not hide the others.
 * Returns the valid items and the `id`s of the invalid ones, whose references are then not
 * reported again.
 */
export function parseYamlList<S extends z.ZodType>(
  text: string,
  file: string,
  itemSchema: S,
  problems: Problems,
): { items: z.output<S>[]; rejectedIds: string[]; unreadable: boolean } {
  const items: z.output<S>[] = [];
  const rejectedIds: string[] = [];
  const parsed = readYaml(text, file, problems);
  if (!parsed) return { items, rejectedIds, unreadable: true };
  const list: unknown = parsed.doc.toJS();
  if (!Array.isArray(list)) {
    problems.error({ file, line: 1 }, 'yaml-field', { path: '(整个文件)', reason: '应为列表，每项以 - 开头' });
    return { items, rejectedIds, unreadable: false };
  }
  list.forEach((entry: unknown, i) => {
    const value = validateAt(parsed, [i], entry, itemSchema, file, problems);
    if (value !== undefined) items.push(value);
    else if (entry && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string') {
      rejectedIds.push((entry as { id: string }).id);
    }
  });
  return { items, rejectedIds, unreadable: false };
}

interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
}

/**
 * What a YAML syntax error means, as an editor would put it right. One typo (a line indented
 * one space less) makes the parser report it several ways on the lines after; only the first
 * is the cause, so only the first is reported, with the line as typed.
 */
const YAML_CAUSES: Record<string, string> = {
  TAB_AS_INDENT: '这一行用 Tab 键缩进了，YAML 只认空格',
  DUPLICATE_KEY: '同一个设置项在这里写了两次',
  BAD_INDENT: '这一行的缩进和上下行对不齐',
  BLOCK_AS_IMPLICIT_KEY: '这一行的缩进和上下行对不齐',
  MULTILINE_IMPLICIT_KEY: '这一行的缩进和上下行对不齐，或上一行少了冒号',
  MISSING_CHAR: '少了一个符号：冒号后的空格、配对的引号或括号',
  BAD_SCALAR_START: '值的开头不能是这个符号，请给这个值加上英文引号',
  UNEXPECTED_TOKEN: '这里多了或少了一个符号（冒号、横线或括号）',
};

/** A Tab in the indent or a Chinese colon after a setting's name, on line `at` or the one before: [the line, the cause]. */
function typoNear(lines: string[], at: number): [number, string | undefined] {
  for (const i of [at, at - 1]) {
    const l = lines[i];
    if (l === undefined) continue;
    const code = l.replace(/\s+#.*$/, '');
    if (/^\s*\t/.test(code)) return [i, '这一行用 Tab 键缩进了，YAML 只认空格'];
    if (/^\s*(-\s+)?[^\s"'：:]+\s*：/.test(code)) return [i, '这一行用了中文冒号“：”，设置项后面要用英文冒号和一个空格“: ”'];
  }
  return [at, undefined];
}

/** 这一行前面有 1 个空格，上一行有 2 个: a line whose indent matches neither neighbour, the usual typo. */
function misindented(lines: string[], at: number): string | undefined {
  // A list item's keys start after its `- `: `- id: credit` and `  name: …` are aligned.
  const indent = (l: string) => /^(\s*(?:- +)?)/.exec(l)![1]!.length;
  const near = (step: number) => {
    for (let i = at + step; i >= 0 && i < lines.length; i += step) if (lines[i]!.trim() !== '' && !lines[i]!.trim().startsWith('#')) return lines[i]!;
    return undefined;
  };
  const line = lines[at];
  const [before, after] = [near(-1), near(1)];
  if (line === undefined || line.trim() === '' || /^\s*\t/.test(line)) return undefined;
  const n = line.length - line.trimStart().length;
  if ((before === undefined || indent(before) === n) || (after !== undefined && indent(after) === n)) return undefined;
  // The indents in use just above: one of them is where the line belongs.
  const used = new Set<number>();
  for (let i = at - 1, seen = 0; i >= 0 && seen < 8; i--) {
    const l = lines[i]!;
    if (l.trim() === '' || l.trim().startsWith('#')) continue;
    used.add(indent(l));
    if (/^\s*- /.test(l)) used.add(l.length - l.trimStart().length);
    seen++;
  }
  return `这一行前面有 ${n} 个空格，和上面各行的缩进（${[...used].sort((a, b) => a - b).join('、')} 个空格）都对不齐`;
}

function readYaml(text: string, file: string, problems: Problems): ParsedYaml | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length === 0) return { doc, lineCounter };
  const first = doc.errors[0]!;
  let line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
  const lines = text.split(/\r?\n/);
  // The parser may stop on the line after the typo: a Tab or a Chinese colon is looked for on both.
  const [at, typo] = typoNear(lines, line - 1);
  const typed = lines[at] ?? '';
  const cause = typo ?? misindented(lines, line - 1) ?? YAML_CAUSES[first.code] ?? '格式不对';
  line = at + 1;
  problems.error({ file, line }, 'yaml-invalid', { reason: `${cause}（${first.code}）。这一行是：“${typed.trimEnd()}”` });
  return undefined;
}

function validateAt<S extends z.ZodType>(
  { doc, lineCounter }: ParsedYaml,
  prefix: (string | number)[],
  value: unknown,
  schema: S,
  file: string,
  problems: Problems,
): z.output<S> | undefined {
  const result = schema.safeParse(value, { error: zhErrors });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const where = pathLabel(doc, path);
    if (issue.code === 'unrecognized_keys') {
      // A setting the board does not know is never ignored: a typo (redeemabel, max:15) would
      // leave its setting at the default and move the figures without a word.
      for (const key of issue.keys) {
        const at = [...path, key];
        problems.error({ file, line: lineOf(doc, at, lineCounter) }, 'yaml-unknown-key', { key, path: where || '(整个文件)', hint: keyHint(key, schema) });
      }
      continue;
    }
    problems.error({ file, line: lineOf(doc, path, lineCounter), field: where }, 'yaml-field', { path: where || '(整个文件)', reason: issue.message });
  }
  return undefined;
}

/** The line of the deepest node on `path` that exists (a missing key points at its parent). */
function lineOf(doc: Document, path: (string | number)[], counter: LineCounter): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

/** A setting's place as an editor reads it: 方案“party” → categories 第 2 项 → max. */
function pathLabel(doc: Document, path: (string | number)[]): string {
  return path
    .map((p, i) => {
      if (typeof p !== 'number') return p;
      if (i === 0) {
        const id = doc.getIn([p, 'id']);
        return typeof id === 'string' ? `方案“${id}”` : `第 ${p + 1} 项`;
      }
      return `第 ${p + 1} 项`;
    })
    .join(' → ');
}

/** Every setting name the schema knows, at any depth. */
function knownKeys(schema: unknown, out = new Set<string>()): Set<string> {
  const s = schema as { shape?: Record<string, unknown>; element?: unknown; unwrap?: () => unknown; _def?: { innerType?: unknown; in?: unknown; out?: unknown } };
  if (!s || typeof s !== 'object') return out;
  if (s.shape) for (const [k, v] of Object.entries(s.shape)) if (!out.has(k)) (out.add(k), knownKeys(v, out));
  if (s.element) knownKeys(s.element, out);
  for (const inner of [s._def?.innerType, s._def?.in, s._def?.out]) if (inner) knownKeys(inner, out);
  return out;
}

/** What the editor probably meant: a colon with no space after it, a Chinese colon, or the nearest setting name. */
function keyHint(key: string, schema: unknown): string {
  if (/[:：]/.test(key)) return `冒号后面要有一个空格，并且用英文冒号：写成“${key.replace(/\s*[:：]\s*/, ': ')}”。`;
  const known = [...knownKeys(schema)];
  const near = known.map((k) => [k, distance(key.toLowerCase(), k.toLowerCase())] as const).sort((a, b) => a[1] - b[1])[0];
  return near && near[1] <= Math.max(2, Math.floor(key.length / 3)) ? `是不是“${near[0]}”？` : `这里可以写的设置项：${known.slice(0, 12).join('、')}…`;
}

/** Edit distance between two short words. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
