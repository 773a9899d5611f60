import { expect, test } from '@playwright/test';

import { PORT, recordDialogs, STANDALONE_PORT } from './support';

const PAGES = [
  '/',
  '/articles/000_b421e53fca27d6b0',
  `/category/${encodeURIComponent('경제')}`,
  `/search?q=${encodeURIComponent('네이버')}`,
];

test.describe('security headers', () => {
  test('pages and JSON carry a strict policy and the usual protections', async ({ request }) => {
    for (const path of [...PAGES, '/api/breaking', '/feed.xml']) {
      const headers = (await request.get(path)).headers();
      const csp = headers['content-security-policy'] ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("base-uri 'self'");
      expect(csp, path).not.toContain('unsafe-eval');
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['permissions-policy'], path).toContain('camera=()');
      expect(headers['strict-transport-security'], path).toBeUndefined();
      expect(headers['x-powered-by'], path).toBeUndefined();
    }
  });

  test('HSTS is sent when the request came over HTTPS through a proxy', async ({ request }) => {
    const headers = (
      await request.get('/', { headers: { 'x-forwarded-proto': 'https' } })
    ).headers();
    expect(headers['strict-transport-security']).toContain('max-age=');
  });

  test('pages work under the policy with no violations in the console', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|violates/i.test(message.text())) violations.push(message.text());
    });
    for (const path of PAGES) {
      await page.goto(path);
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            document.addEventListener('securitypolicyviolation', (e) =>
              console.error(`violates ${e.violatedDirective}`),
            );
            setTimeout(resolve, 300);
          }),
      );
    }
    expect(violations).toEqual([]);
  });

  test('pages may be cached briefly by a CDN and served stale while it refetches', async ({
    request,
  }) => {
    const cacheControl = (await request.get('/articles/semiconductor-exports-record')).headers()[
      'cache-control'
    ];
    expect(cacheControl).toMatch(/s-maxage=10\b/);
    expect(cacheControl).toMatch(/stale-while-revalidate=\d+/);
  });
});

test.describe('malformed requests', () => {
  test('bad percent-encoding, dot segments and encoded slashes in every dynamic segment get a 4xx', async ({
    request,
  }) => {
    const segments = [
      '%E0%A4%A',
      '%',
      '..%2F..%2Fpackage.json',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'a%00b',
      '%252e%252e%252f',
    ];
    const templates = [
      (s: string) => `/articles/${s}`,
      (s: string) => `/category/${s}`,
      (s: string) => `/category/${s}/page/2`,
      (s: string) => `/category/${encodeURIComponent('경제')}/page/${s}`,
      (s: string) => `/category/${s}/feed.xml`,
      (s: string) => `/og/${s}`,
      (s: string) => `/preview/${s}?token=x`,
      (s: string) => `/sitemaps/${s}`,
    ];
    for (const template of templates) {
      for (const segment of segments) {
        const response = await request.get(template(segment));
        const body = await response.text();
        expect(response.status(), template(segment)).toBeGreaterThanOrEqual(400);
        expect(response.status(), template(segment)).toBeLessThan(500);
        expect(body, template(segment)).not.toMatch(
          /"name"\s*:\s*"[^"]*"\s*,\s*"version"|root:x:0:0|\bat .+\.js:\d+/,
        );
      }
    }
  });

  test('overlong URLs and queries, and huge headers, get a 4xx', async ({ request }) => {
    expect((await request.get(`/articles/${'x'.repeat(4000)}`)).status()).toBe(404);
    expect((await request.get(`/search?q=${'가'.repeat(1000)}`)).status()).toBe(200);
    const huge = await request
      .get('/', { headers: { 'x-huge': 'a'.repeat(20_000) } })
      .catch(() => undefined);
    if (huge) expect(huge.status()).toBe(431);
  });

  test('methods a news site does not take change nothing and never reach a 5xx', async ({
    request,
  }) => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      // Route handlers only export GET: Next answers 405 itself.
      for (const path of ['/api/breaking', '/feed.xml']) {
        const response = await request.fetch(path, { method });
        expect(response.status(), `${method} ${path}`).toBe(405);
      }
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND']) {
      // Pages have no server actions: a write is read as a read (nginx.conf answers 405 first).
      for (const path of ['/', '/articles/semiconductor-exports-record']) {
        const response = await request.fetch(path, { method, data: 'title=hacked' });
        expect(response.status(), `${method} ${path}`).toBeLessThan(500);
      }
    }
    const action = await request.post('/', {
      headers: { 'Next-Action': 'a'.repeat(42), 'Content-Type': 'text/plain' },
      data: '[]',
    });
    expect(action.status()).toBeGreaterThanOrEqual(400);
    expect(action.status()).toBeLessThan(500);
    expect(
      await (await request.get('/articles/semiconductor-exports-record')).text(),
    ).not.toContain('hacked');
  });

  test('error pages show no stack traces or file paths', async ({ request }) => {
    for (const path of ['/articles/no-such', '/articles/%E0%A4%A', '/category/%ZZ']) {
      const body = await (await request.get(path)).text();
      expect(body).not.toMatch(/\/work\/|node_modules|\bat .+\.js:\d+|Error: /);
    }
  });
});

test.describe('hostile front matter', () => {
  test('values that try to break out of attributes, titles, JSON-LD or lists stay text', async ({
    page,
  }) => {
    const dialogs = recordDialogs(page);
    for (const path of [
      '/articles/hostile-front-matter',
      `/category/${encodeURIComponent('시험')}`,
      '/',
      '/search?q=onerror',
    ]) {
      await page.goto(path);
      await page.waitForTimeout(300);
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned),
        path,
      ).toBeUndefined();
    }
    await page.goto('/articles/hostile-front-matter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('<script>');
    const ld = await page.locator('script[type="application/ld+json"]').first().textContent();
    expect((JSON.parse(ld ?? '{}') as { headline: string }).headline).toContain(
      'onerror="window.__pwned=\'fm-title\'"',
    );
    const lede = page.getByRole('article').locator('header a');
    for (const href of await lede.evaluateAll((links) =>
      links.map((a) => a.getAttribute('href') ?? ''),
    )) {
      expect(href.toLowerCase()).not.toContain('javascript:');
    }
    await expect(page.locator('main iframe, main svg')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });
});

test.describe('content that costs too much to render', () => {
  // One server at a time: the heaviest accepted HTML body renders in ~2.5 s on two cores, and the
  // two servers rendering it at once, beside the rest of the suite, ran past the 5 s budget on
  // both (they share DATA_DIR's render-timeouts file: two timeouts refuse the body for both).
  test.describe.configure({ mode: 'serial' });
  for (const [server, base] of [
    ['next start', `http://127.0.0.1:${PORT}`],
    ['standalone', `http://127.0.0.1:${STANDALONE_PORT}`],
  ]) {
    test(`${server}: costly articles never hold other requests, and answer without a 500`, async ({
      request,
    }) => {
      // Requested together, and first: the old server answered nothing else for 30-60 s.
      const article = (slug: string) => request.get(`${base}/articles/${slug}`);
      // How long anything took is measured in bench/event-loop.mjs, not asserted here; the old
      // server answered nothing for 30-60 s, past this test's own time limit.
      const costly = Promise.all([
        article('stalling-lede'),
        article('costly-lede'),
        article('formatting-flood'),
        article('heaviest-html'),
        article('heaviest-markdown'),
        article('heaviest-paragraphs'),
        article('strikethrough-flood'),
        article('attribute-flood'),
      ]);
      const [breaking, other] = await Promise.all([
        request.get(`${base}/api/breaking`),
        request.get(`${base}/articles/000_b421e53fca27d6b0`),
      ]);
      expect(breaking.status()).toBe(200);
      // Another article's first render may wait its turn behind the costly ones in the render queue,
      // but it is rendered in the worker, not the placeholder.
      expect(other.status()).toBe(200);
      expect(await other.text()).toContain('소버린 AI');

      const [stalling, lede, flood, html, markdown, paragraphs, strikethrough, attributes] =
        await costly;
      // The 48 KB lede is over its length cap: the file is refused. A costly lede within the cap
      // is dropped, the story kept; the refused body leaves its article out.
      expect(stalling.status()).toBe(404);
      expect(lede.status()).toBe(200);
      expect(await lede.text()).toContain('머리글 없이도 본문은 보입니다.');
      expect(await lede.text()).not.toContain('_*_*');
      expect(flood.status()).toBe(404);
      // The heaviest accepted bodies render within the time budget; on a machine too busy for a
      // first try (two cores, two servers and a browser), the next request renders it again.
      expect(html.status()).toBe(200);
      await expect
        .poll(async () => (await request.get(`${base}/articles/heaviest-html`)).text(), { timeout: 30_000 })
        .toContain('무거운 문단');
      expect(markdown.status()).toBe(200);
      expect(paragraphs.status()).toBe(200);
      expect(await paragraphs.text()).toContain('문단');
      // Refused by the construct limits where content loads: never sent to the worker.
      expect(strikethrough.status()).toBe(404);
      expect(attributes.status()).toBe(404);
    });
  }
});
