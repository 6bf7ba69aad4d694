import { describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture } from '../helpers/fixture.ts';
import { PROJECT } from '../helpers/build.ts';
import { diffFigures } from '../../src/history/diff.ts';

/** A git repository holding the base fixture, committed once. */
function repo(): string {
  const root = fixture();
  const git = (...a: string[]) => execFileSync('git', ['-C', root, ...a], { stdio: 'ignore' });
  git('init', '-q');
  git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'add', '-A');
  git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-qm', 'data');
  return root;
}

function diff(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(PROJECT, 'src/cli/diff.ts'), '--root', root, ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run diff', () => {
  test('one changed ledger row lists the row and exactly the subjects whose figures it moves', () => {
    const root = repo();
    const file = join(root, 'data/ledger/2022-01-households.csv');
    // H2's discretionary reward goes from 8 to 12 points.
    writeFileSync(file, readFileSync(file, 'utf8').replace('H2,C02,8,', 'H2,C02,12,'));
    const { status, out } = diff(root);
    expect(status).toBe(0);
    expect(out).toContain('data/ledger/2022-01-households.csv：新增 1 行，修改 0 行，删除 1 行');
    expect(out).toContain('+ 2022-01-07,H2,C02,12,');
    const effects = out.split('== 对公示结果的影响 (effect on the board) ==')[1]!.split('==')[0]!.trim().split('\n').map((l) => l.trim()).sort();
    expect(effects).toEqual([
      '家庭信义积分 2022-01 · 锦园1-1-101（H1）：10 分，第 1 名 → 10 分，第 2 名',
      '家庭信义积分 2022-01 · 锦园1-2-202（H2）：8 分，第 2 名 → 12 分，第 1 名',
    ]);
    expect(out).toContain('credit · 锦园1-2-202（H2）：8 → 12');
  });

  test('the summary comes first; a new month lists only who moved, the households still on 0 counted in one line', () => {
    const root = repo();
    // February: H1 earns 10 (and its contact P1 a linked point for the year); H2 is in the new month's ranking too, on 0 points.
    writeFileSync(join(root, 'data/ledger/2022-02-households.csv'), '日期,对象,事项,分值,数量,活动,说明,审核人,状态\n2022-02-03,H1,C01,,,,,刘书记,已核实\n');
    const { status, out } = diff(root);
    expect(status).toBe(0);
    const lines = out.split('\n');
    expect(lines[1]).toBe('== 概要 (summary) ==');
    expect(lines[2]).toContain('数据行：新增 1，修改 0，删除 0（1 个文件）');
    expect(lines[3]).toContain('公示结果：总分变动 2 个对象');
    expect(lines[4]).toContain('另有 1 个对象在新的周期里还是 0 分或起始分');
    expect(out).not.toContain('（无） → 0 分');
    expect(out).toContain('家庭信义积分 2022-02 · 锦园1-1-101（H1）：（无） → 10 分，第 1 名');
    expect(out).toContain('党员积分 2022 · 王*国（P1）：89 分，第 1 名，合格 → 90 分，第 1 名，优秀');
  });

  test('--help says what it does, in Chinese and English', () => {
    const { status, out } = diff(repo(), '--help');
    expect(status).toBe(0);
    expect(out).toContain('npm run diff -- [变动前 from] [变动后 to]');
    expect(out).toContain('a summary first');
  });

  test('no change, no effect', () => {
    const root = repo();
    const { status, out } = diff(root, 'HEAD');
    expect(status).toBe(0);
    expect(out).toContain('没有数据行变动');
    expect(out).toContain('排名、总分、等次都没有变化');
  });

  test('a change with a data error is refused with the error', () => {
    const root = repo();
    writeFileSync(join(root, 'data/ledger/2022-02.csv'), '日期,对象,事项,审核人\n2022-02-30,P1,R02,刘书记\n');
    const { status, err } = diff(root);
    expect(status).toBe(1);
    expect(err).toContain('impossible-date');
  });
});

describe('diffFigures', () => {
  test('a new year starting everyone on 65 lists only who moved from it; the starters are counted', () => {
    const row = (id: string, total: number) => ({ id, name: id, total, rank: 1, level: null });
    const before = { schemes: [{ id: 'party', name: '党员积分' }], results: [], balances: [] };
    const after = { ...before, results: [{ scheme: 'party', period: '2023', rows: [row('P1', 70), row('P2', 65), row('P3', 65), row('P4', 65)] }] };
    const diff = diffFigures(before, after);
    expect(diff.subjects.map((s) => s.id)).toEqual(['P1']);
    expect(diff.quiet).toBe(3);
  });
});
