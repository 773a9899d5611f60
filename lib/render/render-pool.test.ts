import { afterEach, describe, expect, it } from 'vitest';

import { createRenderPool, RenderQueueFullError, type RenderPool } from './render-pool';

// Distinct unclosed formatting elements: parse5 reopens each in every paragraph, for tens of
// seconds. The content limits refuse it; here it stands for any render no limit foresaw.
const ENDLESS = Array.from({ length: 4000 }, (_, i) => `<p><b class="c${i}">x`).join('');

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
    pool = createRenderPool({ size: 1, timeoutMs: 300 });
    await pool.render('준비', 'markdown');
    let ticks = 0;
    const interval = setInterval(() => (ticks += 1), 20);
    const started = Date.now();
    try {
      await expect(pool.render(ENDLESS, 'html')).rejects.toThrow(
        '렌더링이 시간 한도(0.3초)를 넘었습니다',
      );
    } finally {
      clearInterval(interval);
    }
    // The main thread was free: the interval kept firing through the render (on the old, in-thread
    // render it could not fire at all until the render ended).
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(ticks).toBeGreaterThan(3);
    await expect(pool.render('다시 *됨*', 'markdown')).resolves.toMatchObject({
      html: '<p>다시 <em>됨</em></p>',
    });
  }, 30_000);

  it('refuses renders past the queue limit instead of holding them in memory', async () => {
    pool = createRenderPool({ size: 1, timeoutMs: 2000, queueLimit: 2 });
    await pool.render('준비', 'markdown');
    const results = [
      pool.render(ENDLESS, 'html'),
      pool.render('a', 'markdown'),
      pool.render('b', 'markdown'),
    ];
    await expect(pool.render('c', 'markdown')).rejects.toBeInstanceOf(RenderQueueFullError);
    const settled = await Promise.allSettled(results);
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  }, 30_000);

  it('refuses a wrong setting with a clear error', () => {
    expect(() => createRenderPool({ size: 0 })).toThrow('size는 1 이상의 정수여야 합니다 (0)');
    expect(() => createRenderPool({ timeoutMs: Number.NaN })).toThrow(
      'timeoutMs는 1 이상의 정수여야 합니다',
    );
  });
});
