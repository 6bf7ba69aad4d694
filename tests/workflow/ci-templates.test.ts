import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fixture } from '../helpers/fixture.ts';
import { PROJECT } from '../helpers/build.ts';
import { tempDir } from '../helpers/temp.ts';

/** Runs a workflow step's shell command as the CI runner would, on a data folder. */
function runStep(command: string, root: string, env: Record<string, string> = {}) {
  return spawnSync('sh', ['-c', command], { cwd: PROJECT, encoding: 'utf8', env: { ...process.env, BOARD_ROOT: root, ...env } });
}

describe('the GitHub Actions workflow', () => {
  const workflow = parse(readFileSync(join(PROJECT, '.github/workflows/board.yml'), 'utf8'));
  const steps: { name?: string; run?: string }[] = workflow.jobs['check-and-build'].steps;
  const check = steps.find((s) => s.name?.startsWith('数据检查'))!;

  test('a month of ledger with two errors gets an annotation on each wrong line, and the full list in the job summary', () => {
    const summary = join(tempDir('gh-'), 'summary.md');
    writeFileSync(summary, '');
    const r = runStep(check.run!, fixture('month-with-two-errors'), { GITHUB_STEP_SUMMARY: summary });
    expect(r.status).not.toBe(0);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations.map((l) => /^::(\w+) file=([^,]+),line=(\d+),col=(\d+)/.exec(l)!.slice(1).join(' '))).toEqual([
      'error data/ledger/2022-02.csv 4 2',
      'error data/ledger/2022-02.csv 6 5',
    ]);
    const text = readFileSync(summary, 'utf8');
    expect(text).toContain('unknown-subject');
    expect(text).toContain('below-minimum-minutes');
  });

  test('the check runs before the build, and the build before the deploy', () => {
    const names = steps.map((s) => s.name ?? '');
    expect(names.findIndex((n) => n.startsWith('数据检查'))).toBeLessThan(names.findIndex((n) => n.startsWith('生成网站')));
    expect(workflow.jobs.deploy.needs).toBe('check-and-build');
  });
});

describe('the GitLab CI template', () => {
  const ci = parse(readFileSync(join(PROJECT, '.gitlab-ci.yml'), 'utf8'));

  test('writes a Code Quality report that points at the wrong lines', () => {
    const command = (ci.check.script as string[])[0]!.split(' > ')[0]!;
    const r = runStep(command, fixture('month-with-two-errors'));
    const report = JSON.parse(r.stdout);
    expect(report.map((e: { location: { path: string; lines: { begin: number } }; check_name: string }) => `${e.location.path}:${e.location.lines.begin} ${e.check_name}`)).toEqual([
      'data/ledger/2022-02.csv:4 unknown-subject',
      'data/ledger/2022-02.csv:6 below-minimum-minutes',
    ]);
    expect(ci.check.artifacts.reports.codequality).toBe('gl-code-quality-report.json');
  });
});
