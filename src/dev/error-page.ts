/**
 * The page `npm run dev` shows while the data has errors: every error with its file, line and
 * column, the Chinese message and the English code, as `npm run check` prints them. It loads
 * Vite's client, so the page reloads itself when a data file is saved.
 */
import { columnLetter, place, type Report } from '../check/report.ts';
import type { DataIssue } from '../check/errors.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function item(i: DataIssue): string {
  const where = `${i.file}${i.line > 0 ? `:${i.line}` : ''}${i.column > 0 ? `:${i.column}` : ''}`;
  return `    <li>
      <p class="where"><code>${esc(where)}</code> ${esc(place(i))}${i.column > 0 ? ` <span class="cell">${esc(`${columnLetter(i.column)}${i.line}`)}</span>` : ''}</p>
      <p>${esc(i.message)}</p>
      <p class="code">${esc(i.code)}</p>
    </li>`;
}

export function errorPage(report: Report): string {
  const list = (items: DataIssue[]) => `<ol>\n${items.map(item).join('\n')}\n  </ol>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>数据有 ${report.errors.length} 处错误 (data errors)</title>
  <script type="module" src="/@vite/client"></script>
  <style>
    body { font-family: system-ui, "Noto Sans SC", "Microsoft YaHei", sans-serif; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.6; color: #1a1a1a; }
    h1 { color: #9e0b23; font-size: 1.5rem; }
    li { margin-bottom: 1rem; border-left: 4px solid #9e0b23; padding-left: 0.75rem; list-style-position: inside; }
    .warnings li { border-color: #a05a00; }
    .where code { font-weight: 600; }
    .cell { background: #f5f0ec; padding: 0 0.3rem; }
    .code { color: #555; font-family: ui-monospace, monospace; font-size: 0.9em; margin: 0; }
    p { margin: 0.2rem 0; }
  </style>
</head>
<body>
  <main>
  <h1>数据有 ${report.errors.length} 处错误，预览暂停 (data errors: preview paused)</h1>
  <p>改正下面的错误并保存文件，这个页面会自动刷新。命令行里 <code>npm run check</code> 给出同样的报告。(Fix and save: this page reloads by itself.)</p>
  ${list(report.errors)}
  ${report.warnings.length > 0 ? `<h2>警告 ${report.warnings.length} 处 (warnings)</h2>\n  <div class="warnings">${list(report.warnings)}</div>` : ''}
  </main>
</body>
</html>
`;
}
