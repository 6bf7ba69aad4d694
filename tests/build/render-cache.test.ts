/**
 * The render caches carried from build to build (CI keeps node_modules/.cache): what a build
 * takes is marked as used, and what no build has used for a month is removed.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markUsed, pruneUnused } from '../../src/render-cache.ts';

const DAY = 24 * 3600 * 1000;

describe('render caches', () => {
  test('files unused for more than a month are removed; files used since are kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'board-render-cache-'));
    const file = (name: string, daysAgo: number) => {
      const path = join(dir, name);
      writeFileSync(path, name);
      const when = new Date(Date.now() - daysAgo * DAY);
      utimesSync(path, when, when);
      return path;
    };
    const old = file('old.png', 31);
    const recent = file('recent.png', 29);
    const oldButTaken = file('taken.png', 45);
    markUsed(oldButTaken); // a build took it today
    expect(Date.now() - statSync(oldButTaken).mtimeMs).toBeLessThan(DAY);

    expect(pruneUnused(dir)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(oldButTaken)).toBe(true);
  });

  test('a missing cache folder is nothing to prune', () => {
    expect(pruneUnused(join(tmpdir(), 'board-render-cache-none', 'tv'))).toBe(0);
  });
});
