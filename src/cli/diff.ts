/**
 * `npm run diff -- [<from>] [<to>] [--format text|markdown] [--root DIR]`: what a change to
 * the data does to the board. `from` and `to` are git revisions; `to` defaults to the working
 * tree; `from` defaults to the tag `published` when it exists (move it when you publish:
 * `git tag -f published`), otherwise HEAD (or HEAD~1 when the working tree is clean).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkProject } from '../data/check.ts';
import { dataVersion } from '../data/version.ts';
import { formatReport } from '../data/report.ts';
import { computeBoard, latestDate } from '../board.ts';
import { diffFiles, diffBoards, formatDiff } from '../diff.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const format = option('format') === 'markdown' ? 'markdown' : 'text';
const root = resolve(option('root') ?? process.env.BOARD_ROOT ?? '.');
const git = (...a: string[]) => execFileSync('git', ['-C', root, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function defaultFrom(): string {
  try {
    git('rev-parse', '--verify', '--quiet', 'refs/tags/published');
    return 'published';
  } catch {
    return git('status', '--porcelain', '--', 'data', 'content') === '' ? 'HEAD~1' : 'HEAD';
  }
}

/** A revision's data/ and content/ in a temporary folder; the working tree is the root itself. */
function materialise(rev: string | undefined): string {
  if (rev === undefined) return root;
  const dir = mkdtempSync(join(tmpdir(), 'board-rev-'));
  const paths = ['data', 'content'].filter((p) => {
    try {
      git('cat-file', '-e', `${rev}:${p}`);
      return true;
    } catch {
      return false;
    }
  });
  execFileSync('sh', ['-c', `git -C "$0" archive "$1" -- ${paths.join(' ')} | tar -x -C "$2"`, root, rev, dir]);
  return dir;
}

function boardAt(rev: string | undefined, label: string) {
  const dir = materialise(rev);
  const { dataset, problems, files } = checkProject(dir);
  const report = problems.sorted();
  if (report.errors.length > 0) {
    process.stderr.write(`${label}（${rev ?? '工作区 working tree'}）的数据有错误，无法比较 (data has errors):\n${formatReport(report, 'text')}`);
    process.exit(1);
  }
  return { files, board: computeBoard(dataset, dataVersion(dir, files, latestDate(dataset))) };
}

const [fromArg, toArg] = args.filter((a) => !a.startsWith('--'));
const from = fromArg ?? defaultFrom();
const before = boardAt(from, '变动前 (from)');
const after = boardAt(toArg, '变动后 (to)');
const diff = { files: diffFiles(before.files, after.files), ...diffBoards(before.board, after.board) };
const title = `${from} → ${toArg ?? '工作区 (working tree)'}`;
process.stdout.write((format === 'markdown' ? `## 数据变动 ${title}\n\n` : `数据变动 ${title}\n`) + formatDiff(diff, format));
