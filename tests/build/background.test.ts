/**
 * A drawing thread (the TV's pictures, the print shop's folder) gives way to the build's thread:
 * its own nice value goes up, the build's thread's does not (src/build/background.ts).
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/** The nice value of the thread /proc names (field 19 of its stat line, after the command's parentheses). */
const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);

const linux = process.platform === 'linux';

describe.runIf(linux)('a drawing thread gives way to the build', () => {
  test('the worker that calls it runs at nice 19; the thread that started it keeps its own', async () => {
    const module = fileURLToPath(new URL('../../src/build/background.ts', import.meta.url));
    const code = `
      const { parentPort } = require('node:worker_threads');
      const { readFileSync } = require('node:fs');
      import(${JSON.stringify(module)}).then(({ giveWayToTheBuild }) => {
        giveWayToTheBuild();
        parentPort.postMessage(readFileSync('/proc/thread-self/stat', 'utf8'));
      });`;
    const before = niceOf(readFileSync('/proc/thread-self/stat', 'utf8'));
    const stat = await new Promise<string>((resolve, reject) => {
      const worker = new Worker(code, { eval: true });
      worker.once('message', (m: string) => {
        resolve(m);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
    expect(niceOf(stat)).toBe(19);
    expect(niceOf(readFileSync('/proc/thread-self/stat', 'utf8'))).toBe(before);
  });
});
