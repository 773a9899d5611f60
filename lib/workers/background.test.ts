import fs from 'node:fs';
import os from 'node:os';

import { afterEach, describe, expect, it } from 'vitest';

import { BACKGROUND_NICE_STEPS } from './background';
import { createReadPool, type ReadPool } from './read-pool';
import { createSearchWriter, type SearchWriter } from './search-writer';

/** Each thread of this process with its nice value (/proc/self/task/<tid>/stat, field 19). */
function niceByThread(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // The command name may hold spaces: fields are counted after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      nice.set(Number(tid), Number(fields[16]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return nice;
}

const lowered = () => [...niceByThread().values()].filter((value) => value === Math.min(19, os.getPriority() + BACKGROUND_NICE_STEPS));

let pool: ReadPool | undefined;
let writer: SearchWriter | undefined;
const files: string[] = [];
afterEach(async () => {
  await pool?.close();
  await writer?.close();
  pool = undefined;
  writer = undefined;
  for (const file of files.splice(0)) fs.rmSync(file, { force: true });
});

// Under nice 19 (the lowest priority) there is nothing lower to put a thread at.
describe.runIf(process.platform === 'linux' && os.getPriority() < 19)('runInBackground', () => {
  it('runs the read threads and the search writer behind the event loop, which keeps its priority', async () => {
    const before = os.getPriority();
    expect(lowered()).toHaveLength(0);
    pool = createReadPool({ size: 1 });
    await pool.texts([{ source: '본문', format: 'markdown', fields: { title: '제목', categories: [], tags: [] } }]);
    expect(lowered()).toHaveLength(1);
    const file = `${os.tmpdir()}/background-test-${process.pid}.sqlite`;
    files.push(file, `${file}-wal`, `${file}-shm`);
    writer = createSearchWriter(file);
    await writer.setVersion('v');
    expect(lowered()).toHaveLength(2);
    // Linux's nice value is each thread's own: the server's thread was not lowered with them.
    expect(os.getPriority()).toBe(before);
  });
});
