import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Worker } from 'node:worker_threads';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { RENDER_LIMITS } from '@/lib/content/limits';

import {
  createRenderPool,
  RenderQueueFullError,
  TIMEOUTS_BEFORE_REFUSAL,
  type RenderPool,
} from './render-pool';

// The costliest text the limits accept: ten thousand paragraphs, about a second to render (the
// worker's own cost check refuses anything worse). Here it stands for a render over its budget.
const ENDLESS = 'a\n\n'.repeat(RENDER_LIMITS.constructs - 10);

// A stand-in worker: a text starting with SLOW holds it for a minute, any other is echoed back.
const STAND_IN = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => {
  if (job.source.startsWith('SLOW')) for (const end = Date.now() + 60_000; Date.now() < end; );
  parentPort.postMessage({ id: job.id, ok: true, body: { html: job.source, text: job.source } });
});
parentPort.postMessage('ready');`;
const standIn = () => new Worker(STAND_IN, { eval: true });
/** The pool's answers, in the order they came. */
function recorder() {
  const settled: string[] = [];
  const track = (name: string, render: Promise<unknown>) =>
    render.then(
      () => settled.push(name),
      () => settled.push(`${name} failed`),
    );
  return { settled, track };
}

let pool: RenderPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('createRenderPool', () => {
  it('renders in a worker what the main thread would render', async () => {
    pool = createRenderPool({ size: 1 });
    await expect(pool.render('**굵게** <script>alert(1)</script>', 'markdown')).resolves.toEqual({
      html: '<p><strong>굵게</strong> </p>',
      text: '굵게',
    });
    await expect(pool.text('<p>검색할 <b>낱말</b></p>', 'html')).resolves.toBe('검색할 낱말');
    await expect(pool.lint('![](/a.png)\n\n![사진](/b.png)', 'markdown')).resolves.toEqual([
      { line: 1, column: 1, src: '/a.png', hasAlt: false },
      { line: 3, column: 1, src: '/b.png', hasAlt: true },
    ]);
  }, 30_000);

  it('stops a render over its time budget while the event loop keeps ticking, then renders again', async () => {
    pool = createRenderPool({ size: 1, timeoutMs: 200 });
    await pool.render('준비', 'markdown');
    let ticks = 0;
    const interval = setInterval(() => (ticks += 1), 20);
    const started = Date.now();
    try {
      await expect(pool.render(ENDLESS, 'markdown')).rejects.toThrow(
        '렌더링이 시간 한도(0.2초)를 넘었습니다',
      );
    } finally {
      clearInterval(interval);
    }
    // The main thread was free: the interval kept firing through the render (on the old, in-thread
    // render it could not fire at all until the render ended).
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(ticks).toBeGreaterThan(3);
    await expect(pool.render('다시 *됨*', 'markdown')).resolves.toMatchObject({
      html: '<p>다시 <em>됨</em></p>',
    });
  }, 30_000);

  it('refuses renders past the queue limit instead of holding them in memory', async () => {
    // The stand-in holds the worker with SLOW for longer than the budget, whatever the machine.
    pool = createRenderPool({ size: 1, timeoutMs: 2000, queueLimit: 2, spawn: standIn });
    await pool.render('준비', 'markdown');
    const results = [
      pool.render('SLOW', 'markdown'),
      pool.render('a', 'markdown'),
      pool.render('b', 'markdown'),
    ];
    await expect(pool.render('c', 'markdown')).rejects.toBeInstanceOf(RenderQueueFullError);
    const settled = await Promise.allSettled(results);
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  }, 30_000);

  it('remembers a text that timed out twice, across restarts, and renders its next version', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'render-timeouts-'));
    const timeoutsFile = path.join(folder, 'render-timeouts.json');
    try {
      pool = createRenderPool({ size: 1, timeoutMs: 300, timeoutsFile, spawn: standIn });
      // Once may be a busy machine: the text gets a second try, which times out too.
      for (let time = 0; time < TIMEOUTS_BEFORE_REFUSAL; time += 1) {
        await expect(pool.render('SLOW', 'html', {}, 'slow.html')).rejects.toThrow(
          '시간 한도(0.3초)를 넘었습니다',
        );
      }
      const refused = '렌더링이 시간 한도(0.3초)를 넘었던 본문이라 다시 렌더링하지 않습니다';
      await expect(pool.render('SLOW', 'html', {}, 'slow.html')).rejects.toThrow(refused);
      await pool.close();
      pool = createRenderPool({ size: 1, timeoutMs: 300, timeoutsFile, spawn: standIn });
      const started = Date.now();
      await expect(pool.render('SLOW', 'html', {}, 'slow.html')).rejects.toThrow(refused);
      await expect(pool.lint('SLOW', 'html')).rejects.toThrow(refused);
      // Refused without a worker: far sooner than a render's budget.
      expect(Date.now() - started).toBeLessThan(300);
      // An edited text is another text: its own first try, and the first time-out is not a refusal.
      for (let time = 0; time < TIMEOUTS_BEFORE_REFUSAL; time += 1) {
        await expect(pool.render('SLOW 고침', 'html', {}, 'slow.html')).rejects.toThrow(
          '시간 한도(0.3초)를 넘었습니다',
        );
      }
      await expect(pool.render('고친 본문', 'html', {}, 'slow.html')).resolves.toMatchObject({
        html: '고친 본문',
      });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);

  it('a damaged timeouts file is ignored: every text gets its first try', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'render-timeouts-'));
    const timeoutsFile = path.join(folder, 'render-timeouts.json');
    fs.writeFileSync(timeoutsFile, '{"not": "a list"');
    try {
      pool = createRenderPool({ size: 1, timeoutsFile });
      await expect(pool.render('*됨*', 'markdown')).resolves.toMatchObject({
        html: '<p><em>됨</em></p>',
      });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);

  it("an ordinary render is not stuck behind slow files' renders", async () => {
    pool = createRenderPool({ size: 1, timeoutMs: 20_000, slowMs: 200, spawn: standIn });
    const { settled, track } = recorder();
    const slow = ['a', 'b', 'c'].map((name) =>
      track(name, pool!.render(`SLOW ${name}`, 'html', {}, `${name}.html`)),
    );
    await track('ordinary', pool.render('보통 기사', 'markdown', {}, 'ordinary.md'));
    // One worker is held by a slow render; the spare took the ordinary one (each other slow render
    // was stopped at 200 ms to wait its turn, not left holding the spare). On a first-come queue
    // the ordinary render waited for all three slow ones.
    expect(settled).toEqual(['ordinary']);
    // A file known to be slow waits behind ordinary renders from then on.
    const again = track('b again', pool.render('SLOW b, edited', 'html', {}, 'b.html'));
    await track('ordinary 2', pool.render('또 다른 기사', 'markdown', {}, 'other.md'));
    expect(settled).toEqual(['ordinary', 'ordinary 2']);
    await pool.close();
    await Promise.all([...slow, again]);
  }, 30_000);

  it("renders one file's texts one at a time; other files go on", async () => {
    pool = createRenderPool({ size: 2, timeoutMs: 1000, slowMs: 10_000, spawn: standIn });
    const { settled, track } = recorder();
    await Promise.all([
      track('x old', pool.render('SLOW', 'html', {}, 'x.html')),
      track('x edited', pool.render('고침', 'html', {}, 'x.html')),
      track('y', pool.render('다른 기사', 'html', {}, 'y.html')),
    ]);
    expect(settled).toEqual(['y', 'x old failed', 'x edited']);
  }, 30_000);

  it('checks the full cost in the worker, and refuses a rendered result too big to carry', async () => {
    pool = createRenderPool({ size: 1 });
    await expect(pool.render('<p><b>x'.repeat(78_000), 'html')).rejects.toThrow(
      '닫지 않은 서식 태그',
    );
    await expect(pool.text('<p><b>x'.repeat(78_000), 'html')).rejects.toThrow(
      '닫지 않은 서식 태그',
    );
    // 1 MB of references within every limit renders to 1.2 M characters of `&#x26;`.
    await expect(pool.render('&amp;'.repeat(200_000), 'html')).rejects.toThrow(
      `렌더링한 본문이 너무 큽니다 (1,200,000자, 한도 ${RENDER_LIMITS.renderedChars.toLocaleString('en-US')}자)`,
    );
  }, 30_000);

  it('refuses a wrong setting with a clear error', () => {
    expect(() => createRenderPool({ slowMs: 0 })).toThrow('slowMs는 1 이상의 정수여야 합니다 (0)');
    expect(() => createRenderPool({ size: 0 })).toThrow('size는 1 이상의 정수여야 합니다 (0)');
    expect(() => createRenderPool({ timeoutMs: Number.NaN })).toThrow(
      'timeoutMs는 1 이상의 정수여야 합니다',
    );
  });
});

// Next bundles this module into pages' chunks and route handlers' alike: with a module variable
// each copy started a pool of its own, and its threads.
describe('getRenderPool', () => {
  it('is one pool for the process, however many copies of this module are loaded', async () => {
    const first = await import('./render-pool');
    vi.resetModules();
    const second = await import('./render-pool');
    expect(second).not.toBe(first);
    const pool = first.getRenderPool();
    try {
      expect(second.getRenderPool()).toBe(pool);
    } finally {
      await pool.close();
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('hangul-news.render-pool')];
    }
  });
});
