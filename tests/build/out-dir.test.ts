/**
 * The output folder is emptied by moving the last build's files aside and deleting them while
 * the build runs (src/build/out-dir.ts). What a user relies on: a build into the folder of the last
 * one leaves exactly the new site there (no file of the old one, `.git` kept for a gh-pages
 * checkout), and nothing beside it.
 */
import { describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSiteWithLog, hashTree } from '../helpers/build.ts';
import { fixture } from '../helpers/fixture.ts';
import { emptyAside } from '../../src/build/out-dir.ts';
import { tempDir } from '../helpers/temp.ts';

const env = { BOARD_TV_PICTURES: 'off', BOARD_POSTERS: 'off' };

describe('building into the folder of the last build', () => {
  test('the old files are gone, .git stays, nothing is left beside it, and the site equals a build into a new folder', () => {
    const root = fixture();
    const parent = tempDir('board-out-');
    const out = join(parent, 'dist');
    buildSiteWithLog(root, env, out);
    writeFileSync(join(out, 'stale.html'), 'a page the data no longer has');
    mkdirSync(join(out, 'p', 'GONE'), { recursive: true });
    writeFileSync(join(out, 'p', 'GONE', 'index.html'), 'a passbook of someone who left');
    mkdirSync(join(out, '.git'));
    writeFileSync(join(out, '.git', 'HEAD'), 'ref: refs/heads/gh-pages\n');
    const again = buildSiteWithLog(root, env, out);
    expect(again.log).toMatch(/the last build's files removed alongside this one/);
    expect(existsSync(join(out, 'stale.html'))).toBe(false);
    expect(existsSync(join(out, 'p', 'GONE'))).toBe(false);
    expect(existsSync(join(out, '.git', 'HEAD'))).toBe(true);
    expect(readdirSync(parent)).toEqual(['dist']);
    const { ['.git/HEAD']: _git, ...site } = hashTree(out);
    expect(site).toEqual(hashTree(buildSiteWithLog(root, env).out));
    // BOARD_EMPTY_ASIDE=off leaves the emptying to Astro: the same site after (Astro means to
    // keep .git too, but its list of names to keep is `new Set(".git")`: four letters).
    writeFileSync(join(out, 'stale.html'), 'a page the data no longer has');
    const astroEmptied = buildSiteWithLog(root, { ...env, BOARD_EMPTY_ASIDE: 'off' }, out);
    expect(astroEmptied.log).not.toMatch(/removed alongside/);
    expect(hashTree(out)).toEqual(site);
  });

  test('a folder left aside by a stopped build is removed by the next', async () => {
    const parent = tempDir('board-out-');
    const out = join(parent, 'dist');
    mkdirSync(join(out, 'p'), { recursive: true });
    writeFileSync(join(out, 'index.html'), 'old');
    mkdirSync(join(parent, '.dist-old-99999', 'h'), { recursive: true });
    writeFileSync(join(parent, '.dist-old-99999', 'h', 'index.html'), 'left by a stopped build');
    // A folder of the user's with a like name is not the build's to remove.
    mkdirSync(join(parent, '.dist-old-backup'));
    await emptyAside(out);
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(parent).sort()).toEqual(['.dist-old-backup', 'dist']);
  });
});
