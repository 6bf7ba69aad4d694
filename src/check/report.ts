/**
 * The check's report in three formats: text for editors (grouped by file, in Chinese),
 * JSON for tools, and GitHub Actions annotations for pull requests.
 */
import { createHash } from 'node:crypto';
import type { DataIssue } from './errors.ts';

export type ReportFormat = 'text' | 'json' | 'github' | 'gitlab';

export interface Report {
  errors: DataIssue[];
  warnings: DataIssue[];
}

export function formatReport(report: Report, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'github') return formatGithub(report);
  if (format === 'gitlab') return formatGitlab(report);
  return formatText(report);
}

/** Spreadsheet column letters: 1 → A, 27 → AA. Editors find cells by letter in Excel. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Where an issue is, in Chinese: 第 4 行，第 3 列（C），“对象”. */
export function place(i: DataIssue): string {
  const parts: string[] = [];
  if (i.line > 0) parts.push(`第 ${i.line} 行`);
  if (i.column > 0) parts.push(`第 ${i.column} 列（${columnLetter(i.column)}）`);
  if (i.field) parts.push(`“${i.field}”`);
  return parts.length > 0 ? parts.join('，') : '整个文件';
}

/** More than this many problems of one kind in a file are grouped; the first few are shown whole. */
const GROUP_AT = 5;
const GROUP_SHOWN = 3;

/** 另有 141 处同类问题：第 12、15、18 … 行（共 141 处）. */
function restOf(rest: DataIssue[]): string {
  const lines = [...new Set(rest.map((i) => i.line).filter((l) => l > 0))];
  const where = lines.length === 0 ? '' : `：第 ${lines.slice(0, 12).join('、')}${lines.length > 12 ? ' …' : ''} 行`;
  return `另有 ${rest.length} 处同类问题${where}（同上，逐条列表见 npm run check -- --format json）`;
}

function formatText({ errors, warnings }: Report): string {
  const lines: string[] = [];
  const byFile = new Map<string, { issue: DataIssue; level: string }[]>();
  for (const [list, level] of [[errors, '错误'], [warnings, '警告']] as const) {
    for (const issue of list) {
      const entry = byFile.get(issue.file) ?? [];
      entry.push({ issue, level });
      byFile.set(issue.file, entry);
    }
  }
  for (const file of [...byFile.keys()].sort()) {
    const entries = byFile.get(file)!.sort((a, b) => a.issue.line - b.issue.line || a.issue.column - b.issue.column);
    const sheet = entries.find((e) => e.issue.sheet)?.issue.sheet;
    lines.push(sheet ? `${file} 工作表“${sheet}”` : `${file}`);
    // Many problems of one kind in one file (2,000 bad dates, 144 missing scores) are the first
    // few and one line with the count and where the rest are, not 2,000 lines.
    const groups = new Map<string, { issue: DataIssue; level: string }[]>();
    for (const e of entries) {
      const key = `${e.level}\u0000${e.issue.code}`;
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    const shown = new Map<string, number>();
    for (const { issue, level } of entries) {
      const key = `${level}\u0000${issue.code}`;
      const group = groups.get(key)!;
      const n = shown.get(key) ?? 0;
      shown.set(key, n + 1);
      if (group.length <= GROUP_AT || n < GROUP_SHOWN) lines.push(`  ${level} ${place(issue)}：${issue.message} [${issue.code}]`);
      else if (n === GROUP_SHOWN) lines.push(`  ${level} ${restOf(group.slice(GROUP_SHOWN).map((e) => e.issue))} [${issue.code}]`);
    }
    lines.push('');
  }
  if (errors.length === 0) {
    lines.push(`✓ 数据检查通过${warnings.length ? `，有 ${warnings.length} 个警告` : ''}。(check passed, ${warnings.length} warnings)`);
  } else {
    lines.push(`✗ 共 ${errors.length} 个错误、${warnings.length} 个警告。改正错误后才能发布。(${errors.length} errors, ${warnings.length} warnings)`);
  }
  return lines.join('\n') + '\n';
}

/** Escapes per the workflow-command rules: data escapes %, CR, LF; properties also : and ,. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function formatGithub({ errors, warnings }: Report): string {
  const out: string[] = [];
  for (const [list, kind] of [[errors, 'error'], [warnings, 'warning']] as const) {
    for (const i of list) {
      const props = [`file=${escapeProperty(i.file)}`];
      if (i.line > 0) props.push(`line=${i.line}`);
      if (i.column > 0) props.push(`col=${i.column}`);
      props.push(`title=${escapeProperty(i.code)}`);
      out.push(`::${kind} ${props.join(',')}::${escapeData(`${i.field ? `${i.field}：` : ''}${i.message} [${i.code}]`)}`);
    }
  }
  return out.join('\n') + (out.length ? '\n' : '');
}

/** GitLab's Code Quality report: shown on the changed lines of a merge request. */
function formatGitlab({ errors, warnings }: Report): string {
  const entries = [...errors.map((i) => ({ i, severity: 'major' })), ...warnings.map((i) => ({ i, severity: 'minor' }))].map(({ i, severity }) => ({
    description: `${i.field ? `${i.field}：` : ''}${i.message} [${i.code}]`,
    check_name: i.code,
    fingerprint: createHash('md5').update(`${i.file}:${i.line}:${i.column}:${i.code}`).digest('hex'),
    severity,
    location: { path: i.file, lines: { begin: Math.max(1, i.line) } },
  }));
  return JSON.stringify(entries, null, 2) + '\n';
}
