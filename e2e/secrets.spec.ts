import { spawn } from 'node:child_process';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { freePort } from './support';

// A server given a placeholder or short secret must not start (status 78, EX_CONFIG): Next itself only logs a failing
// instrumentation hook and answers every request with 500. Each server here is started on a free
// port by this test and ends by itself (or is killed by its pid).

const GOOD = 'f3a9c1d7e5b2486a0c9e1f7d3b5a2c8e4f6a0b9c1d3e5f7a';

/** Starts `command` with `env` added; resolves with its exit code and output, or `running` after 30 s. */
function run(command: string, args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string; running: boolean }>((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', HOSTNAME: '127.0.0.1', CONTENT_DIR: path.resolve('.e2e/content'), ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, output, running: signal === 'SIGKILL' });
    });
  });
}

const standalone = async (env: Record<string, string>) =>
  run('node', ['server.js'], path.resolve('.next/standalone'), { PORT: String(await freePort()), ...env });

test.describe('a server with a wrong secret refuses to start', () => {
  test.describe.configure({ timeout: 90_000 });

  test("deploy/news.env.example's placeholder webhook secret: exits 78 (EX_CONFIG) naming CONTENT_HOOK_SECRET", async () => {
    const { code, output, running } = await standalone({ CONTENT_HOOK_SECRET: 'change-me-to-a-long-random-string' });
    expect(running).toBe(false);
    expect(code).toBe(78);
    expect(output).toContain('[secrets] CONTENT_HOOK_SECRET: ');
    expect(output).toContain('openssl rand -hex 32');
  });

  test('a short preview token, and REDIS_URL without CACHE_SECRET, each named', async () => {
    const short = await standalone({ PREVIEW_TOKEN: 'e2e-preview-token-7f3a' });
    expect(short.code).toBe(78);
    expect(short.output).toContain('[secrets] PREVIEW_TOKEN: ');
    // No Redis listens there: the check comes before any connection.
    const unsigned = await standalone({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, PREVIEW_TOKEN: GOOD });
    expect(unsigned.code).toBe(78);
    expect(unsigned.output).toContain('[secrets] CACHE_SECRET: ');
  });

  test('`next start` refuses the same way', async () => {
    const port = String(await freePort());
    const { code, output } = await run('node', [path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', port, '-H', '127.0.0.1'], path.resolve('.'), {
      CACHE_SECRET: 'example-cache-secret-0123456789abcdef',
    });
    expect(code).toBe(78);
    expect(output).toContain('[secrets] CACHE_SECRET: ');
  });
});
