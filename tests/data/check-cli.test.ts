import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fixture, FIXTURES } from '../helpers/fixture.ts';

const CLI = join(import.meta.dirname, '../../src/cli/check.ts');

function runCheck(root: string, format?: string) {
  const args = [CLI, '--root', root, ...(format ? ['--format', format] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

// Twelve planted errors across files: one in a GBK file with CRLF, one right after a quoted
// cell that spans two lines, others in people, units, merchants, shop, honours, assessments.
const PLANTED = [
  'data/assessments/2022-stars.csv:3 unit-type-not-in-scheme',
  'data/honors.csv:3 bad-period',
  'data/ledger/2022-01.csv:5 impossible-date',
  'data/ledger/2022-01.csv:6 below-minimum-minutes',
  'data/ledger/2022-02-gbk.csv:3 unknown-subject',
  'data/ledger/2022-02-gbk.csv:4 points-out-of-range',
  'data/ledger/2022-02-gbk.csv:5 unknown-rule',
  'data/merchants.csv:3 personal-mobile',
  'data/people.csv:5 unknown-unit',
  'data/people.csv:6 until-before-since',
  'data/shop/items.csv:4 bad-integer',
  'data/units.csv:5 bad-choice',
];

describe('npm run check on a folder with a dozen planted errors', () => {
  const root = fixture('many-errors');

  test('text: every error with its file and line, in one run, and exit 1', () => {
    const { status, stdout } = runCheck(root);
    expect(status).toBe(1);
    for (const p of PLANTED) {
      const [file, rest] = p.split(':');
      const [line, code] = rest!.split(' ');
      const section = stdout.split('\n\n').find((s) => s.startsWith(file!))!;
      expect(section, p).toMatch(new RegExp(`第 ${line} 行.*\\[${code}\\]`));
    }
    expect(stdout).toContain(`共 ${PLANTED.length} 个错误`);
  });

  test('json: { errors, warnings } with file, line, column, field, code, message', () => {
    const { status, stdout } = runCheck(root, 'json');
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.errors.map((e: { file: string; line: number; code: string }) => `${e.file}:${e.line} ${e.code}`)).toEqual(PLANTED);
    expect(Object.keys(report.errors[0]).sort()).toEqual(['code', 'column', 'field', 'file', 'line', 'message']);
  });

  test('github: one ::error annotation per error, on the right file and line', () => {
    const { status, stdout } = runCheck(root, 'github');
    expect(status).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(PLANTED.length);
    const found = lines.map((l) => {
      const m = /^::error file=([^,]+),line=(\d+),col=\d+,title=([a-z-]+)::/.exec(l);
      return m ? `${m[1]}:${m[2]} ${m[3]}` : l;
    });
    expect(found).toEqual(PLANTED);
  });
});

describe('npm run check on valid data', () => {
  test('a baseUrl left at the example address, or unset, is a warning at its line: every QR code would lead there', () => {
    const site = readFileSync(join(FIXTURES, '_base/data/site.yaml'), 'utf8');
    expect(JSON.parse(runCheck(fixture(), 'json').stdout).warnings).toEqual([]);
    const example = runCheck(fixture(undefined, { 'data/site.yaml': site.replace('https://jifen.ceshi-jd.cn/', 'https://example.org/') }), 'json');
    expect(example.status).toBe(0);
    const [w] = JSON.parse(example.stdout).warnings as { file: string; line: number; code: string; message: string }[];
    expect(w).toMatchObject({ file: 'data/site.yaml', line: 3, code: 'base-url-example' });
    expect(w!.message).toContain('二维码');
    const unset = runCheck(fixture(undefined, { 'data/site.yaml': site.replace(/^baseUrl:.*\n/m, '') }), 'json');
    expect((JSON.parse(unset.stdout).warnings as { code: string }[]).map((x) => x.code)).toEqual(['base-url-example']);
  });

  test('exits 0 and says so', () => {
    const { status, stdout } = runCheck(fixture());
    expect(status).toBe(0);
    expect(stdout).toContain('数据检查通过');
  });
  test('warnings alone exit 0', () => {
    const { status, stdout } = runCheck(fixture('lost-character'), 'json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).warnings).toHaveLength(1);
  });
});
