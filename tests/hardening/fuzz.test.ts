import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { checkProject } from '../../src/check/check.ts';
import { fixture, FIXTURES } from '../helpers/fixture.ts';
import { mulberry32 } from '../helpers/random.ts';

/**
 * Fuzzing the loader: random and mutated CSV bytes never crash or hang the check, always end
 * in located errors, and never let a bad row count. Seeded, so every run is the same.
 */

const LEDGER = readFileSync(join(FIXTURES, '_base/data/ledger/2022-01.csv'));
const NOISE = [0x22, 0x2c, 0x0a, 0x0d, 0x00, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x81, 0x40, 0x3f, 0x20];

/** Flips, inserts and deletes bytes, favouring the ones that break CSV: quotes, commas, CR, NUL. */
function mutate(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const out = [...bytes];
  const edits = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const byte = rnd() < 0.7 ? NOISE[Math.floor(rnd() * NOISE.length)]! : Math.floor(rnd() * 256);
    const op = rnd();
    if (op < 0.4) out.splice(at, 0, byte);
    else if (op < 0.7) out[at] = byte;
    else out.splice(at, 1);
  }
  return Uint8Array.from(out);
}

/** The invariants every run must keep, whatever the bytes. */
function expectLocatedAndSound(root: string, file: string) {
  const { dataset, problems } = checkProject(root);
  // Lines an error may name in the fuzzed file: the header is 1, the last line (CR, LF or CRLF) its count.
  const text = readFileSync(join(root, file), 'latin1');
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const e of problems.errors) {
    expect(e.file).toMatch(/^(data|content)\//);
    expect(Number.isInteger(e.line), `${e.code} line ${e.line}`).toBe(true);
    // A line the editor can find: within the file it names (0: the whole file).
    if (e.file === file) expect(e.line, `${e.code} line ${e.line} of ${lines}`).toBeLessThanOrEqual(lines);
    expect(e.line).toBeGreaterThanOrEqual(0);
    expect(e.message.length).toBeGreaterThan(0);
  }
  // Rows that count are sound: a real date, a known subject and rule, a reviewer when verified.
  const subjects = new Set([...dataset.people, ...dataset.households, ...dataset.units, ...dataset.merchants].map((s) => s.id));
  const rules = new Set(dataset.rules.map((r) => r.code));
  for (const row of dataset.ledger.rows().filter((r) => r.file === file)) {
    expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(subjects.has(row.subject)).toBe(true);
    expect(rules.has(row.rule)).toBe(true);
    if (row.status === '已核实') expect(row.reviewer).toBeTruthy();
  }
  return { dataset, problems };
}

describe('mutated ledger bytes', () => {
  test.each(Array.from({ length: 150 }, (_, i) => [i + 1]))('seed %i', (seed) => {
    const rnd = mulberry32(seed);
    const bytes = rnd() < 0.3 ? mutate(iconv.encode(LEDGER.toString('utf8'), 'gbk'), rnd) : mutate(LEDGER, rnd);
    expectLocatedAndSound(fixture(undefined, { 'data/ledger/2022-01.csv': bytes }), 'data/ledger/2022-01.csv');
  });
});

describe('random bytes', () => {
  test.each(Array.from({ length: 40 }, (_, i) => [i + 1]))('seed %i', (seed) => {
    const rnd = mulberry32(1000 + seed);
    const bytes = Uint8Array.from({ length: Math.floor(rnd() * 2000) }, () => Math.floor(rnd() * 256));
    expectLocatedAndSound(fixture(undefined, { 'data/ledger/2022-01.csv': bytes }), 'data/ledger/2022-01.csv');
  });
});

describe('shapes that break naive parsers', () => {
  const cases: [string, string | Uint8Array][] = [
    ['an empty file', ''],
    ['a header only', '日期,对象,事项,审核人\n'],
    ['a 100,000-character cell', `日期,对象,事项,说明,审核人\n2022-01-05,P1,R02,${'长'.repeat(100_000)},刘书记\n`],
    ['a million columns', `日期,对象,事项,审核人${',x'.repeat(1_000_000)}\n2022-01-05,P1,R02,刘书记\n`],
    ['an unbalanced quote at the start', '日期,对象,事项,审核人\n"2022-01-05,P1,R02,刘书记\n'],
    ['NUL bytes in a cell', Uint8Array.from([...Buffer.from('日期,对象,事项,审核人\n2022-01-05,P1,R02,刘'), 0, ...Buffer.from('书记\n')])],
    ['only line breaks', '\r\n\r\n\n\n'],
    ['a BOM and nothing else', Uint8Array.from([0xef, 0xbb, 0xbf])],
  ];
  test.each(cases)('%s ends in located errors or clean rows', (_name, content) => {
    const { problems, dataset } = expectLocatedAndSound(fixture(undefined, { 'data/ledger/2022-01.csv': content }), 'data/ledger/2022-01.csv');
    const ledgerRows = dataset.ledger.rows().filter((r) => r.file === 'data/ledger/2022-01.csv').length;
    const errors = problems.errors.filter((e) => e.file === 'data/ledger/2022-01.csv').length;
    expect(ledgerRows + errors).toBeGreaterThanOrEqual(_name === 'a header only' || _name === 'only line breaks' ? 0 : 1);
  });

  test('a million columns are refused, not silently dropped', () => {
    const { problems } = checkProject(fixture(undefined, { 'data/ledger/2022-01.csv': `日期,对象,事项,审核人${',x'.repeat(1_000_000)}\n2022-01-05,P1,R02,刘书记\n` }));
    expect(problems.errors.filter((e) => e.file === 'data/ledger/2022-01.csv').map((e) => `${e.line} ${e.code}`)).toEqual(['1 too-many-columns']);
  });
});
