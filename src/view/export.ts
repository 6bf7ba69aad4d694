/**
 * CSV files the site offers for download (a ranking to open in Excel). A cell that starts
 * with = + - @, a tab or a carriage return is prefixed with ' so a spreadsheet shows it as
 * text and never runs it as a formula (CSV injection).
 */
import type { ResultView } from './board.ts';

/** One CSV cell, safe to open in Excel or WPS. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A ranking as CSV: UTF-8 with BOM and CRLF, as Excel in China expects. */
export function rankingCsv(result: ResultView, headers: { rank: string; id: string; name: string; unit: string; total: string; level: string }): string {
  const categories = result.scheme.categories.map((c) => c.id);
  const lines = [[headers.rank, headers.id, headers.name, headers.unit, ...categories, headers.total, headers.level]];
  for (const r of result.rows) {
    lines.push([String(r.rank ?? ''), r.id, r.name, r.unitName ?? '', ...categories.map((c) => String(r.categories[c] ?? 0)), String(r.total), r.level ?? '']);
  }
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
