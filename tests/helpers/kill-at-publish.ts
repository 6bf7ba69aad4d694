/**
 * Loaded with `node --import` into a build a test kills at an exact moment of putting the site
 * in place, where a kill from outside (on a line of the build's log) would race the build:
 * `KILL_AT_PUBLISH=OUT:before` kills the build (SIGKILL, as the out-of-memory killer does) just
 * before its first rename that touches the output folder OUT; `OUT:between` lets that rename
 * happen and kills it at the next one (the old site aside, the new one not yet in place).
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const spec = process.env.KILL_AT_PUBLISH ?? '';
const at = spec.lastIndexOf(':');
const out = resolve(spec.slice(0, at));
const moment = spec.slice(at + 1);
const rename = fs.renameSync;
let seen = 0;
fs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
  if (resolve(String(from)) === out || resolve(String(to)) === out) {
    seen += 1;
    if (moment === 'before' || (moment === 'between' && seen === 2)) process.kill(process.pid, 'SIGKILL');
  }
  rename(from, to);
};
syncBuiltinESMExports();
