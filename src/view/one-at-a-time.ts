/**
 * The site's large generated files (the API's results and balances, the rankings as CSV) made
 * one at a time. Astro writes eight pages at once (astro.config.mjs): eight of a district's
 * 26 MB JSON files at once each held their text, their bytes and Astro's copy of them, and the
 * build's memory outside the heap rose from 0.5 to 1.5 GB at /api/ (read every second), its
 * peak. Here a file's text is made only once the build has taken the one before (read its
 * body), so at most two are in memory. The bytes are those `new Response(text)` would send.
 */

/** Settles when the file before has been taken. */
let previous: Promise<void> = Promise.resolve();

/**
 * If a body is never read (a dev server's request dropped before it), the next file waits
 * this long and then goes ahead: a file is never held back for good, only not made alongside.
 */
const GIVE_UP_MS = 10_000;

/** A response whose body is `make()`, made when the build has taken the last such response. */
export async function oneAtATime(make: () => string, headers: Record<string, string>): Promise<Response> {
  const before = previous;
  let taken!: () => void;
  previous = new Promise<void>((resolve) => {
    taken = resolve;
  });
  await before;
  let bytes: Uint8Array | undefined;
  try {
    bytes = Buffer.from(make(), 'utf8');
  } catch (e) {
    taken();
    throw e;
  }
  setTimeout(taken, GIVE_UP_MS).unref();
  // No queue (highWaterMark 0): the bytes are pulled when the build reads the body, not before.
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        controller.enqueue(bytes!);
        bytes = undefined;
        controller.close();
        taken();
      },
      cancel() {
        bytes = undefined;
        taken();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { headers });
}
