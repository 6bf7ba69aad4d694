/**
 * 本期变动: what changed on the board since the previous publication, for the site's
 * changes page and the section under each period's ranking.
 *
 * The previous publication is, in order: the revision in `$BOARD_CHANGES_BASE`; the git tag
 * `published` when its data differs from what is being built (move it when you publish:
 * `git tag -f published`); otherwise the commit that changed `data/` or `content/` before
 * the one being built. Its figures are computed in a child process (so two boards are never
 * in memory together) and cached by commit, so the next build reuses them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Board } from '../view/board.ts';
import { buildSettings, processSlot } from '../build/context.ts';
import { hashFiles } from '../build/code-hash.ts';
import type { DataVersion } from '../data/version.ts';
import { diffFigures, diffFiles, figuresOf, type BalanceChange, type Figures, type SubjectChange } from './diff.ts';
import { changedFiles, commitOf, fileAt, materialise, PUBLISHED_TAG, sameData, tryGit } from './revision.ts';

export interface PeriodChanges {
  scheme: string;
  schemeName: string;
  period: string;
  subjects: SubjectChange[];
}

export interface ChangesView {
  /** The publication compared against; null when there is none to compare. */
  base: { id: string; full: string; date: string } | null;
  /** `compared`, or why not: not a git repository, first publication, the base's data has errors. */
  status: 'compared' | 'no-git' | 'first' | 'base-errors';
  /** Rows added, changed and removed per data file (counts only: rows may hold names). */
  files: { file: string; added: number; changed: number; removed: number }[];
  /** Periods with changes, in the order of the board's results. */
  periods: PeriodChanges[];
  balances: BalanceChange[];
  forPeriod(scheme: string, period: string): SubjectChange[];
}

/** Which revision to compare against, or why there is none. */
export function previousPublication(root: string, version: DataVersion): { rev: string } | { status: 'no-git' | 'first' } {
  const asked = buildSettings().changesBase;
  if (asked) {
    const rev = commitOf(root, asked);
    if (!rev) throw new Error(`BOARD_CHANGES_BASE=${asked}：不是这个仓库里的版本 (not a revision of this repository)`);
    return { rev };
  }
  if (tryGit(root, 'rev-parse', '--is-inside-work-tree') !== 'true') return { status: 'no-git' };
  const current = version.source === 'git' ? version.full : undefined;
  const tag = commitOf(root, `refs/tags/${PUBLISHED_TAG}`);
  if (tag && !sameData(root, tag, current)) return { rev: tag };
  // The last commit that changed the data; when building that very commit, the one before it.
  const log = tryGit(root, 'log', '-2', '--format=%H', ...(current ? [current] : []), '--', 'data', 'content') ?? '';
  const commits = log === '' ? [] : log.split('\n');
  const rev = current ? commits[1] : commits[0];
  return rev ? { rev } : { status: 'first' };
}

/** A hash of the code that computes figures: a cached base is reused only by the same code. */
function codeHash(project: string): string {
  return hashFiles(project, ['src'], (name) => name.endsWith('.ts')).slice(0, 16);
}

/** The figures published at `rev`, from the cache or computed by src/cli/figures.ts. */
function figuresAt(root: string, rev: string, project: string): Figures | undefined {
  const cacheDir = buildSettings().changesCache ?? join(project, 'node_modules', '.cache', 'changes');
  const cached = join(cacheDir, `${rev}-${codeHash(project)}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Figures;
  const dir = materialise(root, rev);
  try {
    // With the build's heap limit (npm run build gives three quarters of the memory): the
    // previous publication of a district is as large as the data being built.
    const heap = process.execArgv.filter((a) => a.startsWith('--max-old-space-size'));
    const r = spawnSync(process.execPath, [...heap, join(project, 'src/cli/figures.ts'), dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) return undefined;
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${cached}.${process.pid}.tmp`, r.stdout);
    renameSync(`${cached}.${process.pid}.tmp`, cached);
    return JSON.parse(r.stdout) as Figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The data files of the working tree that differ from `rev`, compared row by row. */
function fileChanges(root: string, rev: string, current: string | undefined): ChangesView['files'] {
  const paths = changedFiles(root, rev, current).filter((p) => p.endsWith('.csv'));
  const before = new Map<string, Uint8Array>();
  const after = new Map<string, Uint8Array>();
  for (const p of paths) {
    const a = fileAt(root, rev, p);
    if (a) before.set(p, a);
    const b = current ? fileAt(root, current, p) : existsSync(join(root, p)) ? readFileSync(join(root, p)) : undefined;
    if (b) after.set(p, b);
  }
  return diffFiles(before, after).map((f) => ({ file: f.file, added: f.added.length, changed: f.changed.length, removed: f.removed.length }));
}

export function computeChanges(board: Board, root: string, project: string = process.cwd()): ChangesView {
  const found = previousPublication(root, board.version);
  const empty = (status: ChangesView['status'], base: ChangesView['base'] = null): ChangesView => ({
    base, status, files: [], periods: [], balances: [], forPeriod: () => [],
  });
  if ('status' in found) return empty(found.status);
  const { rev } = found;
  const base = { id: rev.slice(0, 12), full: rev, date: tryGit(root, 'log', '-1', '--format=%cs', rev) ?? '' };
  const before = figuresAt(root, rev, project);
  if (!before) return empty('base-errors', base);
  const { subjects, balances } = diffFigures(before, figuresOf(board));
  const periods: PeriodChanges[] = [];
  const index = new Map<string, PeriodChanges>();
  for (const r of board.results) {
    const p: PeriodChanges = { scheme: r.scheme.id, schemeName: r.scheme.name, period: r.period, subjects: [] };
    index.set(`${r.scheme.id}\u0000${r.period}`, p);
    periods.push(p);
  }
  for (const s of subjects) index.get(`${s.scheme}\u0000${s.period}`)?.subjects.push(s);
  // Within a period: the biggest moves in total first, then by id, so the list is stable.
  const move = (s: SubjectChange) => Math.abs((s.after?.total ?? 0) - (s.before?.total ?? 0));
  for (const p of periods) p.subjects.sort((a, b) => move(b) - move(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const current = board.version.source === 'git' ? board.version.full : undefined;
  return {
    base,
    status: 'compared',
    files: fileChanges(root, rev, current),
    periods: periods.filter((p) => p.subjects.length > 0),
    balances,
    forPeriod: (scheme, period) => index.get(`${scheme}\u0000${period}`)?.subjects ?? [],
  };
}

// Like the board: computed once per build process, held on the process so every bundle finds it.
const kept = processSlot<{ board: Board; changes: ChangesView }>('changes');

export function getChanges(board: Board, root: string = buildSettings().root): ChangesView {
  const cached = kept.get();
  if (cached?.board === board) return cached.changes;
  const changes = computeChanges(board, root);
  kept.set({ board, changes });
  return changes;
}
