/**
 * Temporary folders of a test run: all made inside one folder of the run
 * (`$BOARD_TEST_TMP`, set by tests/global-setup.ts), which is removed when the run ends, so a
 * run leaves no copies of fixtures, sites or caches behind (a full run made some 600).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix: string): string {
  const parent = process.env.BOARD_TEST_TMP ?? tmpdir();
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, prefix));
}
