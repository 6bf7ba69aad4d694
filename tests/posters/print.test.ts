/**
 * The print shop's folder is drawn on a worker thread alongside the pages. A worker that
 * fails leaves nothing half-written behind and says so, and the build then draws on its own
 * thread: the same files either way.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runPrintJob, startPrinting, type PrintJob } from '../../src/posters/print.ts';
import { onePage } from './docs.ts';
import { tempDir } from './tools.ts';

const stagings = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`board-posters-${process.pid}-`));

test('drawn on the worker: the same PDFs and manifest as on the build’s own thread', async () => {
  const job: PrintJob = { docs: [onePage], sheets: [], cacheDir: tempDir(), posterWorkers: 0 };
  const done = await startPrinting(job);
  if (!('printed' in done)) throw new Error(`the worker failed: ${done.error}`);
  const here = tempDir();
  await runPrintJob({ ...job, cacheDir: tempDir() }, here);
  expect(readdirSync(done.staging).sort()).toEqual(readdirSync(here).sort());
  for (const f of readdirSync(here)) expect(readFileSync(join(done.staging, f)).equals(readFileSync(join(here, f)))).toBe(true);
  expect(done.printed.posters).toMatchObject({ files: 1, rendered: 1, cached: 0 });
});

test('a worker that fails says why, is stopped, and its staging folder is gone', async () => {
  const before = stagings();
  // Two posters with one id: rendering them throws, in the worker.
  const job: PrintJob = { docs: [onePage, onePage], sheets: [], cacheDir: tempDir(), posterWorkers: 0 };
  expect(await startPrinting(job)).toEqual({ error: expect.stringMatching(/two posters have the id/) });
  expect(stagings()).toEqual(before);
  await expect(runPrintJob(job, tempDir())).rejects.toThrow(/two posters have the id/);
  expect(existsSync(job.cacheDir)).toBe(true);
});

test('a worker that runs out of its heap is stopped alone: it says so, and leaves no staging folder', async () => {
  const before = stagings();
  const job: PrintJob = { docs: [onePage], sheets: [], cacheDir: tempDir(), posterWorkers: 0 };
  // 8 MB cannot hold the fonts: the worker stops, the test's process (the build's) goes on.
  expect(await startPrinting(job, 8)).toEqual({ error: expect.stringMatching(/memory/i) });
  expect(stagings()).toEqual(before);
  // What the build then does: draws on its own thread.
  const here = tempDir();
  await runPrintJob(job, here);
  expect(readdirSync(here)).toContain('manifest.json');
});
