import { describe, expect, it } from 'vitest';

import { renderBody } from './pipeline';

const md = (source: string) => renderBody(source, 'markdown');
const html = (source: string) => renderBody(source, 'html');

describe('renderBody: Korean Markdown', () => {
  it('makes **bold** bold when a particle follows the closing punctuation', async () => {
    const { html: out } = await md('네이버는 **거대언어모델(LLM)**를 만든다.');
    expect(out).toContain('<strong>거대언어모델(LLM)</strong>를');
    expect(out).not.toContain('**');
  });

  it('renders GFM tables with header cells and alignment', async () => {
    const { html: out } = await md('| 항목 | 값 |\n| :-- | --: |\n| 가 | 1 |');
    expect(out).toContain('<th align="left">항목</th>');
    expect(out).toContain('<td align="right">1</td>');
  });

  it('keeps raw HTML that editors use inside Markdown', async () => {
    const { html: out } = await md(
      '<figure><img src="/a.jpg" alt="사진" width="640" height="360"><figcaption>설명</figcaption></figure>',
    );
    expect(out).toContain('<figure>');
    expect(out).toContain('alt="사진"');
    expect(out).toContain('width="640"');
    expect(out).toContain('<figcaption>설명</figcaption>');
  });
});

describe('renderBody: what editors need is kept', () => {
  it('renders data-ke-size paragraphs and headings as plain headings and paragraphs', async () => {
    const { html: out } = await html(
      '<h2 data-ke-size="size26">제목</h2><p data-ke-size="size16">본문</p>',
    );
    expect(out).toBe('<h2>제목</h2><p>본문</p>');
  });

  it('keeps table cell alignment from inline styles but drops the style itself', async () => {
    const { html: out } = await html(
      '<table><tr><td style="text-align: center; height: 17px;"><b>가</b></td></tr></table>',
    );
    expect(out).toContain('<td align="center"><b>가</b></td>');
    expect(out).not.toContain('style=');
  });

  it('wraps tables in a focusable scroll region', async () => {
    const { html: out } = await html('<table><tr><th>가</th></tr></table>');
    expect(out).toMatch(
      /^<div class="table-scroll" role="region" aria-label="표" tabindex="0"><table>/,
    );
  });

  it('opens outside links safely', async () => {
    const { html: out } = await html('<a href="https://newsdao.kr" rel="dofollow">x</a>');
    expect(out).toBe(
      '<a href="https://newsdao.kr" rel="noopener noreferrer nofollow ugc" target="_blank">x</a>',
    );
  });

  it.each([
    ['//evil.example/x', 'http://evil.example/x'],
    ['/\t/evil.example/x', 'http://evil.example/x'],
    ['\\\\evil.example\\x', 'http://evil.example/x'],
    ['HTTP://evil.example/x', 'http://evil.example/x'],
  ])('treats %j as outside, the way a browser resolves it', async (href, resolved) => {
    const { html: out } = await html(`<a href="${href}">x</a>`);
    expect(out).toBe(
      `<a href="${resolved}" rel="noopener noreferrer nofollow ugc" target="_blank">x</a>`,
    );
  });

  it('sets rel and target itself: an editor’s rel="opener" or target never survives', async () => {
    const { html: inside } = await html('<a href="/articles/x" rel="opener" target="_self">x</a>');
    expect(inside).toBe('<a href="/articles/x">x</a>');
    const { html: outside } = await html('<a href="https://evil.example" rel="opener">x</a>');
    expect(outside).toContain('rel="noopener noreferrer nofollow ugc"');
    expect(outside).not.toContain('opener"');
  });

  it('leaves links inside the site alone', async () => {
    const { html: out } = await html('<a href="/articles/x">x</a>');
    expect(out).toBe('<a href="/articles/x">x</a>');
  });

  it('keeps blockquote, lists and code', async () => {
    const { html: out } = await md('> 인용\n\n- 하나\n- 둘\n\n```js\nlet a = 1;\n```');
    expect(out).toContain('<blockquote>');
    expect(out).toContain('<li>하나</li>');
    expect(out).toContain('<code class="language-js">');
  });

  it('demotes h1 in the body so the headline stays the only h1', async () => {
    expect((await md('# 큰 제목')).html).toBe('<h2>큰 제목</h2>');
  });

  it('drops a leading image that repeats the hero image, and keeps other images', async () => {
    const src = 'https://example.com/hero.jpg';
    const dropped = await renderBody(`<p><img src="${src}" alt="a" /></p><p>본문</p>`, 'html', {
      hero: { kind: 'url', url: src },
    });
    expect(dropped.html).toBe('<p>본문</p>');
    const kept = await renderBody(
      '<p><img src="https://example.com/other.jpg" alt="b"></p>',
      'html',
      { hero: { kind: 'url', url: src } },
    );
    expect(kept.html).toContain('other.jpg');
  });

  it('returns the text for excerpts', async () => {
    expect((await html('<h2>제목</h2><p>첫   문단</p>')).text).toBe('제목첫 문단');
  });
});

describe('renderBody: what can run code is dropped', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<form action="https://evil.example"><input name="q"></form>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<svg><script>alert(1)</script></svg>',
    '<style>body{display:none}</style>',
    '<div style="position:fixed;inset:0">x</div>',
  ];

  for (const input of hostile) {
    it(`neutralizes ${input}`, async () => {
      for (const { html: out } of [await html(input), await md(input)]) {
        expect(out).not.toMatch(
          /<script|onerror|javascript:|vbscript:|data:text|<iframe|<form|<object|<embed|<base|<meta|<svg|<style|style=|alert\(1\)|display:none/i,
        );
      }
    });
  }

  it('prefixes ids so content cannot clobber page globals', async () => {
    expect((await html('<p id="__next">x</p>')).html).toBe('<p id="user-content-__next">x</p>');
  });
});

describe('renderBody: content photos', () => {
  const photo = {
    hash: '0123456789abcdef0123456789abcdef',
    width: 1600,
    height: 1200,
    frames: 1,
    variants: [480, 800, 1200, 1600].flatMap((width) =>
      (['avif', 'webp', 'jpg'] as const).map((format) => ({ width, height: (width * 3) / 4, format, bytes: 1 })),
    ),
    crops: [],
    placeholder: '',
  };
  const options = { base: 'news/story.md', photos: { 'news/harbour.jpg': photo } };

  it('turns a photo beside the article into a picture of its variants, in Markdown and HTML alike', async () => {
    for (const [source, format] of [
      ['![항구](./harbour.jpg)', 'markdown'],
      ['<p><img src="harbour.jpg" alt="항구"></p>', 'html'],
    ] as const) {
      const out = await renderBody(source, format, options);
      expect(out.photos).toEqual(['news/harbour.jpg']);
      expect(out.html).toContain('<picture><source type="image/avif" srcset="/media/0123456789abcdef0123456789abcdef/480.avif 480w');
      expect(out.html).toContain('type="image/webp"');
      expect(out.html).toMatch(/<img src="\/media\/[0-9a-f]{32}\/1200\.jpg" alt="항구" width="1600" height="1200" srcset="[^"]+1600\.jpg 1600w" sizes="[^"]+" loading="lazy" decoding="async">/);
    }
  });

  it('shows nothing for a photo that is missing or not made, and keeps other sites’ images without a referrer', async () => {
    const out = await renderBody(
      '<p><img src="gone.jpg" alt="a"><img src="../../../etc/passwd.jpg"><img src="https://example.com/x.jpg" alt="b"></p>',
      'html',
      options,
    );
    expect(out.html).toBe('<p><img src="https://example.com/x.jpg" alt="b" referrerpolicy="no-referrer" loading="lazy" decoding="async"></p>');
    // The remote image is named too: REMOTE_IMAGES=import may make it a photo of ours.
    expect(out.photos).toEqual(['news/gone.jpg', 'https://example.com/x.jpg']);
  });

  it('shows an imported remote image as our own variants, and a remote one not imported as it was', async () => {
    const url = 'https://blog.example.kr/img/banner.jpg';
    const out = await renderBody(`<p><img src="${url}" alt="배너"></p>`, 'html', { ...options, photos: { [url]: photo } });
    expect(out.html).toContain('<picture><source type="image/avif" srcset="/media/0123456789abcdef0123456789abcdef/480.avif 480w');
    expect(out.html).not.toContain('blog.example.kr');
    expect(out.photos).toEqual([url]);
    // Only https: an http image is never imported, whatever the photos say.
    const plain = await renderBody('<p><img src="http://blog.example.kr/a.jpg"></p>', 'html', { ...options, photos: { 'http://blog.example.kr/a.jpg': photo } });
    expect(plain.html).toContain('src="http://blog.example.kr/a.jpg"');
    expect(plain.photos ?? []).toEqual([]);
  });

  it('drops editors’ own picture sources and srcset, so every srcset is ours', async () => {
    const out = await renderBody(
      '<picture><source srcset="https://tracker.example/a.jpg"><img src="https://example.com/x.jpg" srcset="https://tracker.example/b.jpg 2x"></picture>',
      'html',
      options,
    );
    expect(out.html).not.toContain('tracker');
    expect(out.html).not.toContain('<picture');
    const loose = await renderBody('<video><source type="image/webp" srcset="https://tracker.example/c.jpg"></video>', 'html', options);
    expect(loose.html).not.toContain('tracker');
  });

  it('drops a leading photo that repeats the hero photo, however it is written', async () => {
    const out = await renderBody('![항구](harbour.jpg)\n\n본문', 'markdown', {
      ...options,
      hero: { kind: 'photo', path: 'news/harbour.jpg' },
    });
    expect(out.html.trim()).toBe('<p>본문</p>');
  });
});

describe('sponsored content', () => {
  it('adds rel="sponsored" to links elsewhere only, whatever rel the editor wrote', async () => {
    const source = '<p><a href="https://ad.example/" rel="dofollow">광고주</a> <a href="//ad.example/x">둘</a> <a href="/articles/a" rel="sponsored">안</a></p>';
    const { html } = await renderBody(source, 'html', { siteUrl: 'https://news.example.kr', sponsored: true });
    expect(html).toBe(
      '<p><a href="https://ad.example/" rel="noopener noreferrer nofollow ugc sponsored" target="_blank">광고주</a> <a href="https://ad.example/x" rel="noopener noreferrer nofollow ugc sponsored" target="_blank">둘</a> <a href="/articles/a">안</a></p>',
    );
    const plain = await renderBody(source, 'html', { siteUrl: 'https://news.example.kr' });
    expect(plain.html).not.toContain('sponsored');
  });
});
