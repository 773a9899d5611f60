// Helpers the benchmark scripts share: start a production server, wait for it, read its memory.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

/** Starts `next start` on loopback; `dir` is the built app (this project by default). */
export function startNext({ port, contentDir, dir = root, stdio = ['ignore', 'ignore', 'pipe'] }) {
  const next = path.join(dir, 'node_modules/next/dist/bin/next');
  return spawn('node', [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: dir,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      ...(contentDir ? { CONTENT_DIR: contentDir } : {}),
    },
    stdio,
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

/** Resident memory of one process, in MiB. */
export function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}
