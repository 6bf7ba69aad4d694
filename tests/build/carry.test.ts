/**
 * The pages a build takes from the build before are copied ahead, by a child process, while the
 * pages are listed (src/build/carry.ts). What the site relies on: each page the cache holds
 * arrives whole and byte for byte, a page the cache does not hold is left for Astro to render,
 * and nothing else (no half-copied file) is left in the new site.
 */
import { expect, test } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { carryPages, pagesCarried, recordCode } from '../../src/build/carry.ts';
import { tempDir } from '../helpers/temp.ts';

const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();

test('the pages the cache holds are copied whole into the new site; one it lacks is left to be rendered', async () => {
  // Astro's cache folder holds the pages under dist/, and the carry's record beside them.
  const cache = join(tempDir('board-carry-cache-'), 'dist');
  const out = tempDir('board-carry-out-');
  const pages = { 'h/H0001/index.html': '<p>户 H0001</p>', 'p/P0001/index.html': '<p>党员 P0001</p>'.repeat(5000) };
  for (const [rel, html] of Object.entries(pages)) {
    mkdirSync(join(cache, rel, '..'), { recursive: true });
    writeFileSync(join(cache, rel), html);
  }
  recordCode(cache, 'code-1');
  carryPages(cache, out, ['h/H0001/index.html', 'p/P0001/index.html', 'h/H0002/index.html'], 'code-1');
  expect(await pagesCarried()).toBe(2);
  expect(files(out)).toEqual(['h/H0001/index.html', 'p/P0001/index.html']);
  for (const [rel, html] of Object.entries(pages)) expect(readFileSync(join(out, rel), 'utf8')).toBe(html);
});

test('no cache yet (a first build): nothing is copied, and the pages are not held up', async () => {
  const out = tempDir('board-carry-out-');
  carryPages(join(out, 'no-cache-here'), out, ['h/H0001/index.html'], 'code-1');
  expect(await pagesCarried()).toBe(0);
  expect(files(out)).toEqual([]);
});

test('after a change to the templates or packages, nothing is copied ahead: Astro renders every page again', async () => {
  // Astro's cache folder holds the pages under dist/, and the carry's record beside them.
  const cache = join(tempDir('board-carry-cache-'), 'dist');
  const out = tempDir('board-carry-out-');
  mkdirSync(join(cache, 'h/H0001'), { recursive: true });
  writeFileSync(join(cache, 'h/H0001/index.html'), '<p>户 H0001</p>');
  recordCode(cache, 'code-1');
  carryPages(cache, out, ['h/H0001/index.html'], 'code-2');
  expect(await pagesCarried()).toBe(0);
  expect(files(out)).toEqual([]);
});
