/**
 * `npm test` on a machine without the Debian packages the tests need: it installs them where it
 * may (root and apt-get, as CI), else says in one line what to install and does not start.
 */
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT } from '../helpers/build.ts';
import { tempDir } from '../helpers/temp.ts';

describe('scripts/ensure-tools.sh', () => {
  test('with none of the tools (and no apt-get) on the PATH: one line naming every package, exit 1', () => {
    // A bare machine: grep, but no chromium, pdfinfo, zbarimg, fc-list or apt-get.
    const bare = tempDir('no-tools-');
    symlinkSync('/usr/bin/grep', join(bare, 'grep'));
    const r = spawnSync('/bin/bash', [join(PROJECT, 'scripts/ensure-tools.sh')], { encoding: 'utf8', env: { PATH: bare } });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('sudo apt-get install -y chromium poppler-utils zbar-tools fonts-noto-cjk');
  });

  test('npm test runs it before the tests, and CI runs the same script', () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.test).toMatch(/^bash scripts\/ensure-tools\.sh && vitest run /);
    expect(readFileSync(join(PROJECT, '.ci/run'), 'utf8')).toContain('bash scripts/ensure-tools.sh');
  });
});
