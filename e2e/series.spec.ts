import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { expect, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';

import { contentDir, parseFeed } from './support';

const SERIES = '/series/winter-heating';
const PARTS = [
  '/articles/2026-11-16-winter-heating-bills',
  '/articles/2026-11-17-winter-heating-voucher',
  '/articles/2026-11-18-winter-heating-insulation',
];
/** The address the servers name themselves by (playwright.config.ts), whatever port they run on. */
const SITE_URL = 'http://127.0.0.1:3100';

/** The `<loc>`s of the site's sitemap, read with an XML parser. */
async function sitemapLocs(
  request: import('@playwright/test').APIRequestContext,
): Promise<string[]> {
  const xml = await (await request.get('/sitemap.xml')).text();
  const parsed = new XMLParser({ isArray: (name) => name === 'url' }).parse(xml) as {
    urlset: { url: { loc: string }[] };
  };
  return parsed.urlset.url.map((u) => u.loc);
}

const run = promisify(execFile);

/** `npm run content:report` over `folder` for every month there can be, read back as rows. */
async function reportRows(folder: string): Promise<{ rows: string[][]; stdout: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-report-'));
  const out = path.join(dir, 'report.csv');
  try {
    const { stdout } = await run(
      'npx',
      [
        'tsx',
        'scripts/content-report.ts',
        '--from',
        '1970-01',
        '--to',
        '2099-12',
        '--out',
        out,
        folder,
      ],
      { env: { ...process.env, SITE_URL } },
    );
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const script =
      'import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))';
    const { stdout: json } = await new Promise<{ stdout: string }>((resolve, reject) => {
      const child = execFile('/usr/bin/python3', ['-c', script], (error, out) =>
        error ? reject(error) : resolve({ stdout: out }),
      );
      child.stdin?.end(csv.slice(1));
    });
    return { rows: (JSON.parse(json) as string[][]).slice(1), stdout };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test.describe('series (연재)', () => {
  test('the series page lists its articles in order, with its name and description', async ({
    page,
  }) => {
    await page.goto(SERIES);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('난방비 겨울나기');
    await expect(page.getByRole('main')).toContainText('취약계층과 지방자치단체');
    const list = page.getByRole('list', { name: '난방비 겨울나기 연재 순서' });
    await expect(list.getByRole('heading', { level: 2 })).toHaveText([/①/, /②/, /③/]);
    await expect(page).toHaveTitle(/연재: 난방비 겨울나기/);
  });

  test('each article shows "연재: <name> (n/m)" with the previous and next parts', async ({
    page,
  }) => {
    await page.goto(PARTS[1] ?? '');
    const nav = page.getByRole('navigation', { name: '연재' });
    await expect(nav).toContainText('연재: 난방비 겨울나기 (2/3)');
    await expect(nav.getByRole('link', { name: /연재 이전 글/ })).toHaveAttribute(
      'href',
      PARTS[0] ?? '',
    );
    await nav.getByRole('link', { name: /연재 다음 글/ }).click();
    // A first render of the next part on a busy two-core machine may take longer than 5 s.
    await expect(page).toHaveURL(PARTS[2] ?? '', { timeout: 20_000 });
    await expect(page.getByRole('navigation', { name: '연재' })).toContainText('(3/3)');
    await expect(
      page.getByRole('navigation', { name: '연재' }).getByRole('link', { name: /연재 다음 글/ }),
    ).toHaveCount(0);
    await page
      .getByRole('navigation', { name: '연재' })
      .getByRole('link', { name: '난방비 겨울나기', exact: true })
      .click();
    await expect(page).toHaveURL(SERIES, { timeout: 20_000 });
    // An article in no series shows no series box.
    await page.goto('/articles/2026-11-26-base-rate-freeze');
    await expect(page.getByRole('navigation', { name: '연재' })).toHaveCount(0);
  });

  test('has feeds a feed reader parses, newest first, and is in the sitemap', async ({
    page,
    request,
  }) => {
    await page.goto(SERIES);
    await expect(page.locator(`link[rel="alternate"][href$="${SERIES}/feed.xml"]`)).toHaveCount(1);
    const feed = parseFeed(await (await request.get(`${SERIES}/feed.xml`)).text());
    expect(feed.bozo_exception).toBe('');
    expect(feed.title).toBe('난방비 겨울나기 | 한빛일보');
    expect(feed.entries.map((e) => new URL(e.link).pathname)).toEqual([...PARTS].reverse());
    const atom = parseFeed(await (await request.get(`${SERIES}/atom.xml`)).text());
    expect(atom.bozo_exception).toBe('');
    expect(atom.entries).toHaveLength(3);
    const json = (await (await request.get(`${SERIES}/feed.json`)).json()) as { items: unknown[] };
    expect(json.items).toHaveLength(3);
    expect(await sitemapLocs(request)).toContain(`${SITE_URL}${SERIES}`);
  });

  test('an unknown or hostile series id is a 404', async ({ request }) => {
    for (const id of [
      'no-such-series',
      '..%2F_series%2Fwinter-heating',
      'x'.repeat(3000),
      'WINTER-HEATING',
      '%00',
    ]) {
      for (const suffix of ['', '/feed.xml']) {
        const response = await request.get(`/series/${id}${suffix}`, { maxRedirects: 0 });
        expect(response.status(), `${id.slice(0, 30)}${suffix}`).toBe(404);
      }
    }
  });
});

test.describe('npm run content:report', () => {
  test('lists exactly the articles the site publishes, as the sitemap lists them', async ({
    request,
  }) => {
    // Over the folder the servers read (samples and fixtures): the same set of links, whatever else
    // another spec writes meanwhile (retried until both are read at one state).
    await expect(async () => {
      const { rows } = await reportRows(contentDir);
      const site = (await sitemapLocs(request)).filter((loc) =>
        new URL(loc).pathname.startsWith('/articles/'),
      );
      expect(rows.map((r) => r[0]).sort()).toEqual(site.sort());
    }).toPass({ timeout: 60_000 });
  });

  test('over the sample content: every row is a published page with its title and time', async ({
    page,
    request,
  }) => {
    const { rows, stdout } = await reportRows(path.resolve('content'));
    expect(stdout).toContain(`게시 기사 ${rows.length}건`);
    const site = new Set(await sitemapLocs(request));
    expect(rows.length).toBeGreaterThanOrEqual(16);
    for (const [link = '', title = '', , time = '', , kind = ''] of rows) {
      expect(site.has(link), link).toBe(true);
      await page.goto(new URL(link).pathname);
      // The headline, after the kind's label where it has one (사설, 칼럼 …): the report's kind.
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading).toHaveText(new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      const label = heading.locator('[data-kind]');
      if ((await label.count()) > 0) await expect(label).toHaveAttribute('data-kind', kind);
      if (!time.startsWith('1970-')) {
        await expect(page.locator('article time').first()).toHaveAttribute(
          'datetime',
          `${time.replace(' ', 'T')}:00+09:00`,
        );
      }
    }
    for (const part of PARTS) expect(rows.map((r) => r[0])).toContain(`${SITE_URL}${part}`);
  });
});
