/**
 * A worker of `startReading` (split-read.ts): takes the next file of the table in turn with
 * the build's thread or the other workers, reads and validates it exactly as the build's
 * thread would, and sends its rows as columns with its problems. The files' bytes are in one
 * buffer all the threads share (a file converted on the build's thread comes as a shared copy of its own).
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { Problems } from '../check/errors.ts';
import { tables, type Table } from '../schema/tables.ts';
import { readFileRows, RowEncoder, SHARED_SLOTS, fileSlot, type FileDone, type FileElsewhere, type SharedFiles } from './split-read.ts';

const { port, state, table: tableName, shared } = workerData as { port: MessagePort; state: Int32Array; table: keyof typeof tables; shared: SharedFiles };
const files = shared.files;
const table = tables[tableName] as unknown as Table;
const { NEXT, BUSY, REPORTED, PENDING, SHARED, ELSEWHERE } = SHARED_SLOTS;
/** Files not in their place, as the build's thread sent them (before it said so in their state). */
const elsewhere = new Map<number, Uint8Array>();

/** File `index`'s bytes: in its place, or as sent; undefined when it could not be read at all. */
function bytesOf(index: number, start: number): Uint8Array | undefined {
  const slot = fileSlot(files.length, index);
  const now = Atomics.load(state, slot.state);
  if (now === SHARED) return new Uint8Array(shared.buffer, start, Atomics.load(state, slot.length));
  if (now !== ELSEWHERE) return undefined;
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    const sent = m.message as FileElsewhere;
    elsewhere.set(sent.index, sent.bytes);
  }
  const bytes = elsewhere.get(index);
  elsewhere.delete(index);
  return bytes;
}

for (;;) {
  // Busy before taking a file, so the build's thread never finds it idle with a file in hand.
  Atomics.store(state, BUSY, 1);
  const index = Atomics.add(state, NEXT, 1);
  Atomics.notify(state, NEXT);
  if (index >= files.length) break;
  const { rel, start } = files[index]!;
  // The build's thread may still be reading it into its place.
  const slot = fileSlot(files.length, index);
  while (Atomics.load(state, slot.state) === PENDING) Atomics.wait(state, slot.state, PENDING, 200);
  let done: FileDone;
  try {
    // Read where they are: nothing writes to a file's bytes once they are in. One that could not be read is the build's thread's to report.
    const bytes = bytesOf(index, start);
    if (bytes === undefined) throw new Error('not read');
    const file = { rel, bytes };
    const problems = new Problems();
    // Rows go into columns as they are accepted: a ledger file's rows are a few bytes a row as they wait, not an object each.
    const rows = new RowEncoder(table, file.bytes.length >> 6);
    const rejected = readFileRows(table, file, problems, rows) as Record<string, unknown>[];
    const columns = problems.columnsOf(file.rel);
    done = { index, ...rows.done(), rejected, errors: problems.errors, warnings: problems.warnings, columns: columns ? [...columns] : [] };
  } catch (e) {
    done = { index, failed: String(e) };
  }
  const transfer = done.lines ? [done.lines.buffer, done.refs!.buffer, done.numbers!.buffer] : [];
  port.postMessage(done, transfer as ArrayBuffer[]);
  Atomics.add(state, REPORTED, 1);
  Atomics.notify(state, REPORTED);
}
Atomics.store(state, BUSY, 0);
Atomics.notify(state, BUSY);
port.close();
