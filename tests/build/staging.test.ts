/**
 * Pictures and posters drawn alongside the pages wait in staging folders in the system's temp
 * folder. A build stopped by Ctrl-C or the out-of-memory killer cannot remove its own: the next
 * build does, and never another running build's.
 */
import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { stagingFolder } from '../../src/build/staging.ts';

test('a staging folder of a build no longer running is removed; a running one’s is kept', () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  const stale = join(tmpdir(), `board-test-kind-${dead}-abc123`);
  const running = join(tmpdir(), `board-test-kind-${process.ppid}-def456`);
  for (const d of [stale, running]) {
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'slide.png'), 'x');
  }
  const mine = stagingFolder('test-kind');
  expect(existsSync(stale)).toBe(false);
  expect(existsSync(running)).toBe(true);
  expect(basename(mine)).toMatch(new RegExp(`^board-test-kind-${process.pid}-`));
  for (const d of [running, mine]) rmSync(d, { recursive: true, force: true });
});
