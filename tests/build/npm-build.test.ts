/**
 * `npm run build` (src/cli/build.ts): the check, then Astro's build in the same process, which
 * takes the checked data instead of checking it again. What an editor relies on: bad data
 * stops the build with the located error and leaves the published folder as it was; good
 * data gives exactly the site `astro build` gives.
 */
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { PROJECT, buildSiteWithLog, hashTree } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';
import { tempDir } from '../helpers/temp.ts';

function npmBuild(root: string, outDir: string, env: Record<string, string> = {}, args = ['--outDir', outDir]) {
  return spawnSync(process.execPath, [join(PROJECT, 'src/cli/build.ts'), ...args], {
    cwd: PROJECT,
    encoding: 'utf8',
    env: { ...process.env, BOARD_ROOT: root, BOARD_CACHE_DIR: tempDir('board-cache-'), ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
}

describe('npm run build', () => {
  test('a data error: the report names file, line and column, exit 1, and the output folder is untouched', () => {
    const root = fixture('impossible-date');
    const out = tempDir('board-dist-');
    mkdirSync(join(out, 'p'));
    writeFileSync(join(out, 'index.html'), 'the site as published before');
    const r = npmBuild(root, out);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/data\/ledger\/2022-01\.csv\n {2}错误 第 3 行，第 1 列（A），“日期”：日期“2022年2月30日”不存在。.*\[impossible-date\]/);
    expect(r.stdout).toMatch(/共 1 个错误/);
    expect(readdirSync(out).sort()).toEqual(['index.html', 'p']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('the site as published before');
  });

  test('an argument it does not know is refused, not dropped', () => {
    const out = tempDir('board-dist-');
    const r = npmBuild(fixture(), out, {}, ['--outDir', out, '--site', 'https://example.org']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知的参数 --site');
    expect(readdirSync(out)).toEqual([]);
  });

  test('good data: the same site, byte for byte, as astro build makes of it', () => {
    const root = fixture();
    const env = { BOARD_TV_PICTURES: 'off' };
    const out = tempDir('board-dist-');
    // `--outDir=DIR`, as astro build takes it too.
    const r = npmBuild(root, out, env, [`--outDir=${out}`]);
    expect(r.status, r.stderr).toBe(0);
    expect(hashTree(out)).toEqual(hashTree(buildSiteWithLog(root, env).out));
  });

  test('the sample builds in a few lines: the check first, a line a step, one line at the end; Astro’s page list and Vite’s warnings only in the log', () => {
    const out = tempDir('board-dist-');
    const r = npmBuild(PROJECT, out, { BOARD_TV_PICTURES: 'off' });
    expect(r.status, r.stderr).toBe(0);
    const lines = stripVTControlCharacters(r.stdout).trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(30);
    expect(lines.find((l) => l.includes('数据检查通过'))).toBeDefined();
    expect(lines.at(-1)).toMatch(/^✓ 网站已生成：\d{3,} 个页面、\d+ 张海报（\d+ 页）.*完整记录：node_modules\/\.cache\/points-board\/build\.log/);
    expect(r.stdout).not.toMatch(/├─|\[vite\]|\[WARN\]/);
    expect(readFileSync(join(PROJECT, 'node_modules/.cache/points-board/build.log'), 'utf8')).toMatch(/├─ \/p\/P\d+\/index\.html/);
  });

  test('--verbose prints Astro’s whole log as it comes', () => {
    const out = tempDir('board-dist-');
    const r = npmBuild(fixture(), out, { BOARD_TV_PICTURES: 'off' }, ['--outDir', out, '--verbose']);
    expect(r.status, r.stderr).toBe(0);
    // CI=true colours Astro's log.
    expect(stripVTControlCharacters(r.stdout)).toMatch(/├─ \/p\/P1\/index\.html[\s\S]*\[build\] Complete!/);
  });
});
