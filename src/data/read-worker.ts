/**
 * A worker of `startReading` (split-read.ts): takes the next file of the table in turn with
 * the build's thread or the other workers, reads and validates it exactly as the build's
 * thread would, and sends its rows as columns with its problems. The files' bytes are in one
 * buffer all the threads share.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { Problems } from '../check/errors.ts';
import { tables, type Table } from '../schema/tables.ts';
import { readFileRows, RowEncoder, SHARED_SLOTS, type FileDone, type SharedFiles } from './split-read.ts';

const { port, state, table: tableName, shared } = workerData as { port: MessagePort; state: Int32Array; table: keyof typeof tables; shared: SharedFiles };
const files = shared.files;
const table = tables[tableName] as unknown as Table;
const { NEXT, BUSY, REPORTED } = SHARED_SLOTS;

for (;;) {
  // Busy before taking a file, so the build's thread never finds it idle with a file in hand.
  Atomics.store(state, BUSY, 1);
  const index = Atomics.add(state, NEXT, 1);
  Atomics.notify(state, NEXT);
  if (index >= files.length) break;
  const { rel, start, end } = files[index]!;
  // Read where they are: nothing writes to the shared bytes once the workers start.
  const file = { rel, bytes: new Uint8Array(shared.buffer, start, end - start) };
  let done: FileDone;
  try {
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
