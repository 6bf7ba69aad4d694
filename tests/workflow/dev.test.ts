import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { fixture } from '../helpers/fixture.ts';
import { PROJECT } from '../helpers/build.ts';
import { launchChromium } from '../helpers/serve.ts';
import { tempDir } from '../helpers/temp.ts';

const LEDGER = 'data/ledger/2022-01-households.csv';

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** The environment an editor's shell has: without the test runner's own variables (NODE_ENV=test, VITEST…). */
function editorEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));
}

let root: string;
let dev: ChildProcess;
let base: string;
let browser: Browser;
let original: string;

beforeAll(async () => {
  root = fixture();
  original = readFileSync(join(root, LEDGER), 'utf8');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dev = spawn(process.execPath, [join(PROJECT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: PROJECT,
    env: { ...editorEnv(), BOARD_ROOT: root, BOARD_CACHE_DIR: tempDir('board-cache-'), ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((ready, fail) => {
    let log = '';
    const seen = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(`:${port}`)) ready();
    };
    dev.stdout!.on('data', seen);
    dev.stderr!.on('data', seen);
    dev.on('exit', (code) => fail(new Error(`astro dev exited ${code}:\n${log}`)));
  });
  // Ready means the first page answers, not only that the server listens.
  for (let i = 0; i < 150 && (await page('/').catch(() => null))?.status !== 200; i++) await new Promise((r) => setTimeout(r, 200));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  dev?.kill();
});

const page = (path: string) => fetch(`${base}${path}`, { headers: { accept: 'text/html' } });

/** Saves the file as an editor would, then waits until the preview answers `ok` for the path. */
async function saveAndWait(text: string, path: string, ok: (status: number, body: string) => boolean) {
  writeFileSync(join(root, LEDGER), text);
  for (let i = 0; i < 300; i++) {
    const r = await page(path);
    if (ok(r.status, await r.text())) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the preview never showed the change on ${path}`);
}

describe('npm run dev (the editors\' preview)', () => {
  test('a data error replaces the page with the located report; fixing the file brings the board back with the new figures', async () => {
    expect((await page('/h/H2/')).status).toBe(200);

    await saveAndWait(original.replace('H2,C02,8,', 'H404,C02,8,'), '/h/H1/', (s) => s === 500);
    const report = await (await page('/rankings/')).text();
    expect(report).toContain('数据有 1 处错误');
    expect(report).toContain('data/ledger/2022-01-households.csv:3:2');
    expect(report).toContain('第 3 行，第 2 列（B），“对象”');
    expect(report).toContain('找不到对象“H404”');
    expect(report).toContain('unknown-subject');

    // Fixed, and H2's reward raised from 8 to 12: the passbook shows the new balance at once.
    await saveAndWait(original.replace('H2,C02,8,', 'H2,C02,12,'), '/h/H2/', (s, body) => s === 200 && body.includes('获得 12'));
  });

  test('/version.json (what the TV polls for a new build) follows a save too, with no page loaded in between', async () => {
    const version = async () => {
      const r = await fetch(`${base}/version.json`);
      return r.status === 200 ? ((await r.json()) as { dataVersion: string }).dataVersion : undefined;
    };
    writeFileSync(join(root, LEDGER), original);
    await expect.poll(version, { timeout: 60_000 }).toBeTypeOf('string');
    const before = await version();
    writeFileSync(join(root, LEDGER), original.replace('H2,C02,8,', 'H2,C02,12,'));
    await expect.poll(version, { timeout: 60_000 }).not.toBe(before);
    expect(await version()).toMatch(/^(sha256-)?[0-9a-f]{12}$/);
  });

  test('the error page in a browser reloads itself into the board when the file is saved', async () => {
    await saveAndWait(original.replace('H2,C02,8,', 'H404,C02,8,'), '/', (s) => s === 500);
    const tab = await browser.newPage();
    // The page listens for saves once Vite's client has connected: an editor's open page has long since; the test waits for it.
    const listening = tab.waitForEvent('console', { predicate: (m) => m.text().includes('[vite] connected'), timeout: 30_000 });
    await tab.goto(`${base}/notices/`);
    await expect.poll(() => tab.locator('h1').textContent(), { timeout: 30_000 }).toContain('数据有 1 处错误');
    await listening;
    writeFileSync(join(root, LEDGER), original);
    // No click, no key: Vite's client on the error page reloads it when the data changes.
    await expect.poll(() => tab.locator('h1').textContent(), { timeout: 30_000 }).not.toContain('错误');
    expect(await tab.locator('h1').textContent()).toBe('公示');
    await tab.close();
  });
});
