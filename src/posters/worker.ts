/**
 * A worker thread that renders posters' bodies for `renderPosters`, so a large build uses
 * every core and each poster's garbage stays out of the build's large heap. It renders with
 * the default fonts: the batch sends work here only when it uses them too.
 */
import { parentPort } from 'node:worker_threads';
import type { PosterDoc } from './doc.ts';
import { defaultPosterFonts } from '../render/fonts.ts';
import { renderPosterBody } from './render.ts';

export interface WorkerTask {
  id: number;
  doc: PosterDoc;
  apart: boolean;
}

parentPort!.on('message', (task: WorkerTask) => {
  renderPosterBody(task.doc, defaultPosterFonts(), { apart: task.apart }).then(
    (body) => parentPort!.postMessage({ id: task.id, body }),
    (e: unknown) => parentPort!.postMessage({ id: task.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
