import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProject } from '../../src/check/check.ts';
import { computeBoard } from '../../src/view/board.ts';
import { fixture, FIXTURES } from '../helpers/fixture.ts';

const NOTICE = readFileSync(join(FIXTURES, '_base/content/notices/party-2022.mdx'), 'utf8');
const version = (date: string) => ({ id: 'test', full: 'test', source: 'hash' as const, date });

describe('notices', () => {
  test('a notice past its expires date leaves the board (and so the site and its poster)', () => {
    const root = fixture(undefined, { 'content/notices/party-2022.mdx': NOTICE.replace('end: 2023-01-11', 'end: 2023-01-11\nexpires: 2023-03-01') });
    const { dataset, problems } = checkProject(root);
    expect(problems.errors).toEqual([]);
    expect(computeBoard(dataset, version('2023-02-28')).notices.map((n) => n.slug)).toEqual(['party-2022']);
    expect(computeBoard(dataset, version('2023-03-02')).notices).toEqual([]);
  });

  test('the notice page links to the poster file the build writes', () => {
    const { dataset } = checkProject(fixture());
    expect(computeBoard(dataset, version('2023-01-01')).notices[0]!.posterHref).toBe('/posters/notice-party-2022.pdf');
  });
});
