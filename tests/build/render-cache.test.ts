/**
 * The render caches carried from build to build (CI keeps node_modules/.cache): what a build
 * takes is marked as used, and what no build has used for a month is removed.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markUsed, pruneUnused } from '../../src/build/render-cache.ts';
import { tempDir } from '../helpers/temp.ts';

const DAY = 24 * 3600 * 1000;

describe('render caches', () => {
  test('cache files unused for more than a month are removed; files used since, and files not the cache\'s, are kept', () => {
    const dir = tempDir('board-render-cache-');
    const file = (name: string, daysAgo: number) => {
      const path = join(dir, name);
      writeFileSync(path, name);
      const when = new Date(Date.now() - daysAgo * DAY);
      utimesSync(path, when, when);
      return path;
    };
    const key = (c: string) => c.repeat(64);
    const old = file(`${key('a')}.png`, 31);
    const oldMeta = file(`${key('b')}.json`, 40);
    const recent = file(`${key('c')}.png`, 29);
    const oldButTaken = file(`${key('d')}.pdf`, 45);
    const notOurs = file('notes.txt', 400); // the folder is shared: only cache files go
    markUsed(oldButTaken); // a build took it today
    expect(Date.now() - statSync(oldButTaken).mtimeMs).toBeLessThan(DAY);

    expect(pruneUnused(dir)).toBe(2);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(oldMeta)).toBe(false);
    expect(existsSync(notOurs)).toBe(true);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(oldButTaken)).toBe(true);
  });

  test('a missing cache folder is nothing to prune', () => {
    expect(pruneUnused(join(tmpdir(), 'board-render-cache-none', 'tv'))).toBe(0);
  });
});
