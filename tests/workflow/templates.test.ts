import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTemplates } from '../../src/cli/templates.ts';
import { checkProject } from '../../src/check/check.ts';
import { tables } from '../../src/schema/tables.ts';
import { tempDir } from '../helpers/temp.ts';

describe('npm run templates', () => {
  const root = tempDir('board-templates-');
  const files = writeTemplates(join(root, 'data'));

  test('every CSV starts with a UTF-8 BOM and the Chinese headers, so Excel opens it right', () => {
    const people = readFileSync(join(root, 'data/people.csv'));
    expect([...people.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = people.subarray(3).toString('utf8').split('\r\n')[0];
    expect(header).toBe('编号,姓名,组织,身份,户号,入册日期,离册日期');
    for (const f of files.filter((f) => f.endsWith('.csv'))) {
      expect([...readFileSync(join(root, 'data', f)).subarray(0, 3)], f).toEqual([0xef, 0xbb, 0xbf]);
    }
  });

  test('the templates with only their example rows pass the check, every example row accepted', () => {
    const { dataset, problems } = checkProject(root);
    // Only the reminder that baseUrl is still the example address: an editor sets it.
    const { errors, warnings } = problems.sorted();
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['base-url-example']);
    for (const key of ['people', 'households', 'merchants', 'rules', 'ledger', 'assessments', 'items', 'stock', 'redemptions', 'honors'] as const) {
      expect(dataset[key], key).toHaveLength(1);
    }
    expect(dataset.units).toHaveLength(2);
    expect(Object.keys(tables)).toHaveLength(11);
  });
});
