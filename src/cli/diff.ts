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
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`npm run diff -- [变动前 from] [变动后 to] [--format text|markdown] [--root 目录]

比较两个版本的数据对公示结果的影响：先是概要（新增、修改、删除多少行；多少对象的总分、
名次、等次和余额变了），然后逐条列出变动的数据行和受影响的对象。
What a change to the data does to the board: a summary first, then the rows and the subjects that moved.

  from      git 版本（默认：标签 published，没有时为 HEAD）(default: the tag published, else HEAD)
  to        git 版本（默认：工作区，即还没提交的修改）(default: the working tree)
  --format  text（默认）或 markdown（贴到合并请求里）
  --root    数据所在的目录（默认：当前目录）
`);
  process.exit(0);
}
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
