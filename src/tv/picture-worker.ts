/**
 * A worker thread of `pool.ts` that draws TV pictures with the default fonts, one after the
 * other: a task in; the
 * PNG bytes out (moved, not copied), or written to the task's `out` file when it names one
 * (the build's pictures, which the build's thread never needs to hold); and whether it was
 * drawn or taken from the cache.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { renderPicture, type PictureTask } from './draw.ts';
import { giveWayToTheBuild } from '../build/background.ts';

giveWayToTheBuild();

// One picture at a time, in the order they come: the build sends several ahead, so that the
// worker never waits on the build's thread (busy writing pages) for its next task, and drawing
// two at once (satori awaits) grew a worker's memory threefold.
const queue: { id: number; task: PictureTask }[] = [];
let running = false;

async function drain(): Promise<void> {
  running = true;
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { id, task } = next;
    try {
      const { png, drawn } = await renderPicture(task);
      if (task.out) {
        mkdirSync(dirname(task.out), { recursive: true });
        writeFileSync(task.out, png);
        parentPort!.postMessage({ id, drawn });
      } else {
        const bytes = new Uint8Array(png); // its own buffer, to move
        parentPort!.postMessage({ id, png: bytes, drawn }, [bytes.buffer]);
      }
    } catch (e) {
      parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
    }
    // Back to the event loop between pictures: resvg's pixels (8 MB each, outside V8's heap)
    // are freed by finalizers that run there. Without it, drawing 102 pictures back to back
    // held 3 GB.
    await new Promise((resolve) => setImmediate(resolve));
  }
  running = false;
}

parentPort!.on('message', (m: { id: number; task: PictureTask }) => {
  queue.push(m);
  if (!running) void drain();
});
