import { describe, expect, it } from 'vitest';

import { fromVideoToken, parseVideoUrl, playerUrl, watchUrl } from '@/lib/video';

import { renderBody } from './pipeline';

describe('video addresses editors paste', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', { provider: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://youtu.be/dQw4w9WgXcQ?t=90', { provider: 'youtube', id: 'dQw4w9WgXcQ', start: 90 }],
    ['https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s', { provider: 'youtube', id: 'dQw4w9WgXcQ', start: 90 }],
    ['https://www.youtube.com/shorts/dQw4w9WgXcQ', { provider: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ?start=5', { provider: 'youtube', id: 'dQw4w9WgXcQ', start: 5 }],
    ['//www.youtube-nocookie.com/embed/dQw4w9WgXcQ', { provider: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://vimeo.com/76979871', { provider: 'vimeo', id: '76979871' }],
    ['https://player.vimeo.com/video/76979871?h=abc', { provider: 'vimeo', id: '76979871' }],
  ])('%s', (url, video) => {
    expect(parseVideoUrl(url)).toEqual({ start: undefined, ...video });
  });

  it.each([
    'https://www.youtube.com/watch?v=short',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload="x',
    'https://evil.example/embed/dQw4w9WgXcQ',
    'https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
    'javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ',
    'https://vimeo.com/channels/staffpicks',
    'https://www.youtube.com/@channel',
  ])('not a video: %s', (url) => {
    expect(parseVideoUrl(url)).toBeUndefined();
  });

  it('builds the privacy-enhanced player and the watch page from the id alone', () => {
    const video = fromVideoToken('youtube:dQw4w9WgXcQ:90');
    if (!video) throw new Error('token should read');
    expect(playerUrl(video)).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0&start=90');
    expect(watchUrl(video)).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s');
    expect(playerUrl({ provider: 'vimeo', id: '76979871' })).toBe('https://player.vimeo.com/video/76979871?autoplay=1&dnt=1');
    expect(fromVideoToken('youtube:../../x')).toBeUndefined();
    expect(fromVideoToken('vimeo:1:-5')).toBeUndefined();
  });
});

const facade = (token: string, label: string, href: string) =>
  `<figure class="video-embed"><a href="${href}" class="video-embed-link" data-video="${token}" rel="noopener noreferrer nofollow ugc" target="_blank"><span class="video-embed-play" aria-hidden="true"></span><span class="video-embed-label">${label}</span></a></figure>`;

describe('videos in bodies become click-to-load facades', () => {
  it('a YouTube address on its own line in Markdown', async () => {
    const { html, videos } = await renderBody('앞 문단\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n뒤 문단', 'markdown');
    expect(html).toBe(
      `<p>앞 문단</p>\n${facade('youtube:dQw4w9WgXcQ', 'YouTube 동영상 재생 (YouTube)', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ')}\n<p>뒤 문단</p>`,
    );
    expect(videos).toBe(1);
  });

  it("the provider's iframe embed code, wrapped the way Tistory wraps it, keeps its title", async () => {
    const { html } = await renderBody(
      '<figure data-ke-type="video" data-ke-style="alignCenter"><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="860" height="484" frameborder="" allowfullscreen="true" title="누리호 발사 현장"></iframe></figure><p><iframe src="https://player.vimeo.com/video/76979871"></iframe></p>',
      'html',
    );
    expect(html).toBe(
      facade('youtube:dQw4w9WgXcQ', '누리호 발사 현장 재생 (YouTube)', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ') +
        facade('vimeo:76979871', 'Vimeo 동영상 재생 (Vimeo)', 'https://vimeo.com/76979871'),
    );
  });

  it('leaves links with words of their own, and removes every other iframe', async () => {
    const { html, videos } = await renderBody(
      '<p><a href="https://youtu.be/dQw4w9WgXcQ">영상 보기</a></p><iframe src="https://evil.example/embed/dQw4w9WgXcQ"></iframe><p>https://www.youtube.com/watch?v=dQw4w9WgXcQ 를 보세요</p>',
      'html',
    );
    expect(html).not.toContain('<iframe');
    expect(html).not.toContain('data-video');
    expect(html).toContain('영상 보기</a>');
    expect(videos).toBeUndefined();
  });

  it('keeps an editor from forging a facade that points anywhere else', async () => {
    const { html } = await renderBody(
      '<a href="https://evil.example" data-video="youtube:../../evil" class="video-embed-link">x</a>',
      'html',
    );
    expect(html).not.toContain('data-video');
  });
});
