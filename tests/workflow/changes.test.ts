import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkProject } from '../../src/check/check.ts';
import { computeBoard, latestDate } from '../../src/view/board.ts';
import { dataVersion } from '../../src/data/version.ts';
import { computeChanges } from '../../src/history/changes.ts';
import { fixture } from '../helpers/fixture.ts';
import { buildSite } from '../helpers/build.ts';
import { serve, launchChromium } from '../helpers/serve.ts';
import { seriousViolations, overflows } from '../helpers/axe.ts';
import { tempDir } from '../helpers/temp.ts';

const LEDGER = 'data/ledger/2022-01-households.csv';

/** A git repository holding the base fixture, committed once; returns the root and a git runner. */
function repo() {
  const root = fixture();
  const git = (...a: string[]) =>
    execFileSync('git', ['-C', root, '-c', 'user.email=t@example.org', '-c', 'user.name=t', ...a], {
      encoding: 'utf8',
      env: { ...process.env, GIT_COMMITTER_DATE: '2023-01-05T10:00:00Z', GIT_AUTHOR_DATE: '2023-01-05T10:00:00Z' },
    }).trim();
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'January published');
  return { root, git, first: git('rev-parse', 'HEAD') };
}

/** H2's discretionary reward in January goes from 8 to 12 points (H2 overtakes H1). */
function raiseH2(root: string) {
  const file = join(root, LEDGER);
  writeFileSync(file, readFileSync(file, 'utf8').replace('H2,C02,8,', 'H2,C02,12,'));
}

// The check and the computation are what the build runs; a fresh cache folder per test run.
const cache = tempDir('board-changes-cache-');
beforeAll(() => {
  process.env.BOARD_CHANGES_CACHE = cache;
});
afterAll(() => {
  delete process.env.BOARD_CHANGES_CACHE;
});

function changesOf(root: string) {
  const { dataset, problems, files } = checkProject(root);
  expect(problems.errors).toEqual([]);
  const board = computeBoard(dataset, dataVersion(root, files, latestDate(dataset)));
  return { board, changes: computeChanges(board, root) };
}

describe('本期变动 (changes since the previous publication)', () => {
  test('a committed change is compared with the commit before it: exactly the subjects it moves, and the file it touched', () => {
    const { root, git, first } = repo();
    raiseH2(root);
    git('commit', '-qam', 'H2 corrected');
    const { board, changes } = changesOf(root);
    expect(board.version.source).toBe('git');
    expect(changes.status).toBe('compared');
    expect(changes.base).toEqual({ id: first.slice(0, 12), full: first, date: '2023-01-05' });
    expect(changes.files).toEqual([{ file: LEDGER, added: 1, changed: 0, removed: 1 }]);
    const moved = changes.forPeriod('credit', '2022-01').map((s) => [s.id, s.before?.total, s.before?.rank, s.after?.total, s.after?.rank]);
    // The bigger move first: H2 +4 points and up to first; H1 keeps 10 points but drops to second.
    expect(moved).toEqual([['H2', 8, 2, 12, 1], ['H1', 10, 1, 10, 2]]);
    // Every period with a change is one the ledger row belongs to, and nothing else moved.
    const all = changes.periods.flatMap((p) => p.subjects.map((s) => `${p.scheme} ${p.period} ${s.id}`));
    expect(all.every((x) => x.startsWith('credit ') && / H[12]$/.test(x))).toBe(true);
    expect(changes.balances).toEqual([{ scheme: 'credit', id: 'H2', name: expect.any(String), before: 8, after: 12 }]);
  });

  test('an uncommitted change is compared with the last commit', () => {
    const { root, first } = repo();
    raiseH2(root);
    const { board, changes } = changesOf(root);
    expect(board.version.source).toBe('hash');
    expect(changes.base?.full).toBe(first);
    expect(changes.forPeriod('credit', '2022-01').map((s) => s.id)).toEqual(['H2', 'H1']);
  });

  test('the tag `published` marks the previous publication: commits after it are compared together', () => {
    const { root, git, first } = repo();
    git('tag', 'published');
    raiseH2(root);
    git('commit', '-qam', 'H2 corrected');
    writeFileSync(join(root, 'content/readme.txt'), 'not data\n');
    git('add', '-A');
    git('commit', '-qm', 'a second change after the publication');
    const { changes } = changesOf(root);
    expect(changes.base?.full).toBe(first);
    expect(changes.forPeriod('credit', '2022-01').map((s) => s.id)).toEqual(['H2', 'H1']);
    // Once the tag moves to what is built, the comparison goes back to the data commit before it.
    git('tag', '-f', 'published');
    const again = changesOf(root).changes;
    expect(again.base?.full).toBe(git('rev-parse', 'HEAD~1'));
    expect(again.periods).toEqual([]);
  });

  test('the first publication, and data outside git, say there is nothing to compare', () => {
    const { root } = repo();
    expect(changesOf(root).changes.status).toBe('first');
    expect(changesOf(fixture()).changes.status).toBe('no-git');
  });

  test('a previous publication whose data fails the check is named, not compared', () => {
    const { root, git } = repo();
    const file = join(root, LEDGER);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('H2,C02,8,', 'H404,C02,8,'));
    git('commit', '-qam', 'a bad row slipped into history');
    const bad = git('rev-parse', 'HEAD');
    writeFileSync(file, good);
    git('commit', '-qam', 'fixed');
    const { changes } = changesOf(root);
    expect(changes.status).toBe('base-errors');
    expect(changes.base?.full).toBe(bad);
  });
});

describe('本期变动 on the built site', () => {
  test('the ranking page of the period and /changes/ list who moved; /api/changes.json has the figures', async () => {
    const { root, git, first } = repo();
    raiseH2(root);
    git('commit', '-qam', 'H2 corrected');
    const out = buildSite(root, { BOARD_CHANGES_CACHE: cache });
    const ranking = readFileSync(join(out, 'rankings/credit/2022-01/index.html'), 'utf8');
    const section = ranking.split('class="period-changes"')[1]!;
    expect(section).toContain('本期有 2 个对象的总分、名次或等次发生变化。');
    expect(section).toContain(first.slice(0, 12));
    expect(section.indexOf('href="/h/H2/"')).toBeGreaterThan(-1);
    expect(section.indexOf('href="/h/H2/"')).toBeLessThan(section.indexOf('href="/h/H1/"'));
    expect(section).toContain('8 分 · 第 2 名');
    expect(section).toContain('12 分 · 第 1 名');
    // A period the row does not belong to says nothing changed.
    const other = readFileSync(join(out, 'rankings/party/2022/index.html'), 'utf8');
    expect(other.split('class="period-changes"')[1]).toContain('与上一次公示相比，本期结果没有变化。');
    const page = readFileSync(join(out, 'changes/index.html'), 'utf8');
    expect(page).toContain(`<code>${LEDGER}</code>`);
    expect(page).toContain('id="credit-2022-01"');
    const api = JSON.parse(readFileSync(join(out, 'api/changes.json'), 'utf8'));
    expect(api.base.commit).toBe(first);
    expect(api.files).toEqual([{ file: LEDGER, added: 1, changed: 0, removed: 1 }]);
    const jan = api.periods.find((p: { scheme: string; period: string }) => p.scheme === 'credit' && p.period === '2022-01');
    expect(jan.subjects.map((s: { id: string; before: { total: number }; after: { total: number } }) => [s.id, s.before.total, s.after.total])).toEqual([['H2', 8, 12], ['H1', 10, 10]]);

    // On a phone: readable, no sideways scrolling, no serious accessibility problem; links lead to passbooks.
    const site = await serve(out);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, bypassCSP: true });
      for (const path of ['/changes/', '/rankings/credit/2022-01/']) {
        await page.goto(`${site.url}${path}`);
        expect(await seriousViolations(page), path).toEqual([]);
        expect(await overflows(page), path).toBe(false);
      }
      await page.goto(`${site.url}/changes/`);
      await page.locator('#credit-2022-01 a[href="/h/H2/"]').click();
      expect(page.url()).toBe(`${site.url}/h/H2/`);
    } finally {
      await browser.close();
      await site.close();
    }
  });
});
