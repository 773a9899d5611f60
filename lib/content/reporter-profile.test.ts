import { describe, expect, it } from 'vitest';

import { toReporter } from './reporter-profile';

function read(yaml: string) {
  return toReporter(`name: 홍길동\n${yaml}\n`, { path: '_reporters/hong.yml', size: 1, mtimeMs: 1 });
}

describe('toReporter: links', () => {
  it('takes http(s) pages, labelled by their host, and mailto: with one address, labelled by it', () => {
    const result = read('links:\n  - https://x.com/hong\n  - http://blog.example.kr/\n  - mailto:hong@example.com');
    expect(result.ok && result.reporter.links).toEqual([
      { href: 'https://x.com/hong', label: 'x.com' },
      { href: 'http://blog.example.kr/', label: 'blog.example.kr' },
      { href: 'mailto:hong@example.com', label: 'hong@example.com' },
    ]);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://files.example.kr/',
    'vbscript:msgbox(1)',
    '/reporters/kim',
    'x.com/hong',
    'mailto:',
    'mailto:주소아님',
    'https://user:secret@example.kr/',
  ])('refuses %s as a link, at the line of links', (link) => {
    const result = read(`role: 기자\nlinks:\n  - "${link}"`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      {
        file: '_reporters/hong.yml',
        line: 4,
        severity: 'error',
        message: `links: http(s) 주소나 mailto:전자우편 주소의 목록이어야 합니다: "${link}"`,
      },
    ]);
  });

  it('refuses a photo that is not an http(s) URL or a site path', () => {
    const result = read('photo: "javascript:alert(1)"');
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([
      'photo: http(s) 주소, /로 시작하는 경로, 또는 이 파일 기준의 사진 경로(./사진.jpg)여야 합니다: "javascript:alert(1)"',
    ]);
    const ok = read('photo: /images/reporters/hong.jpg');
    expect(ok.ok && ok.reporter.photo).toEqual({ kind: 'url', url: '/images/reporters/hong.jpg' });
    const beside = read('photo: hong.jpg');
    expect(beside.ok && beside.reporter.photo).toEqual({ kind: 'photo', path: '_reporters/hong.jpg', line: 2 });
  });
});

describe('toSiteIdentity: logo', () => {
  it('reads a logo beside _site.yml as a content photo, and refuses one outside the folder at its line', async () => {
    const { toSiteIdentity } = await import('./site-identity');
    const file = { path: '_site.yml', size: 1, mtimeMs: 1 };
    const good = toSiteIdentity('name: 한빛일보\nlogo: ./brand/logo.png\n', file);
    expect(good.ok && good.site.logo).toEqual({ kind: 'photo', path: 'brand/logo.png', line: 2 });
    const bad = toSiteIdentity('name: 한빛일보\nlogo: ../logo.png\n', file);
    expect(!bad.ok && bad.problems).toEqual([
      { file: '_site.yml', line: 2, severity: 'error', message: 'logo: 사진은 content 폴더 안에 있어야 합니다: "../logo.png"' },
    ]);
  });
});
