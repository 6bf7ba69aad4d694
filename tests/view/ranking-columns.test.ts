/**
 * A ranking is shown from one list of columns (src/view/ranking-columns.ts). What a reader
 * relies on: a veto and a star rating read the same on the site, the poster, the TV and in
 * the download; and a column added to the list reaches every medium at once.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { checkProject } from '../../src/check/check.ts';
import { computeBoard, type Board, type ResultView } from '../../src/view/board.ts';
import { apiFiles } from '../../src/view/api.ts';
import { rankingCsv } from '../../src/view/export.ts';
import { levelCell, passbookOnly, rankingColumns, siteTable, tableRow, type ColumnsOf, type RankingColumn, type TableRow } from '../../src/view/ranking-columns.ts';
import { posterDocs } from '../../src/posters/from-board.ts';
import { rankingSlides, starSlides } from '../../src/tv/kinds/rankings.ts';
import { formatters } from '../../src/tv/model.ts';
import { fixture } from '../helpers/fixture.ts';

const version = { id: 'test', full: 'test', source: 'hash' as const, date: '2023-01-31' };
// P2 fails the year by a veto (R04: 不履行党员义务).
const VETO_ROW = '2022-01-20,P2,R04,,,,,刘书记,已核实\n';

let board: Board;
const f = formatters('zh-CN');
const result = (scheme: string, period: string): ResultView => board.result(scheme, period)!;

beforeAll(() => {
  const root = fixture(undefined, { 'data/ledger/2022-02.csv': `日期,对象,事项,分值,数量,活动,说明,审核人,状态\n${VETO_ROW}` });
  const { dataset, problems } = checkProject(root);
  expect(problems.errors).toEqual([]);
  board = computeBoard(dataset, version);
});

describe('one way to show a veto and stars', () => {
  test('a vetoed row reads 一票否决 and its level on the poster, the TV and in the CSV', () => {
    const party = result('party', '2022');
    const vetoed = party.rows.find((r) => r.id === 'P2')!;
    expect(vetoed.vetoed).toBe(true);
    expect(levelCell(vetoed, party.scheme, f.t).text).toBe('一票否决 不合格');

    const poster = posterDocs(board).find((d) => d.id === 'ranking-party-2022')!;
    expect(poster.table!.rows.find((r) => r.includes(vetoed.name))).toContain('一票否决 不合格');

    const slides = rankingSlides(party, f);
    const tvRow = slides.flatMap((s) => s.table!.rows).find((r) => r.cells.includes(vetoed.name))!;
    expect(tvRow.cells).toContain('一票否决 不合格');
    expect(tvRow.tone).toBe('red');

    const csv = rankingCsv(party, f).split('\r\n').find((l) => l.includes(vetoed.name))!;
    expect(csv.endsWith(',一票否决 不合格')).toBe(true);
  });

  test('stars are filled and hollow up to five on the poster and the TV', () => {
    const stars = result('stars', '2022');
    const poster = posterDocs(board).find((d) => d.id === 'stars-stars-2022')!;
    const tv = starSlides(stars, f).flatMap((s) => s.table?.rows ?? []);
    for (const row of stars.rows) {
      const want = '★'.repeat(row.stars!) + '☆'.repeat(5 - row.stars!);
      expect(poster.table!.rows.find((r) => r.includes(row.name))).toContain(want);
      expect(tv.find((r) => r.cells.includes(row.name))!.cells).toContain(want);
    }
  });

  test('the API keeps the contract: level, stars and vetoed as fields, not display text', () => {
    const body = apiFiles(board).find((a) => a.path === 'results/party/2022.json')!.body() as { rows: Record<string, unknown>[] };
    expect(Object.keys(body.rows[0]!)).toEqual(['rank', 'id', 'name', 'unit', 'total', 'categories', 'level', 'vetoed', 'within']);
    expect(body.rows.find((r) => r.id === 'P2')).toMatchObject({ rank: null, level: '不合格', vetoed: true });
  });
});

describe('a column added to the list reaches every medium', () => {
  // 支部内名次: the rank inside the member's branch, as a new column a community might want.
  const inUnit = (r: TableRow) => Object.values(r.within)[0] ?? null;
  const rowsColumn: RankingColumn = {
    key: 'in-unit',
    label: '支部内名次',
    align: 'end',
    weight: 0.8,
    room: 'always',
    media: ['site', 'poster', 'tv', 'csv'],
    text: (r) => (inUnit(r) === null ? '—' : `第 ${inUnit(r)} 名`),
    csv: (r) => String(inUnit(r) ?? ''),
    api: { key: 'inUnit', value: inUnit },
  };
  const withRows: ColumnsOf = (scheme, fmt, options) => {
    const cols = rankingColumns(scheme, fmt, options);
    const total = cols.findIndex((c) => c.key === 'total');
    return [...cols.slice(0, total + 1), rowsColumn, ...cols.slice(total + 1)];
  };

  test('site, poster, TV, CSV and API all show it, after the total (it reads only the fields of a table row, which a page’s cache key covers)', () => {
    const party = result('party', '2022');
    const p1 = party.rows.find((r) => r.id === 'P1')!;
    const count = inUnit(p1)!;
    expect(count).toBe(1);

    const site = siteTable(party.scheme, party.rows, f, { columnsOf: withRows });
    const labels = site.head.map((h) => h.label);
    expect(labels.slice(labels.indexOf('总分'), labels.indexOf('总分') + 3)).toEqual(['总分', '支部内名次', '等次']);
    const siteRow = site.rows.find((r) => r.row.id === 'P1')!;
    expect(siteRow.cells.find((c) => c.key === 'in-unit')).toEqual({ key: 'in-unit', text: `第 ${count} 名`, className: 'num' });

    const poster = posterDocs(board, withRows).find((d) => d.id === 'ranking-party-2022')!.table!;
    const at = poster.columns.findIndex((c) => c.label === '支部内名次');
    expect(poster.columns[at - 1]!.label).toBe('总分');
    expect(poster.rows.find((r) => r.includes(p1.name))![at]).toBe(`第 ${count} 名`);

    const tv = rankingSlides(party, f, undefined, undefined, withRows)[0]!.table!;
    const tvAt = tv.columns.findIndex((c) => c.label === '支部内名次');
    expect(tv.columns.reduce((w, c) => w + c.width, 0)).toBe(100);
    expect(tv.rows.find((r) => r.cells.includes(p1.name))!.cells[tvAt]).toBe(`第 ${count} 名`);

    const [header, ...lines] = rankingCsv(party, f, withRows(party.scheme, f)).replace('\uFEFF', '').split('\r\n');
    const csvAt = header!.split(',').indexOf('支部内名次');
    expect(csvAt).toBe(header!.split(',').indexOf('总分') + 1);
    expect(lines.find((l) => l.includes(p1.name))!.split(',')[csvAt]).toBe(String(count));

    const api = apiFiles(board, withRows).find((a) => a.path === 'results/party/2022.json')!.body() as { rows: Record<string, unknown>[] };
    expect(api.rows.find((r) => r.id === 'P1')!.inUnit).toBe(count);
  });

  test('without it, no medium shows it (the list is the only place columns come from)', () => {
    const party = result('party', '2022');
    expect(posterDocs(board).find((d) => d.id === 'ranking-party-2022')!.table!.columns.map((c) => c.label)).not.toContain('支部内名次');
    expect(rankingSlides(party, f)[0]!.table!.columns.map((c) => c.label)).not.toContain('支部内名次');
    expect(rankingCsv(party, f)).not.toContain('支部内名次');
    expect(siteTable(party.scheme, party.rows, f).head.map((h) => h.label)).not.toContain('支部内名次');
  });
});

describe('what a page key covers of a ranked row', () => {
  test('a table row and the passbook-only rest hold every field of the row, and share none', () => {
    // A passbook's key hashes both parts (src/view/page-routes.ts): a field in neither would change on the page and not
    // in its key. `tableRow` leaves its fields out by name, `passbookOnly` takes them from PASSBOOK_ONLY: the two lists must agree.
    const rows = board.results.flatMap((r) => r.rows);
    const vetoed = rows.find((r) => r.vetoed)!;
    for (const row of [rows[0]!, vetoed]) {
      const shown = Object.keys(tableRow(row));
      const rest = Object.keys(passbookOnly(row));
      expect(shown.filter((k) => rest.includes(k))).toEqual([]);
      expect(Object.keys(row).filter((k) => !shown.includes(k) && !rest.includes(k))).toEqual([]);
    }
    expect(passbookOnly(vetoed).vetoRow).toBe(vetoed.vetoRow);
  });
});
