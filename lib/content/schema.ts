// Front matter → `Article` or `Page`: the rules every article and page file is held to, each
// mistake a Korean message at the line of the field it names.
import { z } from 'zod';

import { site } from '@/lib/site';

import { getFileNameDate, parseContentDate } from './dates';
import { authorField, toAuthorList } from './author-field';
import { cappedList, FIELD_LIMITS, tooLong } from './field-limits';
import { ARTICLE_EXTENSION_LIST, getBodyFormat, stripArticleExtension } from './format/extensions';
import { getRenderCostProblem } from './limits';
import type { LiveUpdateResult } from './live-update';
import type { ReporterResult } from './reporter-profile';
import type { SeriesResult } from './series-file';
import type { SiteIdentityResult } from './site-identity';
import { toImageRef, type ImageRef } from './image-ref';
import { ARTICLE_KINDS, CORRECTION_KINDS, isLegalCorrection, toArticleKind, type CorrectionKind } from './kinds';
import { frontMatterProblems, keyLine, type ParsedFile } from './parse';
import { toSeriesId } from './series-id';
import { toArticleSlug, toCategorySlug } from './slugs';
import type { Article, ArticleSeries, ArticleSource, Category, ContentProblem, Correction, Page, PhotoFile } from './types';

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** The writing direction of a language tag: right to left for Arabic, Hebrew, Persian … */
function toDirection(lang: string): 'ltr' | 'rtl' {
  const primary = lang.split('-')[0]?.toLowerCase() ?? lang;
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}

const LIMIT = FIELD_LIMITS.article;
const SERIES_ORDER_MESSAGE = `series_order: 연재 안의 순서는 1부터 ${LIMIT.seriesOrder}까지의 정수여야 합니다`;

const text = (field: string, limit: number) =>
  z.string({ error: `${field}: 글자여야 합니다` }).trim().max(limit, tooLong(field, limit));

/** A single word or a list of them; numbers are accepted as the words they look like. */
const wordList = (field: string, each: number, count: number) =>
  z
    .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))], {
      error: `${field}: 글자 또는 글자의 목록이어야 합니다`,
    })
    .transform((value) =>
      (Array.isArray(value) ? value : [value]).map((v) => String(v).trim()).filter(Boolean),
    )
    .pipe(cappedList(field, each, count));

const flag = (field: string) => z.boolean({ error: `${field}: true 또는 false여야 합니다` });

const dateText = (field: string) =>
  z
    .union([z.string(), z.number()], { error: `${field}: 날짜여야 합니다 (예: 2024-06-12 09:30)` })
    .transform(String)
    .pipe(z.string().max(LIMIT.date, tooLong(field, LIMIT.date)));

/** `slug`: text, or a number read as the text it looks like. */
const slugField = z
  .union([z.string(), z.number()], { error: 'slug: 글자여야 합니다' })
  .transform(String)
  .pipe(z.string().max(LIMIT.slug, tooLong('slug', LIMIT.slug)));

const KIND_MESSAGE = `kind: ${ARTICLE_KINDS.join(', ')} 중 하나여야 합니다 (광고·협찬은 광고 또는 협찬으로도 씁니다)`;

/** `kind:` in Korean (or an accepted English alias); anything else is named back to the editor. */
const kindField = z
  .string({ error: KIND_MESSAGE })
  .max(LIMIT.term, KIND_MESSAGE)
  .transform((value, ctx) => {
    const kind = toArticleKind(value);
    if (!kind) ctx.addIssue({ code: 'custom', message: `${KIND_MESSAGE}: "${value.trim()}"는 알 수 없는 종류입니다` });
    return kind ?? z.NEVER;
  });

const CORRECTION_KIND_MESSAGE = `corrections의 kind: ${CORRECTION_KINDS.join(', ')} 중 하나여야 합니다`;

const correctionKind = z.enum(CORRECTION_KINDS, { error: CORRECTION_KIND_MESSAGE });

const correctionEntry = z
  .looseObject({
    kind: correctionKind.optional(),
    title: text('corrections의 title', LIMIT.correction_title).optional(),
    date: dateText('corrections의 date'),
    text: z
      .string({ error: 'corrections의 text: 정정 내용(글자)이 있어야 합니다' })
      .trim()
      .max(LIMIT.correction, tooLong('corrections의 text', LIMIT.correction))
      .optional(),
    pending: flag('corrections의 pending').optional(),
  })
  .superRefine((entry, ctx) => {
    const kind: CorrectionKind = entry.kind ?? '바로잡습니다';
    if (entry.pending && !isLegalCorrection(kind)) {
      ctx.addIssue({ code: 'custom', message: 'corrections의 pending: 정정보도, 반론보도, 추후보도에만 쓸 수 있습니다 (kind를 적어 주세요)' });
    }
    // A pending request may say no more than that it was made; anything settled says what it corrects.
    if (!entry.pending && !entry.text) {
      ctx.addIssue({
        code: 'custom',
        message: entry.text === undefined ? 'corrections의 text: 정정 내용(글자)이 있어야 합니다' : 'corrections의 text: 정정 내용이 비어 있습니다',
      });
    }
  });

const frontMatterSchema = z.looseObject({
  title: z
    .string({
      error: (issue) =>
        issue.input === undefined ? 'title: 제목이 없습니다 (필수 항목)' : 'title: 제목은 글자여야 합니다',
    })
    .trim()
    .min(1, 'title: 제목이 비어 있습니다')
    .max(LIMIT.title, tooLong('title', LIMIT.title)),
  categories: wordList('categories', LIMIT.term, LIMIT.categories).optional(),
  category: wordList('category', LIMIT.term, LIMIT.categories).optional(),
  tags: wordList('tags', LIMIT.term, LIMIT.tags).optional(),
  date: dateText('date').optional(),
  updated: dateText('updated').optional(),
  last_modified_at: dateText('last_modified_at').optional(),
  excerpt: text('excerpt', LIMIT.excerpt).optional(),
  feature_text: text('feature_text', LIMIT.feature_text).optional(),
  image: text('image', LIMIT.image).optional(),
  feature_image: text('feature_image', LIMIT.image).optional(),
  author: authorField.optional(),
  image_alt: text('image_alt', LIMIT.alt).optional(),
  image_caption: text('image_caption', LIMIT.caption).optional(),
  image_credit: text('image_credit', LIMIT.credit).optional(),
  feature_image_alt: text('feature_image_alt', LIMIT.alt).optional(),
  feature_image_caption: text('feature_image_caption', LIMIT.caption).optional(),
  feature_image_credit: text('feature_image_credit', LIMIT.credit).optional(),
  kind: kindField.optional(),
  source: text('source', LIMIT.source).optional(),
  corrections: z
    .array(correctionEntry, { error: 'corrections: "- date: …, text: …" 항목의 목록이어야 합니다' })
    .max(LIMIT.corrections, `corrections: 정정이 너무 많습니다 (최대 ${LIMIT.corrections}개)`)
    .optional(),
  breaking: flag('breaking').optional(),
  top: flag('top').optional(),
  redirect_from: wordList('redirect_from', LIMIT.redirect, LIMIT.redirects).optional(),
  breaking_until: dateText('breaking_until').optional(),
  live: flag('live').optional(),
  live_until: dateText('live_until').optional(),
  draft: flag('draft').optional(),
  published: flag('published').optional(),
  slug: slugField.optional(),
  lang: z
    .string({ error: 'lang: 언어 코드여야 합니다 (예: ko, en, ar)' })
    .trim()
    .max(LIMIT.lang, tooLong('lang', LIMIT.lang))
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'lang: 언어 코드여야 합니다 (예: ko, en, ar)')
    .optional(),
  dir: z.enum(['ltr', 'rtl'], { error: 'dir: ltr 또는 rtl이어야 합니다' }).optional(),
  // Checked by toSeriesId in toArticle, which says what a series id may be.
  series: z.unknown().optional(),
  series_order: z
    .number({ error: SERIES_ORDER_MESSAGE })
    .int(SERIES_ORDER_MESSAGE)
    .min(1, SERIES_ORDER_MESSAGE)
    .max(LIMIT.seriesOrder, SERIES_ORDER_MESSAGE)
    .optional(),
});

type FrontMatter = z.infer<typeof frontMatterSchema>;

export { toArticleSlug, toCategorySlug } from './slugs';

export type ValidationResult =
  | { ok: true; article: Article; warnings: ContentProblem[] }
  | { ok: false; problems: ContentProblem[] };

export type PageResult =
  | { ok: true; page: Page; warnings: ContentProblem[] }
  | { ok: false; problems: ContentProblem[] };

/** A photo file is not read here: only noted, so the media pipeline can make its variants. */
export type PhotoFileResult = { ok: true; photo: PhotoFile; warnings: ContentProblem[] };

/** What reading one content file gives: an article, a page, the site's identity, or the problems that stop it. */
export type LoadResult =
  | ValidationResult
  | PageResult
  | SiteIdentityResult
  | ReporterResult
  | SeriesResult
  | LiveUpdateResult
  | PhotoFileResult;

const pageSchema = z.looseObject({
  title: frontMatterSchema.shape.title,
  slug: frontMatterSchema.shape.slug,
  updated: dateText('updated').optional(),
  lang: frontMatterSchema.shape.lang,
  dir: frontMatterSchema.shape.dir,
});

/** Turns a file under `_pages/` into a `Page`: a title, an optional slug and update time, a body. */
export function toPage(parsed: ParsedFile, source: ArticleSource): PageResult {
  const file = source.path;
  const lineOf = (key: string) => keyLine(parsed, key);
  const result = pageSchema.safeParse(parsed.data);
  if (!result.success) return { ok: false, problems: frontMatterProblems(parsed, file, result.error.issues) };
  const fm = result.data;
  const problems: ContentProblem[] = [];
  const fileName = file.split('/').pop() ?? file;
  const format = getBodyFormat(fileName);
  const rawSlug = fm.slug ?? stripArticleExtension(fileName);
  const slug = toArticleSlug(rawSlug);
  if (!slug) {
    problems.push({ file, line: lineOf('slug') ?? 1, severity: 'error', message: `slug: URL에 쓸 수 없는 값입니다: "${rawSlug}"` });
  }
  let updated: Date | undefined;
  if (fm.updated !== undefined) {
    const parsedDate = parseContentDate(fm.updated);
    if (parsedDate.ok) updated = parsedDate.date;
    else problems.push({ file, line: lineOf('updated') ?? 1, severity: 'error', message: `updated: ${parsedDate.reason}` });
  }
  const complexity = format ? getRenderCostProblem(parsed.body, format) : undefined;
  if (complexity) problems.push({ file, line: parsed.bodyLine, severity: 'error', message: complexity });
  if (problems.length > 0 || !slug || !format) return { ok: false, problems };
  const lang = fm.lang ?? site.lang;
  return {
    ok: true,
    warnings: [],
    page: {
      slug,
      title: fm.title,
      updated,
      lang,
      dir: fm.dir ?? toDirection(lang),
      format,
      body: parsed.body,
      bodyLine: parsed.bodyLine,
      source,
    },
  };
}

/**
 * Turns parsed front matter and body into an `Article`, or the precise problems that stop it.
 * `now` only decides warnings (a `breaking_until` already past); publishing is decided at read time.
 */
export function toArticle(parsed: ParsedFile, source: ArticleSource, now: Date = new Date()): ValidationResult {
  const file = source.path;
  const lineOf = (key: string | undefined) => keyLine(parsed, key);
  const problem = (message: string, key?: string, severity: ContentProblem['severity'] = 'error'): ContentProblem => ({
    file,
    line: lineOf(key) ?? (key ? undefined : 1),
    severity,
    message,
  });

  const result = frontMatterSchema.safeParse(parsed.data);
  if (!result.success) return { ok: false, problems: frontMatterProblems(parsed, file, result.error.issues) };
  const parsedFm: FrontMatter = result.data;
  const authorList = toAuthorList(parsedFm.author);
  const fm = { ...parsedFm, author: authorList.join(', '), authors: authorList };
  const problems: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];

  const readDate = (key: 'date' | 'updated' | 'last_modified_at' | 'breaking_until' | 'live_until'): Date | undefined => {
    const value = fm[key];
    if (value === undefined) return undefined;
    const parsedDate = parseContentDate(value);
    if (parsedDate.ok) return parsedDate.date;
    problems.push(problem(`${key}: ${parsedDate.reason}`, key));
    return undefined;
  };

  const fileName = file.split('/').pop() ?? file;
  const format = getBodyFormat(fileName);
  if (!format) problems.push(problem(`지원하지 않는 파일 형식입니다: ${fileName} (${ARTICLE_EXTENSION_LIST})`));

  const rawSlug = fm.slug ?? stripArticleExtension(fileName);
  const slug = toArticleSlug(rawSlug);
  if (!slug) {
    problems.push(problem(`slug: URL에 쓸 수 없는 값입니다: "${rawSlug}" (/ \\ ? # % 는 쓸 수 없습니다)`, fm.slug ? 'slug' : undefined));
  }

  let published = readDate('date');
  let dated = published !== undefined || fm.date !== undefined;
  if (fm.date === undefined) {
    const prefix = getFileNameDate(fileName);
    if (prefix) {
      const fromName = parseContentDate(prefix);
      if (fromName.ok) {
        published = fromName.date;
        dated = true;
      } else {
        problems.push(problem(`파일 이름의 날짜가 올바르지 않습니다: ${fromName.reason}`));
      }
    } else {
      dated = false;
      warnings.push(
        problem(
          'date가 없고 파일 이름에도 YYYY-MM-DD- 날짜가 없습니다: 입력 시각 없이 모든 기사 뒤에 놓입니다',
          undefined,
          'warning',
        ),
      );
    }
  }
  const corrections: Correction[] = [];
  for (const [index, entry] of (fm.corrections ?? []).entries()) {
    const parsedDate = parseContentDate(entry.date);
    if (parsedDate.ok) {
      corrections.push({
        kind: entry.kind ?? '바로잡습니다',
        ...(entry.title ? { title: entry.title } : {}),
        date: parsedDate.date,
        text: entry.text ?? '',
        pending: entry.pending ?? false,
      });
    }
    else problems.push(problem(`corrections: ${index + 1}번째 정정의 date: ${parsedDate.reason}`, 'corrections'));
  }
  corrections.sort((a, b) => b.date.getTime() - a.date.getTime());
  const edited = readDate('updated') ?? readDate('last_modified_at');
  const newestCorrection = corrections[0]?.date;
  // The 수정 time is at least the newest correction's: a correction is an update readers must see.
  const updated =
    newestCorrection && (!edited || newestCorrection.getTime() > edited.getTime()) ? newestCorrection : edited;
  const breakingUntil = readDate('breaking_until');
  const liveUntil = readDate('live_until');
  if (fm.live_until !== undefined && fm.live !== true) {
    warnings.push(problem('live_until은 live: true인 기사에만 뜻이 있습니다', 'live_until', 'warning'));
  }

  const imageRefs: Partial<Record<'image' | 'feature_image', ImageRef>> = {};
  for (const key of ['image', 'feature_image'] as const) {
    const value = fm[key];
    if (value === undefined) continue;
    const read = toImageRef(value, file, lineOf(key));
    if (read.ok) imageRefs[key] = read.ref;
    else problems.push(problem(`${key}: ${read.message}`, key));
  }
  // The same picture named twice is one picture, with the words of `image`.
  if (fm.feature_image !== undefined && fm.feature_image === fm.image) imageRefs.feature_image = imageRefs.image;

  const categories: Category[] = [];
  for (const name of [...(fm.categories ?? []), ...(fm.category ?? [])]) {
    const categorySlug = toCategorySlug(name);
    if (!categorySlug) {
      problems.push(problem(`categories: 주소를 만들 수 없는 분류 이름입니다: "${name}"`, fm.categories ? 'categories' : 'category'));
    } else if (!categories.some((c) => c.slug === categorySlug)) {
      categories.push({ name: name.normalize('NFC'), slug: categorySlug });
    }
  }

  const tags: Category[] = [];
  for (const name of fm.tags ?? []) {
    const tagSlug = toCategorySlug(name);
    if (!tagSlug) problems.push(problem(`tags: 주소를 만들 수 없는 태그입니다: "${name}"`, 'tags'));
    else if (!tags.some((t) => t.slug === tagSlug)) tags.push({ name: name.normalize('NFC'), slug: tagSlug });
  }

  if (fm.excerpt && fm.feature_text && fm.excerpt === fm.feature_text) {
    warnings.push(problem('excerpt와 feature_text가 같습니다: 목록의 요약과 기사 머리글이 똑같이 보입니다', 'excerpt', 'warning'));
  }
  if (fm.breaking && breakingUntil && breakingUntil.getTime() < now.getTime()) {
    warnings.push(problem('breaking_until이 이미 지났습니다: 속보 띠에 보이지 않습니다', 'breaking_until', 'warning'));
  }

  const redirectFrom: string[] = [];
  for (const raw of fm.redirect_from ?? []) {
    // Jekyll writes them as paths (/old-slug/ or /articles/old-slug); the last segment is the slug.
    const last = raw.split('/').filter(Boolean).pop() ?? '';
    const old = toArticleSlug(last.replace(/\.html?$/i, ''));
    if (!old) problems.push(problem(`redirect_from: 주소로 쓸 수 없는 값입니다: "${raw}"`, 'redirect_from'));
    else if (!redirectFrom.includes(old)) redirectFrom.push(old);
  }

  let series: ArticleSeries | undefined;
  if (fm.series !== undefined) {
    const read = toSeriesId(fm.series);
    if (read.ok) series = { id: read.id, order: fm.series_order };
    else problems.push(problem(`series: ${read.message}`, 'series'));
  } else if (fm.series_order !== undefined) {
    warnings.push(problem('series_order는 series가 있는 기사에만 뜻이 있습니다', 'series_order', 'warning'));
  }

  const complexity = format ? getRenderCostProblem(parsed.body, format) : undefined;
  if (complexity) problems.push({ file, line: parsed.bodyLine, severity: 'error', message: complexity });
  // A lede too costly to render is dropped, not the story: an error for content:check and the log.
  const ledeCost = fm.feature_text ? getRenderCostProblem(fm.feature_text, 'markdown') : undefined;
  if (ledeCost) warnings.push(problem(`feature_text: ${ledeCost} (머리글 없이 게시합니다)`, 'feature_text'));

  if (problems.length > 0 || !slug || !format) return { ok: false, problems };

  const lang = fm.lang ?? site.lang;
  const image = imageRefs.image ?? imageRefs.feature_image;
  // Each picture keeps its own words: the hero is `image` (else `feature_image`), the share card
  // is `feature_image` (else `image`); `feature_image_*` describe the feature image, `image_*` the other.
  const words = (of: ImageRef | undefined) =>
    of !== undefined && of === imageRefs.feature_image && of !== imageRefs.image
      ? { alt: fm.feature_image_alt, caption: fm.feature_image_caption, credit: fm.feature_image_credit }
      : { alt: fm.image_alt, caption: fm.image_caption, credit: fm.image_credit };
  const hero = words(image);
  const socialImage = imageRefs.feature_image ?? imageRefs.image;
  return {
    ok: true,
    warnings,
    article: {
      slug,
      title: fm.title,
      kind: fm.kind ?? '기사',
      ...(fm.source ? { agency: fm.source } : {}),
      categories,
      tags,
      author: fm.author || undefined,
      authors: fm.authors,
      bylines: fm.authors.map((name) => ({ name })),
      reporters: [],
      series,
      published: published ?? new Date(0),
      dated,
      updated,
      excerpt: fm.excerpt || undefined,
      featureText: ledeCost ? undefined : fm.feature_text || undefined,
      featureTextLine: lineOf('feature_text'),
      image,
      socialImage,
      socialImageAlt: words(socialImage).alt || undefined,
      imageAlt: hero.alt || undefined,
      imageCaption: hero.caption || undefined,
      imageCredit: hero.credit || undefined,
      corrections,
      breaking: fm.breaking ?? false,
      breakingUntil,
      top: fm.top ?? false,
      redirectFrom,
      live: fm.live ?? false,
      liveUntil,
      liveUpdates: [],
      draft: fm.draft === true || fm.published === false,
      lang,
      dir: fm.dir ?? toDirection(lang),
      format,
      body: parsed.body,
      bodyLine: parsed.bodyLine,
      source,
    },
  };
}
