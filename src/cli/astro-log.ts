/**
 * Astro's log during `npm run build`, taken as events through Astro's `logger` setting instead
 * of as the text its own logger prints. Astro's logger formats a clock time for every line (an
 * `Intl.DateTimeFormat` call) and writes it to stdout, where the build command took it apart
 * again: for a street's 17,000 pages that was 1.5–1.9 s of the build's thread (two lines a page).
 *
 * `--verbose` prints every line as well, in the same form, so a build's Astro config is the same
 * either way (a change of it makes Astro clear its content store).
 *
 * Astro imports this file itself (its logger entrypoint), and bundles a copy of it into the
 * pages' code for what is logged while pages render; `npm run build` says where the events go,
 * in a slot of the process that every copy reads.
 */
import { stripVTControlCharacters } from 'node:util';
import { processSlot } from '../build/context.ts';

/** What Astro's logger hands its destination. */
export interface AstroLogEvent {
  label: string | null;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  newLine: boolean;
}

const sink = processSlot<(event: AstroLogEvent) => void>('astro-log');

/** Where Astro's log events go from now on (the build command's log); nowhere said, they are printed. */
export function sendAstroLogTo(to: ((event: AstroLogEvent) => void) | undefined): void {
  if (to) sink.set(to);
  else sink.forget();
}

/** The destination Astro writes to (its logger entrypoint's default export). */
export default function astroLogDestination(): { write(event: AstroLogEvent): void } {
  return {
    write(event) {
      const to = sink.get();
      // Nowhere said: printed, so that nothing Astro says goes missing.
      if (to) to(event);
      else process.stdout.write(`${event.message}${event.newLine ? '\n' : ''}`);
    },
  };
}

/** This file, as Astro's `logger.entrypoint` takes it. */
export const astroLogEntrypoint = new URL(import.meta.url);

/**
 * Astro's log events as the lines of the build log: a clock time (worked out once a second),
 * `[WARN]`/`[ERROR]`, `[label]`, no colour codes, as Astro prints them. A page's line is one
 * line: its path, and "(restored)"/"(cached)" when Astro copied it from the build before. The
 * render time Astro adds to each page is left out: with eight pages in flight it landed on
 * other pages' lines.
 */
export function logLines(write: (line: string, page: boolean, error: boolean) => void): (event: AstroLogEvent) => void {
  let second = -1;
  let clock = '';
  const time = (): string => {
    const now = Date.now();
    const s = Math.floor(now / 1000);
    if (s !== second) {
      second = s;
      const d = new Date(now);
      clock = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
    }
    return clock;
  };
  // A page's line waits for what Astro says right after it: "(restored)" or "(cached)".
  let open: string | undefined;
  const close = (): void => {
    if (open !== undefined) write(`${open}\n`, true, false);
    open = undefined;
  };
  return (event) => {
    // No colour codes in the log (CI=true colours Astro's output); it is read in an editor.
    const message = event.message.includes('\x1b') ? stripVTControlCharacters(event.message) : event.message;
    if (event.label === 'SKIP_FORMAT') {
      if (open !== undefined && COPIED.test(message)) {
        write(`${open}${message.trimEnd()}\n`, true, false);
        open = undefined;
        return;
      }
      if (RENDER_TIME.test(message)) return;
    }
    close();
    const head =
      event.label === 'SKIP_FORMAT'
        ? ''
        : `${time()}${event.level === 'warn' || event.level === 'error' ? ` [${event.level.toUpperCase()}]` : ''}${event.label ? ` [${event.label}]` : ''} `;
    if (!event.newLine && event.label === null && PAGE.test(message)) {
      open = head + message;
      return;
    }
    const line = head + message;
    write(line.endsWith('\n') ? line : `${line}\n`, false, event.level === 'error');
  };
}

const PAGE = /^\s*[├└]─ /;
const COPIED = /^\s*\((restored|cached)\)\s*$/;
const RENDER_TIME = /^\s*\(\+[\d.]+m?s\)\s*$/;
