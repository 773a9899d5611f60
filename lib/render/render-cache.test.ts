import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { parseFrontMatter } from '@/lib/content/parse';
import { toArticle } from '@/lib/content/schema';

import { getArticleBody } from './index';
import { getRenderPool } from './render-pool';
import type { RenderStore } from './render-store';

function article(path: string) {
  const parsed = parseFrontMatter('---\ntitle: 제목\ndate: 2024-01-01\n---\n본문\n');
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const result = toArticle(parsed.value, { path, size: 1, mtimeMs: 1 });
  if (!result.ok) throw new Error(result.problems[0]?.message);
  return result.article;
}

afterEach(() => vi.restoreAllMocks());

describe('getArticleBody off the main thread', () => {
  it('a body the worker refuses becomes the placeholder, named in the log with its reason, while requests keep being served', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Past the content limits (formatting left open in every paragraph): tens of seconds of parse5
    // on the main thread before the limits; now refused by the worker's full check.
    const endless = Array.from({ length: 4000 }, (_, i) => `<p><b class="c${i}">x`).join('');
    const hostile = { ...article('hostile.html'), format: 'html' as const, body: endless };
    let ticks = 0;
    const interval = setInterval(() => (ticks += 1), 5);
    let body;
    try {
      body = await getArticleBody(hostile, 'http://localhost:3000');
    } finally {
      clearInterval(interval);
    }
    expect(body.html).toBe('<p>이 기사의 본문을 표시할 수 없습니다.</p>');
    expect(errors).toHaveBeenCalledWith(
      '[content] hostile.html: error: 본문을 렌더링할 수 없습니다',
      expect.stringMatching(/닫지 않은 서식 태그/),
    );
    // The work was done off the main thread: the event loop kept ticking while it was.
    expect(ticks).toBeGreaterThan(0);
    // The next article renders as usual.
    expect((await getArticleBody(article('next.md'), 'http://localhost:3000')).html).toBe(
      '<p>본문</p>',
    );
  }, 60_000);
});

describe('getArticleBody after a restart', () => {
  const STORE = Symbol.for('hangul-news.render-store');
  const holder = globalThis as Record<symbol, RenderStore | undefined>;
  let dir: string;
  /** Closes this "process's" store, as its end would. */
  const forgetStore = () => {
    holder[STORE]?.close();
    delete holder[STORE];
  };
  /** What a new process starts with: no store opened, no body in memory. */
  async function restart() {
    forgetStore();
    vi.resetModules();
    return import('./index');
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-restart-'));
    vi.stubEnv('DATA_DIR', dir);
  });
  afterEach(() => {
    forgetStore();
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a built server reads a body it rendered before from DATA_DIR instead of rendering it again, and renders an edited text anew', async () => {
    vi.stubEnv('RENDER_VERSION', 'test-build');
    vi.stubEnv('NODE_ENV', 'production');
    const kept = { ...article('kept.md'), body: '**굵은** 본문' };
    const before = await (await restart()).getArticleBody(kept, 'http://localhost:3000');
    expect(before.html).toBe('<p><strong>굵은</strong> 본문</p>');
    expect(fs.existsSync(path.join(dir, 'render-cache', 'renders.sqlite'))).toBe(true);

    const after = await restart();
    const render = vi.spyOn(getRenderPool(), 'render');
    expect(await after.getArticleBody(kept, 'http://localhost:3000')).toEqual(before);
    expect(render).not.toHaveBeenCalled();

    // Restarted on a file with the same path, size and time but another text (a clock set back,
    // a copy kept its time): the store names bodies by their text, so the edit is rendered.
    const edited = { ...kept, body: '**고친** 본문' };
    const again = await restart();
    expect((await again.getArticleBody(edited, 'http://localhost:3000')).html).toBe(
      '<p><strong>고친</strong> 본문</p>',
    );
    expect(render).toHaveBeenCalledTimes(1);
  }, 60_000);

  // Tests and tools have no build stamp; `next dev` has one from its start while its code changes.
  it.each([
    ['tests and tools (no build stamp)', {}],
    ['next dev', { RENDER_VERSION: 'dev-start', NODE_ENV: 'development' }],
  ])('%s keep nothing on disk', async (_, env: Record<string, string>) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const { getArticleBody: render } = await restart();
    expect((await render(article('plain.md'), 'http://localhost:3000')).html).toBe('<p>본문</p>');
    expect(fs.existsSync(path.join(dir, 'render-cache'))).toBe(false);
  }, 60_000);
});
