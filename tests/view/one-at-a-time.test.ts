/**
 * The large generated files (API results, CSV exports) are made one at a time: a file's text
 * is made only once the build has taken the file before, so a district's eight 26 MB files
 * are never all in memory together. The bytes are those a plain response would carry.
 */
import { expect, test } from 'vitest';
import { oneAtATime } from '../../src/view/one-at-a-time.ts';

const tick = () => new Promise((r) => setTimeout(r, 20));

test('the next file is made only once the one before has been taken, and the bytes are the plain response’s', async () => {
  const made: string[] = [];
  const make = (name: string, text: string) => () => {
    made.push(name);
    return text;
  };
  const headers = { 'Content-Type': 'application/json; charset=utf-8' };
  // As Astro asks for eight at once.
  const first = oneAtATime(make('a', '{"名":"张三"}\n'), headers);
  const second = oneAtATime(make('b', '\uFEFF编号,积分\r\n'), headers);
  const third = oneAtATime(make('c', 'x'), headers);
  const a = await first;
  await tick();
  expect(made).toEqual(['a']);
  const aBytes = Buffer.from(await a.arrayBuffer());
  expect(aBytes.equals(Buffer.from(await new Response('{"名":"张三"}\n').arrayBuffer()))).toBe(true);
  expect(a.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  const b = await second;
  expect(made).toEqual(['a', 'b']);
  // A byte-order mark stays the three bytes Excel looks for.
  expect([...Buffer.from(await b.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  await (await third).arrayBuffer();
  expect(made).toEqual(['a', 'b', 'c']);
});

test('a body dropped unread (a request cancelled), or a file that fails, does not hold up the next', async () => {
  const cancelled = await oneAtATime(() => 'one', {});
  const next = oneAtATime(() => 'two', {});
  await cancelled.body!.cancel();
  expect(await (await next).text()).toBe('two');
  await expect(
    oneAtATime(() => {
      throw new Error('no such ranking');
    }, {}),
  ).rejects.toThrow('no such ranking');
  expect(await (await oneAtATime(() => 'three', {})).text()).toBe('three');
});
