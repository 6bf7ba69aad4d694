import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, tokenizer } from 'acorn';
import { PROJECT } from '../helpers/build.ts';

/**
 * The TV's own files run on old TV browsers and Android boxes: plain ES5 (no arrow functions,
 * let, const, template strings, classes, modules), and XMLHttpRequest instead of fetch.
 */
const file = (name: string) => readFileSync(join(PROJECT, 'public', 'tv', name), 'utf8');

describe('public/tv scripts', () => {
  for (const name of ['tv.js', 'sw.js']) {
    test(`${name} parses as ECMAScript 5`, () => {
      expect(() => parse(file(name), { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    });
  }

  test('the ES5 check rejects what an old browser cannot run', () => {
    for (const code of ['var f = () => 1;', 'let a = 1;', 'const a = 1;', 'var s = `x`;', 'f(a,);', 'import x from "y";']) {
      expect(() => parse(code, { ecmaVersion: 5, sourceType: 'script' }), code).toThrow();
    }
  });

  test('the player asks the network with XMLHttpRequest only', () => {
    const code = file('tv.js');
    const names = [...tokenizer(code, { ecmaVersion: 5 })].filter((t) => t.type.label === 'name').map((t) => code.slice(t.start, t.end));
    expect(names).toContain('XMLHttpRequest');
    expect(names).not.toContain('fetch');
  });

  test('the stylesheet uses no custom properties and no gap (old WebViews)', () => {
    const css = file('tv.css').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(css).not.toMatch(/var\(--|^\s*--|[{;]\s*gap\s*:/m);
  });
});
