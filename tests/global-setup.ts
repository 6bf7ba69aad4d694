/** One folder for every temporary folder of the run (tests/helpers/temp.ts), removed at its end. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'board-tests-'));
  process.env.BOARD_TEST_TMP = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
