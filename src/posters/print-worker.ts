/** The worker thread that draws the print shop's folder while the pages are written (`print.ts`). */
import { parentPort, workerData } from 'node:worker_threads';
import { runPrintJob, type PrintJob } from './print.ts';
import { giveWayToTheBuild } from '../build/background.ts';

giveWayToTheBuild();

const { job, outDir } = workerData as { job: PrintJob; outDir: string };
runPrintJob(job, outDir).then(
  (printed) => parentPort!.postMessage({ printed }),
  (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
);
