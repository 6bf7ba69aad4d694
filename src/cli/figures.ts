/**
 * `node src/cli/figures.ts <root>`: checks the project at `root` and prints the board's
 * published figures as JSON (see `Figures` in src/history/diff.ts), or the check's report on stderr
 * with exit code 1. The build runs it on the previous publication's data, in its own
 * process, so the two boards are never in memory together.
 */
import { checkProject } from '../check/check.ts';
import { formatReport } from '../check/report.ts';
import { dataVersion } from '../data/version.ts';
import { computeBoard, latestDate } from '../view/board.ts';
import { figuresOf } from '../history/diff.ts';

const root = process.argv[2];
if (!root) {
  process.stderr.write('用法 (usage): node src/cli/figures.ts <root>\n');
  process.exit(2);
}
const { dataset, problems, files } = checkProject(root);
const report = problems.sorted();
if (report.errors.length > 0) {
  process.stderr.write(formatReport(report, 'text'));
  process.exit(1);
}
process.stdout.write(JSON.stringify(figuresOf(computeBoard(dataset, dataVersion(root, files, latestDate(dataset))))));
