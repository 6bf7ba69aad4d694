/**
 * `npm run check [-- --format text|json|github] [--root DIR] [--quiet]`: validates all data
 * without building; exits 1 on any error (warnings alone exit 0).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendFileSync } from 'node:fs';
import { createRequire, enableCompileCache } from 'node:module';
import type { ReportFormat } from '../check/report.ts';

// Node keeps the check's modules, type-stripped and compiled, in the project's
// node_modules/.cache (kept between CI runs by the templates, and not a folder other users of
// the machine write to) from one run to the next: about 0.3 s of CPU at every start. Only
// modules imported after this line are cached, hence the imports below. The ledger's reading
// workers read the variable: without it each loaded Node's TypeScript stripper (50 ms) to strip
// the modules the cache holds.
const compileCache = fileURLToPath(new URL('../../node_modules/.cache/node-compile', import.meta.url));
enableCompileCache(compileCache);
process.env.NODE_COMPILE_CACHE ??= compileCache;
const { checkProjectWith } = await import('../check/core.ts');
const { formatReport } = await import('../check/report.ts');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i !== -1) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const format = (arg('format') ?? 'text') as ReportFormat;
if (!['text', 'json', 'github', 'gitlab'].includes(format)) {
  process.stderr.write(`未知的输出格式 ${format}（可用 text、json、github、gitlab）(unknown format)\n`);
  process.exit(2);
}
const root = resolve(arg('root') ?? process.env.BOARD_ROOT ?? '.');
const quiet = process.argv.includes('--quiet');

// The poster fonts (fontkit and megabytes of font files) are loaded only when a cell holds a
// character outside the common set, which ordinary data never does.
const require = createRequire(import.meta.url);
const missingGlyphs = (text: string): string[] => (require('../render/fonts.ts') as typeof import('../render/fonts.ts')).missingGlyphs(text);
const { problems } = checkProjectWith(root, missingGlyphs);
const report = problems.sorted();
if (!(quiet && report.errors.length === 0)) {
  process.stdout.write(formatReport(report, format));
}
// In GitHub Actions, annotations are capped per step: the job summary carries the full list.
if (format === 'github' && process.env.GITHUB_STEP_SUMMARY && report.errors.length + report.warnings.length > 0) {
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, '## 数据检查 (data check)\n\n```\n' + formatReport(report, 'text') + '```\n');
}
process.exit(report.errors.length > 0 ? 1 : 0);
