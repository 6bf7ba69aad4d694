/**
 * The whole data check (see check-core.ts), with the poster fonts for the rare-character
 * warnings: what the build, `npm run diff` and the tests call.
 */
import { missingGlyphs } from '../posters/fonts.ts';
import { checkProjectWith, type Checked } from './check-core.ts';

export type { Checked } from './check-core.ts';

export function checkProject(root: string): Checked {
  return checkProjectWith(root, (text) => missingGlyphs(text));
}
