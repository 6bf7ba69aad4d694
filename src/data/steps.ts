/**
 * A long piece of work written once and run two ways: at once (`npm run check`, the tests), or
 * alongside other work on the same thread (`npm run build` checks the data while Astro starts,
 * src/cli/build.ts). The work is a generator that yields where it may pause: nothing (a turn for
 * whatever else is waiting) or a wait on a slot the read workers count in (split-read.ts).
 */

/** Where a piece of work may pause: a turn for others, or a wait until `state[index]` is no longer `value` (at most `ms`). */
export type Pause = undefined | { state: Int32Array; index: number; value: number; ms: number };

export type Steps<T> = Generator<Pause, T, void>;

/** Runs the steps to the end on this thread, blocking at each wait. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const p = step.value;
    if (p) Atomics.wait(p.state, p.index, p.value, p.ms);
  }
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs the steps, letting this thread's other work run at each pause (a wait does not block it). */
export async function runAlongside<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const p = step.value;
    const wait = p ? Atomics.waitAsync(p.state, p.index, p.value, p.ms) : undefined;
    if (wait?.async) {
      // A wait alone does not keep the process alive: a timer as long does.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([wait.value, new Promise((resolve) => (timer = setTimeout(resolve, p!.ms)))]);
      clearTimeout(timer);
    } else await turn();
  }
}
