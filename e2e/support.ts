import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import type { Page } from '@playwright/test';

/** The content folder the test servers read (built by scripts/e2e-build.mjs). */
export const contentDir = path.resolve('.e2e/content');
/** Where the e2e servers keep view counts: both use one store, as instances on one machine may. */
export const dataDir = path.resolve('.e2e/data');
/** The two e2e servers' ports; E2E_PORT moves both (two checkouts testing on one machine). */
export const PORT = Number(process.env.E2E_PORT) || 3100;
export const STANDALONE_PORT = PORT + 1;

/** Writes an article into the servers' content folder; returns a function that removes it. */
export function writeArticle(relPath: string, text: string): () => void {
  const file = path.join(contentDir, relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return () => fs.rmSync(file, { force: true });
}

/** True when the page is wider than the viewport (a horizontal scrollbar). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/** The preview secret the test servers are started with (32 characters at least, or they refuse). */
export const PREVIEW_TOKEN = 'e2e-preview-7f3a9c2d4b8e1f6a0c5d9e3b7a2f4c8d';

/** A front-matter date `offsetMs` from now, with an explicit zone. */
export function dateFromNow(offsetMs: number): string {
  return new Date(Date.now() + offsetMs).toISOString();
}

/** Dismisses every alert, confirm or prompt the page opens, and returns their messages. */
export function recordDialogs(page: Page): string[] {
  const messages: string[] = [];
  page.on('dialog', async (dialog) => {
    messages.push(dialog.message());
    await dialog.dismiss();
  });
  return messages;
}

export interface ParsedFeed {
  bozo: boolean;
  bozo_exception: string;
  version: string;
  title: string;
  entries: {
    title: string;
    link: string;
    published_parsed: number[] | null;
    updated_parsed: number[] | null;
    summary: string;
    content: string[];
    author: string | null;
    tags: string[];
    /** The title and summary as a reader shows them (HTML rendered to its text), and the tags in them. */
    title_shown: string | null;
    title_tags: string[];
    summary_shown: string | null;
    summary_tags: string[];
    links: string[];
  }[];
}

/** Runs Debian's feedparser (a real feed reader) over a feed body. */
export function parseFeed(body: string, contentType = 'application/xml'): ParsedFeed {
  const script = path.join('e2e', 'parse-feed.py');
  const out = execFileSync('/usr/bin/python3', [script, contentType], { input: body });
  return JSON.parse(out.toString('utf8')) as ParsedFeed;
}

/** A TCP port nothing listens on right now, for a server a test starts itself. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Parses `body` with Python's expat, a strict XML parser: throws on anything not well-formed. */
export function parseXmlStrictly(body: string): void {
  execFileSync(
    '/usr/bin/python3',
    ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())'],
    {
      input: body,
      stdio: ['pipe', 'ignore', 'pipe'],
    },
  );
}

/** A copy of the standalone server started with `env` (its own port): what a test's wrong setting needs. */
export interface StandaloneCopy {
  base: string;
  /** Everything the server printed so far. */
  log: () => string;
  /** Stops the server by its pid. */
  stop: () => void;
}

/**
 * Copies `.next/standalone` into `work/app` and starts it on a free port with `env` added to this
 * process's environment (CONTENT_DIR, DATA_DIR, SITE_URL …); resolves once /api/breaking answers.
 */
export async function startStandaloneCopy(
  work: string,
  env: Record<string, string>,
): Promise<StandaloneCopy> {
  const app = path.join(work, 'app');
  // A second start in the same folder is a restart of the same copy (its .next/cache included).
  if (!fs.existsSync(app))
    fs.cpSync(path.resolve('.next/standalone'), app, { recursive: true, verbatimSymlinks: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let printed = '';
  const server = spawn('node', ['server.js'], {
    cwd: app,
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const copy = { base, log: () => printed, stop: () => void server.kill('SIGKILL') };
  const started = Date.now();
  while ((await fetch(`${base}/api/breaking`).catch(() => undefined))?.status !== 200) {
    if (server.exitCode !== null || Date.now() - started > 60_000) {
      copy.stop();
      throw new Error(`the standalone copy did not start:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return copy;
}
