/**
 * `npm run build [-- --outDir DIR] [--link] [--verbose]`: checks the data and builds the site
 * with Astro, in one process; Astro starts while the check runs, and waits for it before it
 * builds anything. On an error the check's report is printed and nothing is built: dist/ stays
 * as it was. Otherwise Astro's build takes the data this check read and checked (handOver),
 * instead of reading and checking a street's million rows a second time.
 *
 * It prints a few lines: the check, what each step made, one line at the end. Astro's page
 * list and Vite's warnings (a thousand lines for the sample) go to a log file the last line
 * names; `--verbose` prints them as they come.
 */
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

// `--outDir DIR` or `--outDir=DIR`, as `astro build` takes it, `--link` and `--verbose`; any other argument is refused, not dropped.
const args = process.argv.slice(2);
let outDir = 'dist';
let link = false;
let verbose = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--outDir' && args[i + 1] !== undefined) outDir = args[++i]!;
  else if (a.startsWith('--outDir=')) outDir = a.slice('--outDir='.length);
  else if (a === '--link') link = true;
  else if (a === '--verbose') verbose = true;
  else {
    process.stderr.write(`未知的参数 ${a}（可用 --outDir 目录、--link、--verbose）(unknown argument: only --outDir DIR, --link and --verbose)\n`);
    process.exit(2);
  }
}

// Node keeps the modules it compiles (Astro, Vite, Rolldown's JavaScript and what they load)
// in the project's node_modules/.cache from one build to the next, as `npm run check` does.
// Only modules imported after this line are cached, hence the imports below; the variable
// is read by the threads and processes the build starts (the ledger's readers, the drawing
// workers), each of which otherwise loads Node's TypeScript stripper to strip its modules again.
const compileCache = fileURLToPath(new URL('../../node_modules/.cache/node-compile', import.meta.url));
enableCompileCache(compileCache);
process.env.NODE_COMPILE_CACHE ??= compileCache;
const { checkAlongside, handOver } = await import('../check/check.ts');
const { checkUnderWay } = await import('../check/in-flight.ts');
const { formatReport } = await import('../check/report.ts');
const { noFigures, readFigures } = await import('./build-log.ts');
const { astroLogEntrypoint, logLines, sendAstroLogTo } = await import('./astro-log.ts');

const root = process.env.BOARD_ROOT ?? process.cwd();
const log = join(process.cwd(), 'node_modules', '.cache', 'points-board', 'build.log');
const said = quietAstro(verbose, log);

// The site is written to a new folder and put in place only when whole (src/build/publish.ts):
// a failed or killed build leaves the last good site serving.
const { preparePublish } = await import('../build/publish.ts');
const publish = preparePublish(outDir, { link });

// The check runs while Astro starts: the ledger is read on workers, and this thread loads
// Astro, its config and the integrations meanwhile. The build waits at its start for the check
// to be handed over (src/check/integration.ts), and stops there when the data has errors.
const checking = checkThenHandOver(root);
checkUnderWay(
  checking.then((outcome) => {
    if (!outcome.passed) throw new Error('数据有错误，网站没有生成 (the data has errors)');
  }),
);
const { build } = await import('astro');
// Settles to what stopped the build, if anything: the check's outcome is said first.
// Astro's log comes as events (src/cli/astro-log.ts), not as printed text; with --verbose, all of it is printed too.
const building = build({ outDir: publish.staging, logger: { entrypoint: astroLogEntrypoint } }).then(
  () => undefined,
  (e: unknown) => ({ error: e }),
);

let outcome: Outcome;
try {
  outcome = await checking;
} catch (e) {
  // The check itself failed (not the data): as any failed build.
  await building;
  fail(e);
}
if (!outcome.passed) {
  // Only the report is printed; the build has stopped at its start (or stops there), having written nothing.
  said.mute();
  said.say(outcome.report);
  await building;
  publish.abandon();
  said.restore();
  process.exit(1);
}
said.say(outcome.report);

const stopped = await building;
if (stopped) fail(stopped.error);
publish.commit();
said.restore();
process.stdout.write(`${said.summary(outDir, verbose ? undefined : relative(process.cwd(), log))}\n`);
// The TV workers and Vite's watchers are let go: the build is done.
process.exit(0);

interface Outcome {
  passed: boolean;
  /** What the terminal is told: the report, or the line that the check passed. */
  report: string;
}

/**
 * Checks the data alongside Astro's start and, when it passed, hands the check to the build,
 * which then holds the only reference to it (kept here, a street's checked ledger and files
 * would stay in memory for the whole build: 170 MB more at its peak).
 */
async function checkThenHandOver(root: string): Promise<Outcome> {
  const checked = await checkAlongside(root);
  const report = checked.problems.sorted();
  if (report.errors.length > 0) return { passed: false, report: formatReport(report, 'text') };
  handOver(root, checked);
  // The report of warnings ends with its own line that the check passed.
  if (report.warnings.length > 0) return { passed: true, report: `${formatReport(report, 'text')}正在生成网站… (building)\n` };
  return { passed: true, report: `✓ 数据检查通过：${checked.files.size} 个文件。正在生成网站… (check passed, building)\n` };
}

/** A build that failed: its error, the last site untouched. */
function fail(e: unknown): never {
  publish.abandon();
  said.restore();
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  if (!verbose) process.stderr.write(`✗ 网站没有生成，上一版网站保持不变。完整记录：${relative(process.cwd(), log)} (build failed; the last site is untouched)\n`);
  process.exit(1);
}

/**
 * Astro's output while it builds: every line to `log`, and to the terminal only the lines of
 * this project's steps (their labels start with points-board) and errors, unless `verbose`.
 */
function quietAstro(verbose: boolean, log: string) {
  const figures = noFigures();
  // The lines of Astro's log the terminal shows: this project's steps (labelled points-board…) and errors.
  const TO_TERMINAL = /\[points-board[^\]]*\]|\[ERROR\]|\berror\b/i;
  const original = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  mkdirSync(join(log, '..'), { recursive: true });
  // One file kept open, each piece written as it comes: a street's 17,000 page lines, each
  // appended on its own (open, write, close), took 0.7 s of the pages. Nothing is held back, so
  // a build that runs out of memory or is stopped leaves every line it printed.
  const fd = openSync(log, 'w');
  let pending = '';
  let muted = false;
  // A whole line of the log, colour codes removed: its figures read, and shown if the terminal shows it.
  const seen = (line: string, to: typeof original.out): void => {
    readFigures(figures, line);
    if (!verbose && TO_TERMINAL.test(line)) to(`${line.replace(/^\d\d:\d\d:\d\d /, '')}\n`);
  };
  const take = (chunk: unknown, to: typeof original.out): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    // The log is read in an editor: no colour codes (CI=true colours Astro's output).
    writeSync(fd, stripVTControlCharacters(text));
    if (muted) return true;
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) seen(stripVTControlCharacters(line), to);
    // --verbose: everything as it comes (the figures above still make the last line).
    return verbose ? to(text) : true;
  };
  process.stdout.write = ((chunk: unknown) => take(chunk, original.out)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => take(chunk, original.err)) as typeof process.stderr.write;
  // Astro's own lines: straight to the log, its pages' lines past the terminal's filter.
  sendAstroLogTo(
    logLines((line, page, error) => {
      writeSync(fd, line);
      if (muted) return;
      const to = error ? original.err : original.out;
      if (verbose) to(line);
      if (page) return;
      for (const one of line.split('\n')) if (one !== '') seen(one, to);
    }),
  );
  return {
    /** Prints `text` to the terminal (the check's lines), whatever Astro prints meanwhile. */
    say(text: string): void {
      original.out(text);
    },
    /** Nothing more of Astro's reaches the terminal (only the log): its stop after a failed check is no news. */
    mute(): void {
      muted = true;
    },
    restore(): void {
      process.stdout.write = original.out;
      process.stderr.write = original.err;
      // Anything Astro says from now on is printed, not written to the closed log.
      sendAstroLogTo(undefined);
      closeSync(fd);
    },
    summary(out: string, logPath?: string): string {
      const made = `${figures.pages} 个页面、${figures.posters} 张海报（${figures.posterPages} 页）、${figures.pictures} 张电视图片`;
      return `✓ 网站已生成：${made}，用时 ${figures.seconds} 秒，在 ${out}/。${logPath ? `完整记录：${logPath}` : ''} (site built)`;
    },
  };
}
