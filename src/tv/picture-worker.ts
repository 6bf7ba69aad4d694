/**
 * The worker thread that draws TV pictures for `png.ts`, with the default fonts: a task in, the
 * PNG bytes out (moved, not copied), and whether it was drawn or taken from the cache.
 */
import { parentPort } from 'node:worker_threads';
import { renderPicture, type PictureTask } from './draw.ts';

parentPort!.on('message', ({ id, task }: { id: number; task: PictureTask }) => {
  renderPicture(task).then(
    ({ png, drawn }) => {
      const bytes = new Uint8Array(png); // its own buffer, to move
      parentPort!.postMessage({ id, png: bytes, drawn }, [bytes.buffer]);
    },
    (e: unknown) => parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e) }),
  );
});
