/**
 * A check under way while the build starts (src/cli/build.ts runs it alongside Astro's start),
 * and the build's wait for it (src/check/integration.ts). Kept on the process: the
 * integration is loaded apart from the command's modules. This module imports nothing heavy,
 * so Astro's config loads as fast as before.
 */
import { processSlot } from '../build/context.ts';

const inFlight = processSlot<Promise<void>>('check-in-flight');

/**
 * Tells the build that starts in this process that a check is under way: `handed` settles
 * when it has been handed over (`handOver`, check.ts), or rejects when the data has errors
 * and nothing is to be built.
 */
export function checkUnderWay(handed: Promise<void>): void {
  handed.catch(() => {}); // the build's start awaits it; a build that failed before that does not
  inFlight.set(handed);
}

/** Waits for the check under way in this process, if any, to be handed over. */
export async function checkHandedOver(): Promise<void> {
  const handed = inFlight.get();
  if (!handed) return;
  inFlight.forget();
  await handed;
}
