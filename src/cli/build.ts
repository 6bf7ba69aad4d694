/**
 * `npm run build [-- --outDir DIR]`: checks the data, then builds the site with Astro, in one
 * process. On an error the check's report is printed and nothing is built: dist/ stays as it
 * was. Otherwise Astro's build takes the data this check read and checked (handOver), instead
 * of reading and checking a street's million rows a second time.
 */
import { checkProject, handOver } from '../data/check.ts';
import { formatReport } from '../data/report.ts';

/** Checks the data; hands the check to the build, which then holds the only reference to it. */
function check(root: string): boolean {
  const checked = checkProject(root);
  const report = checked.problems.sorted();
  if (report.errors.length > 0) {
    process.stdout.write(formatReport(report, 'text'));
    return false;
  }
  handOver(root, checked);
  return true;
}

if (!check(process.env.BOARD_ROOT ?? process.cwd())) process.exit(1);

const at = process.argv.indexOf('--outDir');
const outDir = at === -1 ? undefined : process.argv[at + 1];
const { build } = await import('astro');
try {
  await build(outDir === undefined ? {} : { outDir });
} catch (e) {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}
// The TV workers and Vite's watchers are let go: the build is done.
process.exit(0);
