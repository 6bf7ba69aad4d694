/**
 * A safe publish: `npm run build` puts the new site in place only when it is whole. A build
 * killed at any moment, or one that fails, leaves the last good site as it was, and the next
 * build cleans up after it.
 */
import { describe, expect, test, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { PROJECT, hashTree } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';
import { tempDir } from '../helpers/temp.ts';
import { preparePublish } from '../../src/build/publish.ts';

const cli = join(PROJECT, 'src/cli/build.ts');
const env = (root: string, cache: string) => ({ ...process.env, BOARD_ROOT: root, BOARD_CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: '1', BOARD_TV_PICTURES: 'off', BOARD_POSTERS: 'off' });

function build(root: string, out: string, cache: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, [cli, '--outDir', out, ...extra], { cwd: PROJECT, encoding: 'utf8', env: env(root, cache) });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Starts a build and kills it (SIGKILL, as the out-of-memory killer does) as soon as its log
 * shows `stage`: the moment is the build's own, whatever the machine's speed. Resolves to the
 * signal that ended it (null when the build ended before the stage, which fails the test).
 */
function killedAt(root: string, out: string, cache: string, stage: RegExp, extra: string[] = []): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, '--outDir', out, '--verbose', ...extra], { cwd: PROJECT, env: env(root, cache), stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      // CI=true colours Astro's log.
      if (stage.test(stripVTControlCharacters(log))) process.kill(-child.pid!, 'SIGKILL');
    });
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

/**
 * The moments around putting the site in place are microseconds apart, too close for a kill
 * on a log line (on a fast machine the build got there first and published). There the build
 * kills itself, at the rename (tests/helpers/kill-at-publish.ts).
 */
function killedInPublish(root: string, out: string, cache: string, moment: 'before' | 'between', extra: string[] = []): string | null {
  const r = spawnSync(process.execPath, ['--import', killer, cli, '--outDir', out, ...extra], { cwd: PROJECT, encoding: 'utf8', env: { ...env(root, cache), KILL_AT_PUBLISH: `${out}:${moment}` } });
  return r.signal;
}
const killer = join(PROJECT, 'tests/helpers/kill-at-publish.ts');

/** Waits, up to 20 s, for `done` to hold (a deletion in the background to end). */
async function eventually(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
}

let root: string;
let parent: string;
let out: string;
let cache: string;
let good: Record<string, string>;

beforeAll(() => {
  root = fixture();
  parent = tempDir('board-publish-');
  out = join(parent, 'dist');
  cache = tempDir('board-cache-');
  build(root, out, cache);
  good = hashTree(out);
  // The next build has other data: a build that got through would change the home page.
  writeFileSync(join(root, 'data/site.yaml'), readFileSync(join(root, 'data/site.yaml'), 'utf8').replace(/^name: .*$/m, 'name: 改了名字的公示栏'));
});

describe('a build killed at several moments', () => {
  // While Astro bundles (the check is done), when the pages start, while it writes them.
  const stages: [string, RegExp][] = [
    ['while Astro bundles', /数据检查通过/],
    ['as the pages start', /generating static routes/],
    ['while it writes the passbooks', /├─ \/p\//],
  ];
  for (const [when, stage] of stages) {
    test(`killed ${when}: the last good site is whole and untouched`, async () => {
      expect(await killedAt(root, out, cache, stage)).toBe('SIGKILL');
      expect(hashTree(out)).toEqual(good);
    });
  }

  test('killed with the new site whole, just before it is put in place: the last good site is untouched', () => {
    expect(killedInPublish(root, out, cache, 'before')).toBe('SIGKILL');
    expect(hashTree(out)).toEqual(good);
  });

  test('killed between the two renames (the old site aside): the next build puts the old site back first', () => {
    expect(killedInPublish(root, out, cache, 'between')).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    const aside = readdirSync(parent).filter((n) => n.startsWith('.dist-old-'));
    expect(aside).toHaveLength(1);
    expect(hashTree(join(parent, aside[0]))).toEqual(good);
    // What the next build does before anything else (a build that then fails keeps it so).
    preparePublish(out).abandon();
    expect(hashTree(out)).toEqual(good);
  });

  test('the next build cleans up what the killed ones left, and puts the new site in place', async () => {
    build(root, out, cache);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('改了名字的公示栏');
    // The old site goes in a child process that outlives the build: gone within moments.
    await eventually(() => readdirSync(parent).length === 1);
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('a build with a data error leaves the site as it was', () => {
    const before = hashTree(out);
    writeFileSync(join(root, 'data/ledger/2022-01.csv'), readFileSync(join(root, 'data/ledger/2022-01.csv'), 'utf8') + '2022-02-30,H1,C01,,,,,张三,已核实\n');
    const r = spawnSync(process.execPath, [cli, '--outDir', out], { cwd: PROJECT, encoding: 'utf8', env: env(root, cache) });
    expect(r.status).toBe(1);
    expect(hashTree(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['dist']);
  });
});

describe('--link: a web server serving dist/ while it builds', () => {
  test('dist/ becomes a link to a release, swapped in one rename; a killed build leaves the link as it was', async () => {
    const root2 = fixture();
    const parent2 = tempDir('board-publish-');
    const out2 = join(parent2, 'dist');
    build(root2, out2, cache, ['--link']);
    expect(lstatSync(out2).isSymbolicLink()).toBe(true);
    const first = hashTree(out2);
    expect(killedInPublish(root2, out2, cache, 'before', ['--link'])).toBe('SIGKILL');
    expect(hashTree(out2)).toEqual(first);
    build(root2, out2, cache);
    // Still a link, now to the new release; the one before is kept for a way back.
    expect(lstatSync(out2).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(parent2, '.dist-releases')).length).toBe(2);
    expect(existsSync(join(out2, 'index.html'))).toBe(true);
  });
});
