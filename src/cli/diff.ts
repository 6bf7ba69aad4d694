/**
 * `npm run diff -- [<from>] [<to>] [--format text|markdown] [--root DIR]`: what a change to
 * the data does to the board. `from` and `to` are git revisions; `to` defaults to the working
 * tree; `from` defaults to the tag `published` when it exists (move it when you publish:
 * `git tag -f published`), otherwise HEAD (or HEAD~1 when the working tree is clean).
 */
import { resolve } from 'node:path';
import { checkProject } from '../check/check.ts';
import { dataVersion } from '../data/version.ts';
import { formatReport } from '../check/report.ts';
import { computeBoard, latestDate } from '../view/board.ts';
import { diffFiles, diffBoards, formatDiff } from '../history/diff.ts';
import { git as gitIn, materialise, PUBLISHED_TAG, commitOf } from '../history/revision.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const format = option('format') === 'markdown' ? 'markdown' : 'text';
const root = resolve(option('root') ?? process.env.BOARD_ROOT ?? '.');
const git = (...a: string[]) => gitIn(root, ...a);

function defaultFrom(): string {
  if (commitOf(root, `refs/tags/${PUBLISHED_TAG}`)) return PUBLISHED_TAG;
  return git('status', '--porcelain', '--', 'data', 'content') === '' ? 'HEAD~1' : 'HEAD';
}

function boardAt(rev: string | undefined, label: string) {
  const dir = materialise(root, rev);
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
