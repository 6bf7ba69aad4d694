/**
 * The print shop's page (dist/posters/index.html) at a district's size: 8 posters and the
 * points cards of two schemes for 1,050 units each. Every file is linked once, the cards sit
 * under their scheme's heading with the size and bleed said once, and the page stays under
 * the 200 KB a page may weigh (all 2,108 files in rows of their own made 616 KB).
 */
import { describe, expect, test } from 'vitest';
import { posterIndexHtml, type PosterManifestEntry } from '../../src/posters/index.ts';

const a4 = { size: 'A4' as const, widthMm: 210, heightMm: 297, bleed: 0, slugMm: 0, paperWidthMm: 210, paperHeightMm: 297, marginMm: 0 };
const poster = (id: string): PosterManifestEntry => ({ ...a4, file: `${id}.pdf`, title: `海报 ${id}`, pages: 2, size: 'A3', widthMm: 297, heightMm: 420, bleed: 3, slugMm: 5, paperWidthMm: 313, paperHeightMm: 436 });
const cards = (scheme: string, name: string, units: number): PosterManifestEntry[] =>
  Array.from({ length: units }, (_, i) => {
    const unit = `第${String(i + 1).padStart(4, '0')}网格`;
    return { ...a4, file: `cards/${scheme}-G${String(i + 1).padStart(4, '0')}.pdf`, title: `${name} · 积分卡 · ${unit}`, pages: 1 + (i % 7), group: `${name} · 积分卡`, item: unit };
  });

describe('the print shop’s page for a district', () => {
  const files = [
    ...Array.from({ length: 8 }, (_, i) => poster(`ranking-${i}`)),
    ...cards('credit', '家庭信义积分', 1050),
    ...cards('volunteer', '志愿服务积分', 1050),
  ].sort((a, b) => (a.file < b.file ? -1 : 1));
  const html = posterIndexHtml({ files });

  test('every file is linked once, and the page weighs under 200 KB', () => {
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(links.sort()).toEqual(files.map((f) => f.file).sort());
    expect(Buffer.byteLength(html)).toBeLessThan(200 * 1024);
  });

  test('the cards come under their scheme’s heading, each by its unit and pages, the size and bleed said once', () => {
    expect(html.match(/<h2>家庭信义积分 · 积分卡<\/h2>/g)).toHaveLength(1);
    expect(html.match(/<h2>志愿服务积分 · 积分卡<\/h2>/g)).toHaveLength(1);
    expect(html).toContain('1050 个文件，每个 A4，210 × 297 毫米；出血：无；四边留白 0 毫米');
    expect(html).toContain('<li><a href="cards/credit-G0003.pdf">第0003网格</a> 3 页</li>');
    // The posters keep their rows: title, file, size, pages and bleed.
    expect(html).toMatch(/<td><a href="ranking-0\.pdf">海报 ranking-0<\/a><br><span class="file">ranking-0\.pdf<\/span><\/td>\s*<td>A3，297 × 420 毫米<\/td>/);
  });

  test('a file of a group whose size differs from the first says its own', () => {
    const odd = cards('credit', '家庭信义积分', 3);
    odd[2] = { ...odd[2]!, size: 'A3', widthMm: 297, heightMm: 420 };
    expect(posterIndexHtml({ files: odd })).toContain('第0003网格</a> 3 页，A3，297 × 420 毫米；无；四边留白 0 毫米</li>');
  });

  test('what editors typed is escaped', () => {
    const html = posterIndexHtml({ files: [{ ...cards('credit', '家庭信义积分', 1)[0]!, group: '<b>组</b>', item: '"网格"<script>' }] });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;b&#62;组&#60;/b&#62;');
  });
});
