/**
 * Fixture folders: `tests/fixtures/_base` is a small valid project; each case folder holds
 * only the files it changes. `fixture('unit-cycle')` copies the base, lays the case over it,
 * and returns the temporary root.
 */
import { cpSync, mkdtempSync, existsSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './temp.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function fixture(name?: string, extra: Record<string, string | Uint8Array> = {}): string {
  const root = tempDir(`board-${name ?? 'base'}-`);
  cpSync(join(FIXTURES, '_base'), root, { recursive: true });
  if (name) {
    const dir = join(FIXTURES, name);
    if (!existsSync(dir)) throw new Error(`no fixture ${name}`);
    cpSync(dir, root, { recursive: true });
  }
  for (const [rel, content] of Object.entries(extra)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

export function removeFixture(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
