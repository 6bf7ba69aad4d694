/**
 * The data version goes into every copied page's head and footer after the pages are written.
 * Large pages are read at both ends only; whatever the page's size and wherever its footer
 * starts, no placeholder may be left for a resident to see.
 */
import { expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stampFiles } from '../../src/build/stamp.ts';
import { tempDir } from '../helpers/temp.ts';

const VERSION = '@@board:version:0000000000000000000@@';
const DATE = '@@board:date:000000000@@';
const marks: [Buffer, Buffer][] = [
  [Buffer.from(VERSION), Buffer.from('sha256-9680181f9ba8'.padEnd(VERSION.length, ' '))],
  [Buffer.from(DATE), Buffer.from('2022年12月31日'.padEnd(DATE.length - 8, ' '))],
];

const page = (body: string, footer: string) =>
  `<!doctype html><html><head><title>账本</title><meta name="data-version" content="${VERSION}" /></head><body><main>${body}</main>` +
  `<footer class="footer"><p>数据版本：<code>${VERSION}</code>（${DATE}）</p>${footer}</footer></body></html>`;

test('small, large, and large with a long footer: every placeholder is filled, nothing else changes', () => {
  const dir = tempDir('board-stamp-');
  const cases = {
    small: page('<p>一行</p>', ''),
    large: page('<p>张三 参加楼道清理 +2</p>'.repeat(3000), ''),
    // The footer starts more than 16 KB before the end: the page's end does not hold it whole.
    longFooter: page('<p>一行</p>'.repeat(3000), '<p>监督电话</p>'.repeat(2000)),
  };
  const files = Object.entries(cases).map(([name, html]) => {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    return file;
  });
  expect(Buffer.byteLength(cases.large)).toBeGreaterThan(64 * 1024);
  stampFiles(files, marks);
  for (const [i, html] of Object.values(cases).entries()) {
    const out = readFileSync(files[i]!, 'utf8');
    expect(out).not.toContain('@@board:');
    expect(out).toBe(html.replaceAll(VERSION, marks[0]![1].toString()).replaceAll(DATE, marks[1]![1].toString()));
  }
});
