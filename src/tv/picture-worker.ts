/**
 * A worker thread of `pool.ts` that draws TV pictures with the default fonts: a task in; the
 * PNG bytes out (moved, not copied), or written to the task's `out` file when it names one
 * (the build's pictures, which the build's thread never needs to hold); and whether it was
 * drawn or taken from the cache.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { renderPicture, type PictureTask } from './draw.ts';

parentPort!.on('message', ({ id, task }: { id: number; task: PictureTask }) => {
  renderPicture(task).then(
    ({ png, drawn }) => {
      if (task.out) {
        mkdirSync(dirname(task.out), { recursive: true });
        writeFileSync(task.out, png);
        parentPort!.postMessage({ id, drawn });
        return;
      }
      const bytes = new Uint8Array(png); // its own buffer, to move
      parentPort!.postMessage({ id, png: bytes, drawn }, [bytes.buffer]);
    },
    (e: unknown) => parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e) }),
  ).catch((e: unknown) => parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e) }));
});
