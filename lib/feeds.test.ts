import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getViewAt } from '@/lib/content';
import { renderFeed } from './feeds';
import { renderNewsSitemap, renderSitemap } from './sitemaps';

let dir: string;
const now = new Date('2026-11-27T12:00:00+09:00');
const hostileTitle =
  'A]]><link>https://evil.example/</link>]]>B \u000b\u000c <img src=x onerror=alert(1)>';

function write(name: string, text: string) {
  fs.writeFileSync(path.join(dir, name), text);
}

/** A strict parse: throws on anything that is not well-formed XML. */
function parseStrict(xml: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed: ${JSON.stringify(valid.err)}`);
  return new XMLParser({
    ignoreAttributes: false,
    processEntities: true,
    htmlEntities: false,
  }).parse(xml) as Record<string, unknown>;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feeds-test-'));
  process.env.CONTENT_DIR = dir;
  // YAML's double-quoted escapes spell control characters the file itself does not hold.
  write(
    'hostile.md',
    `---\ntitle: ${JSON.stringify(hostileTitle)}\ndate: 2026-11-27 10:00\ncategories: 시험\nexcerpt: '<meta http-equiv="refresh" content="0;url=https://evil.example">'\n---\n본문 \u000b 입니다. \`<script>\`\n`,
  );
  write(
    'summary.md',
    '---\ntitle: 요약 없는 기사\ndate: 2026-11-26 10:00\ncategories: 시험\n---\n코드 `<script>alert(1)</script>` 를 보여 줍니다.\n',
  );
  write(
    'draft-only.md',
    '---\ntitle: 초안\ndate: 2026-11-26 10:00\ncategories: 비공개분류\ndraft: true\n---\n초안\n',
  );
  write(
    'later-only.md',
    '---\ntitle: 예약\ndate: 2099-01-01 10:00\ncategories: 예약분류\n---\n예약\n',
  );
});

afterAll(() => {
  delete process.env.CONTENT_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('feeds carry text as text, for any title', () => {
  it('RSS: one item, one link each, the title HTML-escaped, no control characters', async () => {
    const xml = (await renderFeed(getViewAt(now), 'rss', undefined)) ?? '';
    expect(xml).not.toMatch(/[\u000b\u000c]/);
    const doc = parseStrict(xml) as {
      rss: { channel: { item: { title: string; link: string; description: string }[] } };
    };
    const items = doc.rss.channel.item;
    expect(items).toHaveLength(2);
    const hostile = items.find((item) => item.title.startsWith('A]]>'));
    // After XML parsing the title is HTML that shows the literal text: nothing in it is a tag.
    expect(hostile?.title).toBe(
      'A]]>&lt;link>https://evil.example/&lt;/link>]]>B  &lt;img src=x onerror=alert(1)>',
    );
    expect(hostile?.link).toBe('http://localhost:3000/articles/hostile');
    expect(hostile?.description).not.toContain('<meta');
    expect(items.find((item) => item.title === '요약 없는 기사')?.description).toContain(
      '&lt;script>',
    );
  });

  it('Atom: titles and summaries are type="text", bodies type="html"', async () => {
    const xml = (await renderFeed(getViewAt(now), 'atom', undefined)) ?? '';
    const doc = parseStrict(xml) as {
      feed: {
        entry: {
          title: { '@_type': string; '#text': string };
          summary: { '@_type': string; '#text': string };
        }[];
      };
    };
    const hostile = doc.feed.entry.find((e) => e.title['#text'].startsWith('A]]>'));
    expect(hostile?.title).toEqual({
      '@_type': 'text',
      '#text': 'A]]><link>https://evil.example/</link>]]>B  <img src=x onerror=alert(1)>',
    });
    expect(hostile?.summary['@_type']).toBe('text');
    expect(hostile?.summary['#text']).toBe(
      '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    );
  });

  it('JSON Feed stays valid JSON with the same text', async () => {
    const feed = JSON.parse((await renderFeed(getViewAt(now), 'json', undefined)) ?? '') as {
      items: { title: string }[];
    };
    expect(feed.items.map((i) => i.title)).toContain(
      'A]]><link>https://evil.example/</link>]]>B  <img src=x onerror=alert(1)>',
    );
  });

  it('a category used only by a draft or a scheduled article has no feed', async () => {
    for (const format of ['rss', 'atom', 'json'] as const) {
      expect(
        await renderFeed(getViewAt(now), format, { taxonomy: 'category', slug: '비공개분류' }),
      ).toBeUndefined();
      expect(
        await renderFeed(getViewAt(now), format, { taxonomy: 'category', slug: '예약분류' }),
      ).toBeUndefined();
      expect(
        await renderFeed(getViewAt(now), format, { taxonomy: 'category', slug: '시험' }),
      ).toBeDefined();
    }
  });
});

describe('empty lists are valid documents', () => {
  it('a quiet weekend: the news sitemap is an empty urlset, not an error', () => {
    const quiet = new Date('2026-12-10T12:00:00+09:00');
    const xml = renderNewsSitemap(getViewAt(quiet));
    expect(parseStrict(xml)).toHaveProperty('urlset');
    expect(xml).not.toContain('<url>');
  });

  it('a site with no articles has a valid sitemap and valid, empty feeds', async () => {
    const before = new Date('2000-01-01T00:00:00Z');
    expect(parseStrict(renderSitemap(getViewAt(before)))).toHaveProperty('urlset');
    const rss = parseStrict((await renderFeed(getViewAt(before), 'rss', undefined)) ?? '') as {
      rss: { channel: Record<string, unknown> };
    };
    expect(rss.rss.channel.item).toBeUndefined();
    expect(
      parseStrict((await renderFeed(getViewAt(before), 'atom', undefined)) ?? ''),
    ).toHaveProperty('feed');
  });
});
