import { describe, expect, it } from 'vitest';

import { FIELD_LIMITS, tooLong, tooMany } from './field-limits';
import { toLiveUpdate } from './live-update';
import { parseFrontMatter, type ContentProblem } from './parse';
import { toReporter } from './reporter-profile';
import { toArticle, toPage } from './schema';
import { toSiteIdentity } from './site-identity';

type Kind = 'article' | 'page' | 'live update' | 'reporter' | 'site';

/** A YAML file's lines, with a `name` after them unless they give one. */
const withName = (lines: string, name: string) => (lines.startsWith('name:') ? lines : `${lines}\nname: ${name}\n`);

/** The problems (or warnings) of one file of `kind` whose first lines are `lines`. */
function check(kind: Kind, lines: string): ContentProblem[] {
  const source = (path: string) => ({ path, size: 1, mtimeMs: 1 });
  const frontMatter = (rest: string) => {
    const others = rest.split('\n').filter((line) => !lines.startsWith(line.split(':')[0] ?? ''));
    const parsed = parseFrontMatter(`---\n${lines}\n${others.join('\n')}\n---\n본문\n`);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    return parsed.value;
  };
  const result =
    kind === 'article'
      ? toArticle(frontMatter('title: 제목\ndate: 2026-11-27 09:00'), source('news/story.md'))
      : kind === 'page'
        ? toPage(frontMatter('title: 소개'), source('_pages/about.md'))
        : kind === 'live update'
          ? toLiveUpdate(frontMatter('date: 2026-11-27 09:00'), source('a.live/1.md'))
          : kind === 'reporter'
            ? toReporter(withName(lines, '홍길동'), source('_reporters/hong.yml'))
            : toSiteIdentity(withName(lines, '시험일보'), source('_site.yml'));
  return result.ok ? result.warnings : result.problems;
}

const chars = (n: number) => '가'.repeat(n);
const url = (n: number) => `https://example.com/${'a'.repeat(n - 20)}`;
const list = (n: number, item: (i: number) => string) =>
  `\n${Array.from({ length: n }, (_, i) => `  - "${item(i)}"`).join('\n')}`;
const itemTooLong = (field: string, limit: number) => `${field}: 한 항목이 너무 깁니다 (최대 ${limit}자)`;

const A = FIELD_LIMITS.article;
const R = FIELD_LIMITS.reporter;
const S = FIELD_LIMITS.site;

/** [file kind, what is capped, the cap, the file's first line(s) at a given size, the message over the cap]. */
const CASES: [Kind, string, number, (n: number) => string, string][] = [
  ['article', 'title', A.title, (n) => `title: "${chars(n)}"`, tooLong('title', A.title)],
  ['article', 'slug', A.slug, (n) => `slug: "${chars(n)}"`, tooLong('slug', A.slug)],
  ['article', 'excerpt', A.excerpt, (n) => `excerpt: "${chars(n)}"`, tooLong('excerpt', A.excerpt)],
  ['article', 'feature_text', A.feature_text, (n) => `feature_text: "${chars(n)}"`, tooLong('feature_text', A.feature_text)],
  ['article', 'image', A.image, (n) => `image: "${url(n)}"`, tooLong('image', A.image)],
  ['article', 'feature_image', A.image, (n) => `feature_image: "${url(n)}"`, tooLong('feature_image', A.image)],
  ['article', 'image_alt', A.alt, (n) => `image_alt: "${chars(n)}"`, tooLong('image_alt', A.alt)],
  ['article', 'image_caption', A.caption, (n) => `image_caption: "${chars(n)}"`, tooLong('image_caption', A.caption)],
  ['article', 'image_credit', A.credit, (n) => `image_credit: "${chars(n)}"`, tooLong('image_credit', A.credit)],
  ['article', 'feature_image_alt', A.alt, (n) => `feature_image_alt: "${chars(n)}"`, tooLong('feature_image_alt', A.alt)],
  ['article', 'feature_image_caption', A.caption, (n) => `feature_image_caption: "${chars(n)}"`, tooLong('feature_image_caption', A.caption)],
  ['article', 'feature_image_credit', A.credit, (n) => `feature_image_credit: "${chars(n)}"`, tooLong('feature_image_credit', A.credit)],
  ['article', 'one category', A.term, (n) => `categories: "${chars(n)}"`, itemTooLong('categories', A.term)],
  ['article', 'categories (count)', A.categories, (n) => `categories:${list(n, (i) => `분류${i}`)}`, tooMany('categories', A.categories)],
  ['article', 'one category (singular key)', A.term, (n) => `category: "${chars(n)}"`, itemTooLong('category', A.term)],
  ['article', 'one tag', A.term, (n) => `tags: ["${chars(n)}"]`, itemTooLong('tags', A.term)],
  ['article', 'tags (count)', A.tags, (n) => `tags:${list(n, (i) => `태그${i}`)}`, tooMany('tags', A.tags)],
  ['article', 'one author', A.author, (n) => `author: "${chars(n)}"`, itemTooLong('author', A.author)],
  ['article', 'authors (count)', A.authors, (n) => `author:${list(n, (i) => `기자${i}`)}`, tooMany('author', A.authors)],
  ['article', 'one redirect_from', A.redirect, (n) => `redirect_from: "/${'a'.repeat(n - 1)}"`, itemTooLong('redirect_from', A.redirect)],
  ['article', 'redirect_from (count)', A.redirects, (n) => `redirect_from:${list(n, (i) => `old-${i}`)}`, tooMany('redirect_from', A.redirects)],
  ['article', 'a correction text', A.correction, (n) => `corrections:\n  - date: 2026-11-27 10:00\n    text: "${chars(n)}"`, tooLong('corrections의 text', A.correction)],
  ['article', 'corrections (count)', A.corrections, (n) => `corrections:${'\n  - { date: 2026-11-27 10:00, text: 고침 }'.repeat(n)}`, `corrections: 정정이 너무 많습니다 (최대 ${A.corrections}개)`],
  ['article', 'updated', A.date, (n) => `updated: "${'9'.repeat(n)}"`, tooLong('updated', A.date)],
  ['article', 'lang', A.lang, (n) => `lang: "${'k'.repeat(n)}"`, tooLong('lang', A.lang)],
  ['page', 'title', A.title, (n) => `title: "${chars(n)}"`, tooLong('title', A.title)],
  ['page', 'slug', A.slug, (n) => `slug: "${chars(n)}"`, tooLong('slug', A.slug)],
  ['live update', 'title', A.title, (n) => `title: "${chars(n)}"`, tooLong('title', A.title)],
  ['live update', 'one author', A.author, (n) => `author: ["${chars(n)}"]`, itemTooLong('author', A.author)],
  ['reporter', 'name', R.name, (n) => `name: "${chars(n)}"`, tooLong('name', R.name)],
  ['reporter', 'role', R.role, (n) => `role: "${chars(n)}"`, tooLong('role', R.role)],
  ['reporter', 'desk', R.desk, (n) => `desk: "${chars(n)}"`, tooLong('desk', R.desk)],
  ['reporter', 'bio', R.bio, (n) => `bio: "${chars(n)}"`, tooLong('bio', R.bio)],
  ['reporter', 'photo', R.photo, (n) => `photo: "${url(n)}"`, tooLong('photo', R.photo)],
  ['reporter', 'email', R.email, (n) => `email: "${'a'.repeat(n - 12)}@example.com"`, tooLong('email', R.email)],
  ['reporter', 'one link', R.link, (n) => `links: ["${url(n)}"]`, itemTooLong('links', R.link)],
  ['reporter', 'links (count)', R.links, (n) => `links:${list(n, (i) => `https://example.com/${i}`)}`, tooMany('links', R.links)],
  ['site', 'name', S.name, (n) => `name: "${chars(n)}"`, tooLong('name', S.name)],
  ['site', 'publisher', S.other, (n) => `publisher: "${chars(n)}"`, tooLong('publisher', S.other)],
  ['site', 'description', S.description, (n) => `description: "${chars(n)}"`, tooLong('description', S.description)],
  ['site', 'url', S.url, (n) => `url: "${url(n)}"`, tooLong('url', S.url)],
  ['site', 'registration_number', S.other, (n) => `registration_number: "${chars(n)}"`, tooLong('registration_number', S.other)],
  ['site', 'registration_date', S.other, (n) => `registration_date: "${chars(n)}"`, tooLong('registration_date', S.other)],
  ['site', 'editor', S.other, (n) => `editor: "${chars(n)}"`, tooLong('editor', S.other)],
  ['site', 'youth_protection_officer', S.other, (n) => `youth_protection_officer: "${chars(n)}"`, tooLong('youth_protection_officer', S.other)],
  ['site', 'youth_protection_officer.contact', S.other, (n) => `youth_protection_officer:\n  name: 박지민\n  contact: "${chars(n)}"`, tooLong('youth_protection_officer.contact', S.other)],
  ['site', 'address', S.other, (n) => `address: "${chars(n)}"`, tooLong('address', S.other)],
  ['site', 'phone', S.other, (n) => `phone: "${chars(n)}"`, tooLong('phone', S.other)],
  ['site', 'email', S.other, (n) => `email: "${chars(n)}"`, tooLong('email', S.other)],
  ['site', 'tips', S.other, (n) => `tips: "${chars(n)}"`, tooLong('tips', S.other)],
  ['site', 'copyright', S.other, (n) => `copyright: "${chars(n)}"`, tooLong('copyright', S.other)],
];

describe('every plain-text field has a cap', () => {
  it.each(CASES)('%s %s: %i is allowed, one more is an error at its line', (kind, _what, limit, lines, message) => {
    expect(check(kind, lines(limit)).map((p) => p.message)).not.toContain(message);
    const over = check(kind, lines(limit + 1));
    // The field is the file's first key: line 2 after `---`; in a YAML file, where its value starts.
    const valueLine = /^[^:]+:\s*$/m.test(lines(limit).split('\n')[0] ?? '') ? 2 : 1;
    const line = kind === 'reporter' || kind === 'site' ? valueLine : 2;
    expect(over).toContainEqual(expect.objectContaining({ severity: 'error', line, message }));
  });

  it('refuses a 650 KB headline, which once made the home page 4 MB', () => {
    // Refused before YAML runs: front matter that long is over its own limit (lib/content/format/yaml.ts).
    const parsed = parseFrontMatter(`---\ntitle: "${'속보 '.repeat(220_000)}"\nbreaking: true\n---\n본문`);
    expect(parsed.ok ? undefined : parsed.problem).toMatchObject({ line: 1, message: expect.stringContaining('front matter가 너무 깁니다') });
    // Within the front matter's limit, the headline's own cap still refuses it.
    expect(check('article', `title: "${'속보 '.repeat(20_000)}"\nbreaking: true`)).toEqual([
      { file: 'news/story.md', line: 2, severity: 'error', message: tooLong('title', A.title) },
    ]);
  });
});
