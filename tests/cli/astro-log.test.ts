/**
 * The build log as someone reading it after a build sees it: Astro's events made into whole
 * lines, a page's path and whether it was copied on one line, nothing of a colour code.
 */
import { describe, expect, test } from 'vitest';
import astroLogDestination, { logLines, sendAstroLogTo, type AstroLogEvent } from '../../src/cli/astro-log.ts';

const ev = (label: string | null, message: string, newLine = true, level: AstroLogEvent['level'] = 'info'): AstroLogEvent => ({ label, level, message, newLine });

function lines(...events: AstroLogEvent[]): { text: string; pages: string[]; errors: string[] } {
  const out = { text: '', pages: [] as string[], errors: [] as string[] };
  const take = logLines((line, page, error) => {
    out.text += line;
    if (page) out.pages.push(line);
    if (error) out.errors.push(line);
  });
  for (const e of events) take(e);
  return out;
}

const TIME = /^\d\d:\d\d:\d\d /;

describe('Astro’s log as the lines of the build log', () => {
  test('a step’s line carries the clock time and its label, a warning says so', () => {
    const { text } = lines(ev('build', 'Collecting build info...'), ev('content', 'The collection "news" does not exist or is empty.', true, 'warn'));
    const [a, b] = text.split('\n');
    expect(a).toMatch(TIME);
    expect(a!.replace(TIME, '')).toBe('[build] Collecting build info...');
    expect(b!.replace(TIME, '')).toBe('[WARN] [content] The collection "news" does not exist or is empty.');
  });

  test('eight pages in flight: each page is one line, without the render times that landed on other pages’ lines', () => {
    // What Astro says while rendering two pages at once: a path (no newline), another path, then the two times.
    const { text, pages } = lines(
      ev(null, '  ├─ /h/H1/index.html', false),
      ev(null, '  ├─ /h/H2/index.html', false),
      ev('SKIP_FORMAT', ' (+7ms) '),
      ev('SKIP_FORMAT', ' (+9ms) '),
      ev('build', '✓ Completed in 28.04s.'),
    );
    expect(pages.map((l) => l.replace(TIME, ''))).toEqual(['  ├─ /h/H1/index.html\n', '  ├─ /h/H2/index.html\n']);
    expect(text).not.toMatch(/\+\d+ms/);
    expect(text.trimEnd().split('\n').at(-1)!.replace(TIME, '')).toBe('[build] ✓ Completed in 28.04s.');
  });

  test('a page copied from the build before says so on its own line (the incremental tests read it there)', () => {
    const { pages } = lines(ev(null, '  ├─ /p/P1/index.html', false), ev('SKIP_FORMAT', ' (restored)'), ev(null, '  ├─ /p/P2/index.html', false), ev('SKIP_FORMAT', ' (cached)'));
    expect(pages.map((l) => l.replace(TIME, ''))).toEqual(['  ├─ /p/P1/index.html (restored)\n', '  ├─ /p/P2/index.html (cached)\n']);
  });

  test('no colour codes in the log (CI=true colours Astro’s output)', () => {
    const { text } = lines(ev(null, '  \x1b[34m├─\x1b[39m \x1b[2m/h/H1/index.html\x1b[22m', false), ev('build', '\x1b[32m✓ Completed in 1.00s.\x1b[39m'));
    expect(text).not.toContain('\x1b');
    expect(text).toContain('├─ /h/H1/index.html\n');
  });

  test('an error is marked as one, and what Astro adds to a page’s time is kept when it is more than a time', () => {
    const { errors, text } = lines(ev('build', 'Caught error rendering /h/H1/', true, 'error'), ev('SKIP_FORMAT', ' (+2ms) (file not created, response body was empty)'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.replace(TIME, '')).toBe('[ERROR] [build] Caught error rendering /h/H1/\n');
    expect(text).toContain('(file not created, response body was empty)');
  });

  test('the destination Astro loads hands every event to where the build said', () => {
    const seen: AstroLogEvent[] = [];
    sendAstroLogTo((e) => seen.push(e));
    astroLogDestination().write(ev('build', 'Complete!'));
    expect(seen).toEqual([ev('build', 'Complete!')]);
  });

  test('once the build has closed its log, what Astro still says is printed, not lost or written to a closed file', () => {
    const seen: AstroLogEvent[] = [];
    sendAstroLogTo((e) => seen.push(e));
    sendAstroLogTo(undefined);
    const printed: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (printed.push(chunk), true)) as typeof process.stdout.write;
    try {
      astroLogDestination().write(ev('build', 'late line'));
    } finally {
      process.stdout.write = write;
    }
    expect(seen).toEqual([]);
    expect(printed).toEqual(['late line\n']);
  });
});
