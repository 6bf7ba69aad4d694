/**
 * The shape of the code (docs/architecture.md), checked on every run so it stays the shape:
 * which layer may import which, where the environment is read, where the process keeps
 * things, and that the pages take their addresses from one place. A reader who opens a layer
 * can trust what the architecture page says of it.
 */
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|astro|mjs)$/.test(name) ? [path] : [];
  });
}

const FILES = filesUnder(SRC).map((path) => ({ path, rel: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** The files of src/ a file imports (relative imports, static and dynamic), as paths from the repository. */
function importsOf(file: { path: string; text: string }): string[] {
  const found = [...file.text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return found.map((spec) => relative(ROOT, resolve(dirname(file.path), spec)));
}

const layer = (rel: string) => rel.split('/')[1]!;

describe('layers', () => {
  test('src/schema/ imports nothing outside itself', () => {
    const bad = FILES.filter((f) => layer(f.rel) === 'schema').flatMap((f) => importsOf(f).filter((i) => layer(i) !== 'schema').map((i) => `${f.rel} → ${i}`));
    expect(bad).toEqual([]);
  });

  test('src/domain/ imports only src/schema/ and itself: the rules are pure', () => {
    const bad = FILES.filter((f) => layer(f.rel) === 'domain').flatMap((f) => importsOf(f).filter((i) => !['schema', 'domain'].includes(layer(i))).map((i) => `${f.rel} → ${i}`));
    expect(bad).toEqual([]);
  });

  test('src/domain/ touches no file, process or clock', () => {
    const bad = FILES.filter((f) => layer(f.rel) === 'domain' && /from 'node:(fs|child_process|worker_threads)'|process\.|Date\.now|new Date\(\)/.test(f.text)).map((f) => f.rel);
    expect(bad).toEqual([]);
  });

  test('pages, components and layouts import nothing from src/build/', () => {
    const bad = FILES.filter((f) => ['pages', 'components', 'layouts'].includes(layer(f.rel))).flatMap((f) => importsOf(f).filter((i) => layer(i) === 'build').map((i) => `${f.rel} → ${i}`));
    expect(bad).toEqual([]);
  });
});

describe('the build’s plumbing in one place', () => {
  test('process.env is read only by the build context and src/cli/', () => {
    const bad = FILES.filter((f) => /process\.env/.test(f.text) && f.rel !== 'src/build/context.ts' && layer(f.rel) !== 'cli').map((f) => f.rel);
    expect(bad).toEqual([]);
  });

  test('one module keeps things on the process', () => {
    expect(FILES.filter((f) => /globalThis|Symbol\.for\(/.test(f.text)).map((f) => f.rel)).toEqual(['src/build/context.ts']);
  });

  test('pages and components take section addresses from src/view/routes.ts', () => {
    const sections = /(['"`])\/(search|rankings|stars|shop|honors|notices|news|rules|changes|posters|exports|tv|p|h|m|u)\/\1/;
    const bad = FILES.filter((f) => f.rel !== 'src/view/routes.ts' && !f.rel.startsWith('src/i18n') && sections.test(f.text.replace(/^\s*(\*|\/\/).*$/gm, ''))).map((f) => f.rel);
    expect(bad).toEqual([]);
  });
});
