// Helpers the benchmark scripts share: start a production server, wait for it, read its memory.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import autocannon from 'autocannon';

export const root = path.resolve(import.meta.dirname, '..');

/** Starts `next start` on loopback; `dir` is the built app (this project by default). */
export function startNext({
  port,
  contentDir,
  dir = root,
  stdio = ['ignore', 'ignore', 'pipe'],
  env = {},
  detached = false,
  cpus,
}) {
  const next = path.join(dir, 'node_modules/next/dist/bin/next');
  const command = ['node', next, 'start', '-p', String(port), '-H', '127.0.0.1'];
  // On the CPUs listed only (taskset's list, "0" or "0-3"): the server's threads and its read
  // pool, sized by os.availableParallelism(), see a machine of that many cores. taskset runs node
  // in its own process, so the child's pid is the server's.
  const [file, ...args] = cpus === undefined ? command : ['taskset', '-c', '--', cpus, ...command];
  return spawn(file, args, {
    cwd: dir,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      ...(contentDir ? { CONTENT_DIR: contentDir } : {}),
      ...env,
    },
    stdio,
    detached,
  });
}

/** Waits until `url` answers below 500, or throws after `timeoutMs`. */
export async function waitFor(url, timeoutMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not up after ${timeoutMs} ms: ${url}`);
}

/** Resident memory of a process and its descendants, in MiB (0 once it has gone). */
export function treeRssMiB(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  let total = 0;
  for (const queue = [pid]; queue.length > 0; ) {
    const next = queue.pop();
    try {
      total += rssMiB(next);
    } catch {
      // Gone meanwhile.
    }
    queue.push(...(children.get(next) ?? []));
  }
  return total;
}

/** Resident memory of one process, in MiB. */
export function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

export const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return error.status === 1; // wrk --version exits 1 after printing its version
  }
})();

/** Milliseconds from a wrk latency such as 812.00us, 1.23ms or 1.02s. */
function wrkMs(text) {
  const match = /([\d.]+)(us|ms|s)/.exec(text);
  if (!match) return NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}

/** wrk (Debian's; C, two threads) where installed: fast enough not to be the bottleneck itself. */
function loadWithWrk(url, connections, duration, headers) {
  let out = '';
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  try {
    out = execFileSync(
      'wrk',
      ['-t2', `-c${connections}`, `-d${duration}s`, '--latency', '--timeout', '10s', ...headerArgs, url],
      { encoding: 'utf8' },
    );
  } catch (error) {
    out = error.stdout ?? '';
  }
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
    p50: +wrkMs(/50%\s+(\S+)/.exec(out)?.[1] ?? '').toFixed(2),
    p99: +wrkMs(/99%\s+(\S+)/.exec(out)?.[1] ?? '').toFixed(2),
    max: +wrkMs(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(out)?.[1] ?? '').toFixed(2),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    errors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

/** Requests/s, p50 and p99 (ms), non-2xx and errors for `duration` seconds of load on one URL. */
export async function load(url, { connections = 50, duration = 10, headers = {} } = {}) {
  if (hasWrk) return loadWithWrk(url, connections, duration, headers);
  const result = await autocannon({ url, connections, duration, pipelining: 1, headers });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
};

/** One GET, read to the end: milliseconds and status. */
export async function timed(url) {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

/** The q-quantile (0..1) of `values`, to 0.1. */
export const pct = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return +(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(1);
};
