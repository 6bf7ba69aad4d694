/** The build's last line says what it made and how long it took, read off Astro's log. */
import { describe, expect, test } from 'vitest';
import { noFigures, readFigures } from '../../src/cli/build-log.ts';

const read = (...lines: string[]) => {
  const f = noFigures();
  for (const l of lines) readFigures(f, l);
  return f;
};

describe('the figures of the build’s last line', () => {
  test('under a minute', () => {
    expect(read('18:19:58 [build] 17165 page(s) built in 49.09s')).toMatchObject({ pages: 17165, seconds: 49.1 });
  });

  test('past a minute Astro writes minutes and seconds: a street build said 用时 0 秒 before', () => {
    expect(read('18:22:21 [build] 17165 page(s) built in 1m 4s')).toMatchObject({ pages: 17165, seconds: 64 });
    expect(read('[build] 152030 page(s) built in 65m 49.5s')).toMatchObject({ seconds: 3949.5 });
  });

  test('posters and pictures', () => {
    expect(read('[points-board-posters] 8 posters, 622 pages: 7 rendered, 1 from cache (4519 ms, alongside the pages, on a worker thread)', '[points-board-tv-pictures] TV pictures: 21 drawn, 0 from cache with the new stamp (9175 ms, on 2 worker threads, alongside the pages); 21 files'))
      .toMatchObject({ posters: 8, posterPages: 622, pictures: 21 });
  });
});
