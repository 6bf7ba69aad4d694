/**
 * CSV files the site offers for download (a ranking to open in Excel). A cell that starts
 * with = + - @, a tab or a carriage return is prefixed with ' so a spreadsheet shows it as
 * text and never runs it as a formula (CSV injection).
 */
import type { ResultView } from './board.ts';
import { csvTable, rankingColumns, type RankingColumn, type RankingFormat } from './ranking-columns.ts';

/** One CSV cell, safe to open in Excel or WPS. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A ranking as CSV, its columns those of every ranking: UTF-8 with BOM and CRLF, as Excel in China expects. */
export function rankingCsv(result: ResultView, f: RankingFormat, columns: readonly RankingColumn[] = rankingColumns(result.scheme, f)): string {
  return '\uFEFF' + csvTable(columns, result.rows).map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
