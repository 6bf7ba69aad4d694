/**
 * The whole data check: read every file, validate every row, check references, then the
 * checks that need the computation (balances, stock, prices). One call; all problems at once.
 */
import { loadProject, type Loaded } from './load.ts';
import { validateReferences } from './validate.ts';
import type { Dataset } from './dataset.ts';
import type { Problems } from './errors.ts';

export interface Checked {
  dataset: Dataset;
  problems: Problems;
  files: Loaded['files'];
}

export function checkProject(root: string): Checked {
  const loaded = loadProject(root);
  const dataset = validateReferences(loaded.dataset, loaded.rejected, loaded.problems);
  return { dataset, problems: loaded.problems, files: loaded.files };
}
