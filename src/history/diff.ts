/**
 * What a change does to the board: rows added, changed and removed per file, and whose
 * totals, ranks, levels, stars and balances move. Pure: takes two file maps and two boards.
 */
import { decodeText } from '../data/encoding.ts';
import { workbookText } from '../data/xlsx.ts';
import { readRecords } from '../data/csv.ts';
import { Problems } from '../check/errors.ts';
import type { Board } from '../view/board.ts';

export interface FileChange {
  file: string;
  added: string[];
  removed: string[];
  /** Rows of keyed files (units, people, rules, items…) whose key stayed and content changed. */
  changed: { key: string; before: string; after: string }[];
}

export interface SubjectChange {
  scheme: string;
  schemeName: string;
  period: string;
  id: string;
  name: string;
  before?: { total: number; rank: number | null; level: string | null; stars?: number };
  after?: { total: number; rank: number | null; level: string | null; stars?: number };
}

export interface BalanceChange {
  scheme: string;
  id: string;
  name: string;
  before: number;
  after: number;
}

export interface BoardDiff {
  files: FileChange[];
  subjects: SubjectChange[];
  balances: BalanceChange[];
  /** Subjects new in a period on 0 points or the score most of them start on (or gone from one on 0): not listed, only counted. */
  quiet?: number;
}

/** Files whose first column is a unique key: a row with the same key is "changed", not added and removed. */
const KEYED = new Set(['data/units.csv', 'data/people.csv', 'data/households.csv', 'data/merchants.csv', 'data/rules.csv']);

/** A table file's rows as cells: a CSV's, or a workbook's sheet read as the check reads it. */
function rowsOf(bytes: Uint8Array | undefined, file: string): string[][] {
  if (!bytes || !isTableFile(file)) return [];
  let text: string;
  if (file.toLowerCase().endsWith('.xlsx')) {
    const book = workbookText(bytes, file);
    if (!book.ok) return [];
    text = book.text;
  } else text = decodeText(bytes).text;
  const records = readRecords(text, file, new Problems());
  return records.slice(1).map((r) => r.cells);
}

const isTableFile = (file: string) => /\.(csv|xlsx)$/i.test(file);

/** Compares two versions of every data file, row by row. */
export function diffFiles(before: Map<string, Uint8Array>, after: Map<string, Uint8Array>): FileChange[] {
  const files = [...new Set([...before.keys(), ...after.keys()])].filter(isTableFile).sort();
  const out: FileChange[] = [];
  for (const file of files) {
    const x = before.get(file);
    const y = after.get(file);
    if (x && y && Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(y)) continue;
    const a = rowsOf(before.get(file), file).map((r) => r.join(','));
    const b = rowsOf(after.get(file), file).map((r) => r.join(','));
    const change: FileChange = { file, added: [], removed: [], changed: [] };
    // Multisets: a ledger may hold two identical rows (the same service twice on one day).
    const count = new Map<string, number>();
    for (const r of a) count.set(r, (count.get(r) ?? 0) + 1);
    for (const r of b) {
      const n = count.get(r) ?? 0;
      if (n > 0) count.set(r, n - 1);
      else change.added.push(r);
    }
    for (const [r, n] of count) for (let i = 0; i < n; i++) change.removed.push(r);
    if (KEYED.has(file)) {
      const removedByKey = new Map(change.removed.map((r) => [r.split(',')[0]!, r]));
      change.added = change.added.filter((r) => {
        const key = r.split(',')[0]!;
        const old = removedByKey.get(key);
        if (old === undefined) return true;
        change.changed.push({ key, before: old, after: r });
        removedByKey.delete(key);
        return false;
      });
      change.removed = [...removedByKey.values()];
    }
    if (change.added.length + change.removed.length + change.changed.length > 0) out.push(change);
  }
  return out;
}

/**
 * What the board publishes about each subject, small enough to keep in a cache file: per
 * scheme and period, each row's total, rank, level and stars; per redeemable scheme, balances.
 */
export interface Figures {
  schemes: { id: string; name: string }[];
  results: { scheme: string; period: string; rows: { id: string; name: string; total: number; rank: number | null; level: string | null; stars?: number }[] }[];
  balances: { scheme: string; rows: { id: string; name: string; balance: number }[] }[];
}

export function figuresOf(board: Board): Figures {
  return {
    schemes: board.schemes.map((s) => ({ id: s.id, name: s.name })),
    results: board.results.map((r) => ({
      scheme: r.scheme.id,
      period: r.period,
      rows: r.rows.map((x) => ({ id: x.id, name: x.name, total: x.total, rank: x.rank, level: x.level, ...(x.stars !== undefined ? { stars: x.stars } : {}) })),
    })),
    balances: board.balances.map((b) => ({ scheme: b.scheme.id, rows: b.rows.map((x) => ({ id: x.id, name: x.name, balance: x.balance })) })),
  };
}

/** Whose published figures differ between two boards. */
export function diffBoards(before: Board, after: Board): Pick<BoardDiff, 'subjects' | 'balances' | 'quiet'> {
  return diffFigures(figuresOf(before), figuresOf(after));
}

export function diffFigures(before: Figures, after: Figures): Pick<BoardDiff, 'subjects' | 'balances' | 'quiet'> {
  const subjects: SubjectChange[] = [];
  let quiet = 0;
  const byKey = (f: Figures) => new Map(f.results.map((r) => [`${r.scheme}\u0000${r.period}`, r.rows]));
  const was = byKey(before);
  const now = byKey(after);
  for (const key of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const [scheme, period] = key.split('\u0000') as [string, string];
    const a = new Map((was.get(key) ?? []).map((r) => [r.id, r]));
    const b = new Map((now.get(key) ?? []).map((r) => [r.id, r]));
    const schemeName = (after.schemes.find((s) => s.id === scheme) ?? before.schemes.find((s) => s.id === scheme))!.name;
    // A new period starts everyone on the same score (0, or a start value such as 65 of a new
    // year): the score most new rows share moves nobody, and is counted, not listed.
    const counts = new Map<number, number>();
    for (const [id, r] of b) if (!a.has(id)) counts.set(r.total, (counts.get(r.total) ?? 0) + 1);
    const common = [...counts].sort((p, q) => q[1] - p[1])[0];
    const start = common && common[1] >= 2 ? common[0] : 0;
    for (const id of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const x = a.get(id);
      const y = b.get(id);
      const fig = (r: typeof x) => r && { total: r.total, rank: r.rank, level: r.level, ...(r.stars !== undefined ? { stars: r.stars } : {}) };
      if (x && y && x.total === y.total && x.rank === y.rank && x.level === y.level && x.stars === y.stars) continue;
      // A new month lists every household at 0 points: that moves nobody (719 of a month's 924 lines said （无） → 0 分).
      if ((!x && (y!.total === 0 || y!.total === start)) || (!y && x!.total === 0)) {
        quiet++;
        continue;
      }
      subjects.push({ scheme, schemeName, period, id, name: (y ?? x)!.name, before: fig(x), after: fig(y) });
    }
  }
  const balances: BalanceChange[] = [];
  for (const list of after.balances) {
    const old = new Map((before.balances.find((b) => b.scheme === list.scheme)?.rows ?? []).map((r) => [r.id, r.balance]));
    for (const row of list.rows) {
      const prev = old.get(row.id) ?? 0;
      if (prev !== row.balance) balances.push({ scheme: list.scheme, id: row.id, name: row.name, before: prev, after: row.balance });
    }
  }
  return { subjects, balances, quiet };
}

const fmtFig = (f?: SubjectChange['before']) =>
  f ? `${f.total} 分${f.rank !== null ? `，第 ${f.rank} 名` : '，无名次'}${f.level ? `，${f.level}` : ''}${f.stars !== undefined ? `，${f.stars} 星` : ''}` : '（无）';

/** The diff as text or Markdown (for a pull-request comment), in Chinese with English beside. */
export function formatDiff(diff: BoardDiff, format: 'text' | 'markdown'): string {
  const md = format === 'markdown';
  const out: string[] = [];
  const h = (s: string) => out.push(md ? `\n### ${s}\n` : `\n== ${s} ==`);
  const li = (s: string) => out.push(md ? `- ${s}` : `  ${s}`);
  const code = (s: string) => (md ? `\`${s.replace(/`/g, "'")}\`` : s);
  // The summary first: what a reviewer of a pull request reads before anything else.
  const rows = (k: 'added' | 'changed' | 'removed') => diff.files.reduce((n, f) => n + f[k].length, 0);
  const moved = (test: (b: SubjectChange['before'], a: SubjectChange['after']) => boolean) => diff.subjects.filter((s) => test(s.before, s.after)).length;
  const totals = moved((b, a) => b?.total !== a?.total);
  const ranks = moved((b, a) => b?.rank !== a?.rank);
  const levels = moved((b, a) => b?.level !== a?.level || b?.stars !== a?.stars);
  h('概要 (summary)');
  li(`数据行：新增 ${rows('added')}，修改 ${rows('changed')}，删除 ${rows('removed')}（${diff.files.length} 个文件）(rows added ${rows('added')}, changed ${rows('changed')}, removed ${rows('removed')})`);
  li(`公示结果：总分变动 ${totals} 个对象，名次变动 ${ranks}，等次或星级变动 ${levels}；余额变动 ${diff.balances.length} (totals moved ${totals}, ranks ${ranks}, levels ${levels}; balances ${diff.balances.length})`);
  if (diff.quiet) li(`另有 ${diff.quiet} 个对象在新的周期里还是 0 分或起始分，不逐条列出。(${diff.quiet} on 0 points or the starting score in a new period, not listed)`);
  h('数据变动 (rows changed)');
  if (diff.files.length === 0) li('没有数据行变动。(no rows changed)');
  for (const f of diff.files) {
    li(`${code(f.file)}：新增 ${f.added.length} 行，修改 ${f.changed.length} 行，删除 ${f.removed.length} 行 (added ${f.added.length}, changed ${f.changed.length}, removed ${f.removed.length})`);
    for (const r of f.added.slice(0, 20)) li(`  + ${code(r)}`);
    for (const c of f.changed.slice(0, 20)) li(`  ~ ${code(c.before)} → ${code(c.after)}`);
    for (const r of f.removed.slice(0, 20)) li(`  - ${code(r)}`);
    const more = f.added.length + f.changed.length + f.removed.length - Math.min(20, f.added.length) - Math.min(20, f.changed.length) - Math.min(20, f.removed.length);
    if (more > 0) li(`  ……另有 ${more} 行 (${more} more)`);
  }
  h('对公示结果的影响 (effect on the board)');
  if (diff.subjects.length === 0) li('排名、总分、等次都没有变化。(no total, rank or level changes)');
  for (const s of diff.subjects) {
    li(`${s.schemeName} ${s.period} · ${s.name}（${s.id}）：${fmtFig(s.before)} → ${fmtFig(s.after)}`);
  }
  h('积分余额 (balances)');
  if (diff.balances.length === 0) li('余额没有变化。(no balance changes)');
  for (const b of diff.balances) li(`${b.scheme} · ${b.name}（${b.id}）：${b.before} → ${b.after}`);
  return out.join('\n').trimStart() + '\n';
}
