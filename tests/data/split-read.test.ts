/**
 * A large ledger is read on two threads (src/data/split-read.ts). What an editor relies on:
 * the check finds the same problems, at the same places, and the build gets the same rows in
 * the same order, whichever thread read a file. `BOARD_READ_WORKER=always` splits even these
 * small folders, with the worker taking the first file.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixture, FIXTURES } from '../helpers/fixture.ts';
import { PROJECT } from '../helpers/build.ts';
import { loadProject, loadProjectSteps } from '../../src/data/load.ts';
import { runAlongside } from '../../src/data/steps.ts';
import { readCounts, readFileRows } from '../../src/data/split-read.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { tables } from '../../src/schema/tables.ts';
import { Problems } from '../../src/check/errors.ts';

function check(root: string, mode: string) {
  const r = spawnSync(process.execPath, [join(PROJECT, 'src/cli/check.ts'), '--root', root, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, BOARD_READ_WORKER: mode },
  });
  return { status: r.status, report: JSON.parse(r.stdout) as unknown };
}

/** Loads a folder with the reader in the given mode. */
function load(root: string, mode: string) {
  process.env.BOARD_READ_WORKER = mode;
  const before = { ...readCounts };
  const loaded = loadProject(root);
  return { loaded, worker: readCounts.worker - before.worker, here: readCounts.here - before.here };
}

afterEach(() => {
  delete process.env.BOARD_READ_WORKER;
});

describe('the ledger read on two threads', () => {
  test.each(['many-errors', 'redemption-after-bad-ledger-row', 'month-with-two-errors'])(
    '%s: the check reports exactly what it reports on one thread',
    (name) => {
      const root = fixture(name);
      const one = check(root, 'off');
      const two = check(root, 'always');
      expect(one.status).toBe(1);
      expect(two).toEqual(one);
    },
  );

  test('the worker reads files, and the rows, their order and the problems are those of one thread', () => {
    const root = fixture('many-errors');
    const one = load(root, 'off');
    const two = load(root, 'always');
    expect(one.worker).toBe(0);
    expect(two.worker).toBeGreaterThan(0);
    expect(two.loaded.dataset.ledger.length).toBeGreaterThan(0);
    expect(two.loaded.dataset.ledger.rows()).toEqual(one.loaded.dataset.ledger.rows());
    // A row the ledger's columns make has the fields, in order, of the object the reader makes.
    const rel = two.loaded.dataset.ledger.file(0);
    const read: object[] = [];
    readFileRows(tables.ledger, { rel, bytes: readFileSync(join(root, rel)) }, new Problems(), read);
    expect(Object.keys(two.loaded.dataset.ledger.row(0))).toEqual(Object.keys(read[0]!));
    expect(two.loaded.dataset.ledger.row(0)).toEqual(read[0]);
    expect(two.loaded.problems.sorted()).toEqual(one.loaded.problems.sorted());
    expect([...two.loaded.rejected.ledgerSubjects].sort()).toEqual([...one.loaded.rejected.ledgerSubjects].sort());
  });

  test('alongside (the build checks while Astro starts): workers read every file, this thread stays free, and the rows and problems are the same', async () => {
    const root = fixture('many-errors');
    const one = load(root, 'off');
    process.env.BOARD_READ_WORKER = 'always';
    const before = { ...readCounts };
    // Other work on this thread while the ledger is read: it gets turns.
    let turns = 0;
    let reading = true;
    const other = (async () => {
      while (reading) {
        turns++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const loaded = await runAlongside(loadProjectSteps(root, true));
    reading = false;
    await other;
    // Every file of the ledger was read by a worker (a single redemptions file is read here, as always).
    const ledgerFiles = readdirSync(join(root, 'data/ledger')).filter((f) => /\.(csv|xlsx)$/.test(f));
    expect(ledgerFiles.length).toBeGreaterThan(1);
    expect(readCounts.worker - before.worker).toBe(ledgerFiles.length);
    expect(turns).toBeGreaterThan(0);
    expect(loaded.dataset.ledger.rows()).toEqual(one.loaded.dataset.ledger.rows());
    expect(loaded.problems.sorted()).toEqual(one.loaded.problems.sorted());
    expect([...loaded.rejected.ledgerSubjects].sort()).toEqual([...one.loaded.rejected.ledgerSubjects].sort());
  });

  test('files read straight into the memory the workers share, beside a UTF-16 month and a workbook that are not: the same rows, problems and data version as one thread', async () => {
    const base = fixture('many-errors');
    const month = readFileSync(join(base, 'data/ledger', readdirSync(join(base, 'data/ledger')).sort()[0]!), 'utf8').replace(/^\uFEFF/, '');
    const root = fixture('many-errors', {
      // Excel's "Unicode text": read as the UTF-8 it holds, so not where it was read to.
      'data/ledger/2023-01.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(month.replaceAll('2022-', '2023-'), 'utf16le')]),
      'data/ledger/2023-02.xlsx': readFileSync(join(FIXTURES, 'workbooks/ledger-2022-01.xlsx')),
    });
    const one = load(root, 'off');
    const two = load(root, 'always');
    expect(two.worker).toBeGreaterThan(0);
    expect(two.loaded.dataset.ledger.rows()).toEqual(one.loaded.dataset.ledger.rows());
    expect(two.loaded.dataset.ledger.rows().some((r) => r.date.startsWith('2023-01'))).toBe(true);
    expect(two.loaded.problems.sorted()).toEqual(one.loaded.problems.sorted());
    // The data version hashes every file's bytes as they are on disk, wherever they were read to.
    expect([...two.loaded.files.keys()]).toEqual([...one.loaded.files.keys()]);
    for (const [rel, bytes] of two.loaded.files) expect(Buffer.from(bytes).equals(readFileSync(join(root, rel))), rel).toBe(true);
    // Alongside Astro's start, the converted months are the workers' too: none is parsed on the build's thread.
    process.env.BOARD_READ_WORKER = 'always';
    const before = { ...readCounts };
    const alongside = await runAlongside(loadProjectSteps(root, true));
    expect(readCounts.here - before.here).toBe(1); // the single redemptions file, as always
    expect(readCounts.worker - before.worker).toBe(readdirSync(join(root, 'data/ledger')).length);
    expect(alongside.dataset.ledger.rows()).toEqual(one.loaded.dataset.ledger.rows());
    expect(alongside.problems.sorted()).toEqual(one.loaded.problems.sorted());
  });
});
