/**
 * Runs the real build (`astro build`) on a data folder into a temporary output folder, as
 * `npm run build` does after the check, with its own content-layer cache.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { stripVTControlCharacters } from 'node:util';
import { tempDir } from './temp.ts';

export const PROJECT = join(import.meta.dirname, '..', '..');

export function buildSite(root: string, env: Record<string, string> = {}): string {
  return buildSiteWithLog(root, env).out;
}

/** The build's output folder (a new one, or `out`) and what it printed. */
export function buildSiteWithLog(root: string, env: Record<string, string> = {}, out = tempDir('board-dist-')): { out: string; log: string } {
  const r = spawnSync(process.execPath, [join(PROJECT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', out], {
    cwd: PROJECT,
    encoding: 'utf8',
    env: { ...process.env, BOARD_ROOT: root, BOARD_CACHE_DIR: tempDir('board-cache-'), ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
  if (r.status !== 0) throw new Error(`astro build failed:\n${r.stdout}\n${r.stderr}`);
  // CI=true turns on the log's colours (picocolors); the tests read the plain text.
  return { out, log: stripVTControlCharacters(r.stdout + r.stderr) };
}

/** Every file under a folder, relative path → sha256, sorted by path. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export function listFiles(dir: string): string[] {
  return Object.keys(hashTree(dir));
}
