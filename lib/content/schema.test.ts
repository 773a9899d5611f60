import { describe, expect, it } from 'vitest';

import { parseFrontMatter } from './parse';
import { toArticle, toArticleSlug, toCategorySlug } from './schema';

const NOW = new Date('2026-11-27T00:00:00Z');

function validate(frontMatter: string, path = 'news/story.md', body = '본문') {
  const parsed = parseFrontMatter(`---\n${frontMatter}\n---\n${body}\n`);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return toArticle(parsed.value, { path, size: 1, mtimeMs: 1 }, NOW);
}

function article(frontMatter: string, path?: string) {
  const result = validate(frontMatter, path);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.article;
}

function problems(frontMatter: string, path?: string) {
  const result = validate(frontMatter, path);
  return result.ok ? result.warnings : result.problems;
}

describe('toArticle: required fields and types', () => {
  it('requires a title and names the file and line', () => {
    expect(problems('categories: 경제')).toEqual([
      { file: 'news/story.md', line: 1, severity: 'error', message: 'title: 제목이 없습니다 (필수 항목)' },
    ]);
  });

  it('refuses a title that is not text, at its line', () => {
    expect(problems('categories: 경제\ntitle: [1, 2]')).toEqual([
      { file: 'news/story.md', line: 3, severity: 'error', message: 'title: 제목은 글자여야 합니다' },
    ]);
  });

  it('refuses fields of the wrong type', () => {
    expect(problems('title: t\nbreaking: "yes"')[0]?.message).toBe('breaking: true 또는 false여야 합니다');
    expect(problems('title: t\ntags: {a: 1}')[0]?.message).toBe('tags: 글자 또는 글자의 목록이어야 합니다');
    expect(problems('title: t\ndir: up')[0]?.message).toBe('dir: ltr 또는 rtl이어야 합니다');
  });

  it('refuses dates that do not exist, at their line', () => {
    expect(problems('title: t\ndate: 2025-02-30')).toEqual([
      { file: 'news/story.md', line: 3, severity: 'error', message: 'date: 존재하지 않는 날짜입니다: "2025-02-30"' },
    ]);
  });

  it('refuses image URLs that are not http(s) or a site path', () => {
    expect(problems('title: t\nimage: "javascript:alert(1)"')[0]?.message).toBe(
      'image: http(s) 주소, /로 시작하는 경로, 또는 이 파일 기준의 사진 경로(./사진.jpg)여야 합니다: "javascript:alert(1)"',
    );
    expect(problems('title: t\nimage: //evil.example/x.png')).toHaveLength(1);
    expect(article('title: t\nimage: /images/a.svg').image).toEqual({ kind: 'url', url: '/images/a.svg' });
  });

  it('reads a photo beside the article as a content path, from the article file', () => {
    const a = article('title: t\nimage: ./harbour.jpg', 'news/2024/harbour-story.md');
    expect(a.image).toEqual({ kind: 'photo', path: 'news/2024/harbour.jpg', line: 3 });
    const html = article('title: t\nimage: ../photos/%ED%95%AD%EA%B5%AC.jpg', 'news/story.html');
    expect(html.image).toEqual({ kind: 'photo', path: 'photos/항구.jpg', line: 3 });
  });

  it('refuses a photo path that leaves the content folder or names no photo', () => {
    expect(problems('title: t\nimage: ../../etc/passwd.jpg')[0]?.message).toBe(
      'image: 사진은 content 폴더 안에 있어야 합니다: "../../etc/passwd.jpg"',
    );
    expect(problems('title: t\nimage: ./notes.txt')[0]?.message).toContain('image: 사진 파일이 아닙니다');
  });
});

describe('toArticle: fields', () => {
  it('reads the seed-style fields', () => {
    const a = article(
      [
        'title: 제목',
        'categories:\n  - News\n  - 경제',
        'excerpt: 요약',
        'feature_text: 머리글',
        "image: 'https://example.com/a.jpg'",
        'tags: [가, 나]',
        'author: 김기자',
        'date: 2024-06-12 09:30',
        'updated: 2024-06-12T11:00:00+09:00',
      ].join('\n'),
    );
    expect(a).toMatchObject({
      slug: 'story',
      title: '제목',
      categories: [
        { name: 'News', slug: 'news' },
        { name: '경제', slug: '경제' },
      ],
      excerpt: '요약',
      featureText: '머리글',
      image: { kind: 'url', url: 'https://example.com/a.jpg' },
      socialImage: { kind: 'url', url: 'https://example.com/a.jpg' },
      tags: [
        { name: '가', slug: '가' },
        { name: '나', slug: '나' },
      ],
      author: '김기자',
      dated: true,
      lang: 'ko',
      dir: 'ltr',
      format: 'markdown',
      breaking: false,
      draft: false,
    });
    expect(a.published.toISOString()).toBe('2024-06-12T00:30:00.000Z');
    expect(a.updated?.toISOString()).toBe('2024-06-12T02:00:00.000Z');
  });

  it('accepts a single category string and the singular `category`', () => {
    expect(article('title: t\ncategories: 경제').categories.map((c) => c.name)).toEqual(['경제']);
    expect(article('title: t\ncategory: [사회, 경제]').categories.map((c) => c.name)).toEqual(['사회', '경제']);
  });

  it('prefers feature_image for social cards and falls back to it for the hero', () => {
    const a = article('title: t\nfeature_image: /images/social.png');
    expect(a.image).toEqual({ kind: 'url', url: '/images/social.png' });
    expect(a.socialImage).toBe(a.image);
  });

  it('reads breaking, breaking_until and draft', () => {
    const a = article('title: t\nbreaking: true\nbreaking_until: 2099-01-01 12:00\ndraft: true');
    expect(a.breaking).toBe(true);
    expect(a.breakingUntil?.toISOString()).toBe('2099-01-01T03:00:00.000Z');
    expect(a.draft).toBe(true);
  });

  it('gives right-to-left languages dir="rtl" unless told otherwise', () => {
    expect(article('title: t\nlang: ar').dir).toBe('rtl');
    expect(article('title: t\nlang: en').dir).toBe('ltr');
    expect(article('title: t\nlang: ar\ndir: ltr').dir).toBe('ltr');
  });

  it('knows the body format from the extension', () => {
    expect(article('title: t', 'a.html').format).toBe('html');
    expect(article('title: t', 'a.HTM').format).toBe('html');
    expect(article('title: t', 'a.markdown').format).toBe('markdown');
  });
});

describe('toArticle: dates and slugs', () => {
  it('takes the date from a Jekyll file-name prefix, and keeps the prefix in the slug', () => {
    const a = article('title: t', 'posts/2024-06-12-1.md');
    expect(a.slug).toBe('2024-06-12-1');
    expect(a.published.toISOString()).toBe('2024-06-11T15:00:00.000Z');
    expect(a.dated).toBe(true);
  });

  it('prefers the date field over the file-name prefix', () => {
    expect(article('title: t\ndate: 2024-07-01 08:00', '2024-06-12-1.md').published.toISOString()).toBe(
      '2024-06-30T23:00:00.000Z',
    );
  });

  it('sorts an undated article last and warns the editor', () => {
    const result = validate('title: t', 'undated.md');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.dated).toBe(false);
    expect(result.article.published.getTime()).toBe(0);
    expect(result.warnings).toEqual([
      {
        file: 'undated.md',
        line: 1,
        severity: 'warning',
        message: 'date가 없고 파일 이름에도 YYYY-MM-DD- 날짜가 없습니다: 입력 시각 없이 모든 기사 뒤에 놓입니다',
      },
    ]);
  });

  it('uses the slug field over the file name, and keeps Hangul', () => {
    expect(article('title: t\nslug: 속보-네이버', 'x.md').slug).toBe('속보-네이버');
    expect(article('title: t', '네이버 소식.md').slug).toBe('네이버-소식');
  });

  it('normalizes decomposed Hangul file names (macOS) to composed form', () => {
    expect(article('title: t', '\u1100\u1161.md').slug).toBe('가');
  });

  it('refuses slugs that cannot be one URL segment', () => {
    expect(problems('title: t\nslug: a/b')[0]?.message).toBe('slug: URL에 쓸 수 없는 값입니다: "a/b" (/ \\ ? # % 는 쓸 수 없습니다)');
    expect(toArticleSlug('..')).toBeUndefined();
    expect(toArticleSlug('100%')).toBeUndefined();
  });

  it('makes stable category slugs, Korean included', () => {
    expect(toCategorySlug('News')).toBe('news');
    expect(toCategorySlug('IT·과학')).toBe('it과학');
    expect(toCategorySlug('국제 뉴스')).toBe('국제-뉴스');
  });
});

describe('toArticle: warnings', () => {
  it('warns when the excerpt repeats feature_text', () => {
    expect(problems('title: t\ndate: 2024-01-01\nexcerpt: 같은 글\nfeature_text: 같은 글')).toEqual([
      {
        file: 'news/story.md',
        line: 4,
        severity: 'warning',
        message: 'excerpt와 feature_text가 같습니다: 목록의 요약과 기사 머리글이 똑같이 보입니다',
      },
    ]);
  });

  it('warns when breaking_until has passed', () => {
    expect(problems('title: t\ndate: 2024-01-01\nbreaking: true\nbreaking_until: 2020-01-01')[0]?.message).toBe(
      'breaking_until이 이미 지났습니다: 속보 띠에 보이지 않습니다',
    );
  });
});

describe('toArticle: corrections and photos', () => {
  const read = (front: string) => {
    const parsed = parseFrontMatter(`---\ntitle: 기사\ndate: 2026-11-27 09:00\n${front}\n---\n본문\n`);
    if (!parsed.ok) throw new Error('bad fixture', { cause: parsed.problem });
    return toArticle(parsed.value, { path: 'a.md', size: 1, mtimeMs: 1 });
  };

  it('reads corrections newest first, and moves 수정 to the newest one', () => {
    const result = read(
      'updated: 2026-11-27 10:00\ncorrections:\n  - date: 2026-11-27 11:00\n    text: 첫 정정\n  - date: 2026-11-28 09:00\n    text: 둘째 정정',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.corrections.map((c) => c.text)).toEqual(['둘째 정정', '첫 정정']);
    expect(result.article.updated?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
  });

  it('keeps a later updated time than any correction', () => {
    const result = read('updated: 2026-12-01 10:00\ncorrections:\n  - date: 2026-11-27 11:00\n    text: 정정');
    expect(result.ok && result.article.updated?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });

  it.each([
    ['corrections: 정정했습니다', 'corrections: "- date: …, text: …" 항목의 목록이어야 합니다'],
    ['corrections:\n  - date: 2026-11-31 10:00\n    text: x', 'corrections: 1번째 정정의 date: '],
    ['corrections:\n  - date: 2026-11-27 10:00', 'corrections의 text: 정정 내용(글자)이 있어야 합니다'],
  ])('reports %j at the corrections line', (front, message) => {
    const result = read(front);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toContain(message);
    expect(result.problems[0]?.line).toBe(4);
  });

  it('reads the hero photo’s alt text, caption and credit', () => {
    const result = read('image: /images/a.png\nimage_alt: 설명\nimage_caption: 사진 설명\nimage_credit: 김기자');
    expect(result.ok && [result.article.imageAlt, result.article.imageCaption, result.article.imageCredit]).toEqual([
      '설명',
      '사진 설명',
      '김기자',
    ]);
  });

  it('keeps each picture’s words with it when both image and feature_image are given', () => {
    const both = read(
      'image: /images/hero.png\nimage_alt: 본문 사진\nimage_credit: 김기자\nfeature_image: /images/card.png\nfeature_image_alt: 공유 사진',
    );
    if (!both.ok) throw new Error('should read');
    expect([both.article.image, both.article.imageAlt, both.article.imageCredit]).toEqual([{ kind: 'url', url: '/images/hero.png' }, '본문 사진', '김기자']);
    expect([both.article.socialImage, both.article.socialImageAlt]).toEqual([{ kind: 'url', url: '/images/card.png' }, '공유 사진']);

    const featureOnly = read('feature_image: /images/card.png\nfeature_image_caption: 행사장\nfeature_image_credit: 연합');
    if (!featureOnly.ok) throw new Error('should read');
    expect([featureOnly.article.image, featureOnly.article.imageCaption, featureOnly.article.imageCredit]).toEqual([
      { kind: 'url', url: '/images/card.png' },
      '행사장',
      '연합',
    ]);
  });
});
