/**
 * YAML settings files read with line numbers, so a wrong setting is reported on its line.
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { z } from 'zod';

const zhErrors = z.locales.zhCN().localeError;
import type { Problems } from '../check/errors.ts';

/** Parses YAML text against a schema; reports syntax and schema errors with their lines. */
export function parseYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  problems: Problems,
): z.output<S> | undefined {
  const parsed = readYaml(text, file, problems);
  return parsed && validateAt(parsed, [], parsed.doc.toJS(), schema, file, problems);
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
): { items: z.output<S>[]; rejectedIds: string[] } {
  const items: z.output<S>[] = [];
  const rejectedIds: string[] = [];
  const parsed = readYaml(text, file, problems);
  if (!parsed) return { items, rejectedIds };
  const list: unknown = parsed.doc.toJS();
  if (!Array.isArray(list)) {
    problems.error({ file, line: 1 }, 'yaml-field', { path: '(整个文件)', reason: '应为列表，每项以 - 开头' });
    return { items, rejectedIds };
  }
  list.forEach((entry: unknown, i) => {
    const value = validateAt(parsed, [i], entry, itemSchema, file, problems);
    if (value !== undefined) items.push(value);
    else if (entry && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string') {
      rejectedIds.push((entry as { id: string }).id);
    }
  });
  return { items, rejectedIds };
}

interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
}

function readYaml(text: string, file: string, problems: Problems): ParsedYaml | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length === 0) return { doc, lineCounter };
  for (const e of doc.errors) {
    const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
    problems.error({ file, line }, 'yaml-invalid', { reason: e.code });
  }
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
    problems.error(
      { file, line: lineOf(doc, path, lineCounter), field: path.join('.') },
      'yaml-field',
      { path: path.join('.') || '(整个文件)', reason: issue.message },
    );
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
