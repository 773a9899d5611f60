import { describe, expect, it } from 'vitest';

import { toImageRef } from './image-ref';

const from = (value: string, owner = 'news/2024/story.md') => toImageRef(value, owner);

describe('toImageRef', () => {
  it('resolves a photo from the file that names it, in NFC, without query or fragment', () => {
    expect(from('./harbour.jpg')).toEqual({ ok: true, ref: { kind: 'photo', path: 'news/2024/harbour.jpg' } });
    expect(from('photos/a.PNG?v=2#x')).toEqual({ ok: true, ref: { kind: 'photo', path: 'news/2024/photos/a.PNG' } });
    expect(from('../../항구.webp')).toEqual({ ok: true, ref: { kind: 'photo', path: '항구.webp' } });
    expect(from('%ED%95%AD%EA%B5%AC.jpg')).toEqual({ ok: true, ref: { kind: 'photo', path: 'news/2024/항구.jpg' } });
  });

  it('keeps URLs as written: https and /… into public/', () => {
    expect(from('https://example.com/a.jpg')).toEqual({ ok: true, ref: { kind: 'url', url: 'https://example.com/a.jpg' } });
    expect(from('/images/a.svg')).toEqual({ ok: true, ref: { kind: 'url', url: '/images/a.svg' } });
  });

  it.each([
    ['../../../etc/passwd.jpg', '사진은 content 폴더 안에 있어야 합니다'],
    ['%2e%2e/%2e%2e/%2e%2e/secret.jpg', '사진은 content 폴더 안에 있어야 합니다'],
    ['..\\..\\x.jpg', '쓸 수 없는 글자'],
    ['a%00.jpg', '쓸 수 없는 글자'],
    ['notes.txt', '사진 파일이 아닙니다'],
    ['./', '사진 파일이 아닙니다'],
    ['javascript:alert(1)', 'http(s) 주소'],
    ['data:image/png;base64,AAAA', 'http(s) 주소'],
    ['//evil.example/x.jpg', 'http(s) 주소'],
  ])('refuses %s', (value, message) => {
    const read = from(value);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toContain(message);
  });
});
