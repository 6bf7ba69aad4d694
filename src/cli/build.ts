/**
 * `npm run build [-- --outDir DIR]`: checks the data, then builds the site with Astro, in one
 * process. On an error the check's report is printed and nothing is built: dist/ stays as it
 * was. Otherwise Astro's build takes the data this check read and checked (handOver), instead
 * of reading and checking a street's million rows a second time.
 */
import { checkProject, handOver } from '../check/check.ts';
import { formatReport } from '../check/report.ts';

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

// `--outDir DIR` or `--outDir=DIR`, as `astro build` takes it, and `--link`; any other argument is refused, not dropped.
const args = process.argv.slice(2);
let outDir = 'dist';
let link = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--outDir' && args[i + 1] !== undefined) outDir = args[++i]!;
  else if (a.startsWith('--outDir=')) outDir = a.slice('--outDir='.length);
  else if (a === '--link') link = true;
  else {
    process.stderr.write(`未知的参数 ${a}（可用 --outDir 目录、--link）(unknown argument: only --outDir DIR and --link)\n`);
    process.exit(2);
  }
}
// The site is written to a new folder and put in place only when whole (src/build/publish.ts):
// a failed or killed build leaves the last good site serving.
const { preparePublish } = await import('../build/publish.ts');
const publish = preparePublish(outDir, { link });
const { build } = await import('astro');
try {
  await build({ outDir: publish.staging });
  publish.commit();
} catch (e) {
  publish.abandon();
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}
// The TV workers and Vite's watchers are let go: the build is done.
process.exit(0);
