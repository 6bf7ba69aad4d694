import { describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture } from '../helpers/fixture.ts';
import { PROJECT } from '../helpers/build.ts';

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
