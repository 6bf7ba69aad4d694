/**
 * The whole data check (see check-core.ts), with the poster fonts for the rare-character
 * warnings: what the build, `npm run diff` and the tests call.
 */
import { resolve } from 'node:path';
import { missingGlyphs } from '../render/fonts.ts';
import { checkProjectAlongside, checkProjectWith, type Checked } from './core.ts';
import { processSlot } from '../build/context.ts';

export type { Checked } from './core.ts';

export function checkProject(root: string): Checked {
  return checkProjectWith(root, (text) => missingGlyphs(text));
}

/** `checkProject`, leaving this thread free while the ledger is read on workers (the build starts Astro meanwhile). */
export function checkAlongside(root: string): Promise<Checked> {
  return checkProjectAlongside(root, (text) => missingGlyphs(text));
}

// `npm run build` (src/cli/build.ts) checks the data while Astro starts in the same process.
// The check is handed over on the process (Astro loads the build's modules apart from the
// command's), and the build takes it instead of reading and checking the data again.
const held = processSlot<{ root: string; checked: Checked }>('checked');

/** Hands a finished check of `root` to the build that starts next in this process. */
export function handOver(root: string, checked: Checked): void {
  held.set({ root: resolve(root), checked });
}

/** The check handed over for `root` (taken once), or a new check of it. */
export function checkedFor(root: string): Checked {
  const handed = held.get();
  if (handed?.root === resolve(root)) {
    held.forget();
    return handed.checked;
  }
  return checkProject(root);
}
