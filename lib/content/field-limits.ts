import { z } from 'zod';

/**
 * How long each plain-text field of a content file may be, in characters, and how many items a
 * list may hold: the one table of caps. A headline is a line, not a chapter; one 650 KB title once
 * made the home page 4 MB and every page 1.3 MB, because titles reach the breaking strip, lists,
 * feeds and JSON-LD. Each cap is far above anything an editor writes; a field over it is an error
 * and the file is left out (`_site.yml`: the last good identity stays).
 */
export const FIELD_LIMITS = {
  /** Articles; pages and live updates share `title`, `slug`, `lang`, `author` and dates. */
  article: {
    title: 200,
    slug: 200,
    excerpt: 1000,
    feature_text: 2000,
    image: 2000,
    alt: 300,
    caption: 500,
    credit: 100,
    /** One category or tag, and how many an article may have. */
    term: 50,
    categories: 10,
    tags: 30,
    /** One author name or reporter id, and how many. */
    author: 100,
    authors: 20,
    /** One old address, and how many. */
    redirect: 300,
    redirects: 50,
    /** One correction's text, and how many. */
    correction: 1000,
    corrections: 50,
    /** A correction's own heading (`title:`). */
    correction_title: 200,
    /** The agency an article was carried from (`source:`). */
    source: 50,
    date: 50,
    lang: 35,
    /** A series id (`series:`), and the largest `series_order`. */
    series: 60,
    seriesOrder: 10_000,
  },
  /** `_series/<id>.yml`. */
  series: {
    name: 100,
    description: 1000,
  },
  /** `_reporters/<id>.yml`. */
  reporter: {
    name: 50,
    role: 30,
    desk: 50,
    email: 254,
    photo: 2000,
    bio: 2000,
    /** One link, and how many. */
    link: 2000,
    links: 10,
  },
  /** `_site.yml`. */
  site: {
    name: 100,
    description: 300,
    url: 200,
    /** Every other field: 등록번호, 발행인, 주소, 전화, 제보, 저작권 줄 … */
    other: 200,
    /** One 편집인 (name and 책임 분야), and how many. */
    editors: 20,
    /** A kind's label (`labels:`): a word or two, shown beside headlines. */
    label: 20,
  },
} as const;

/** The message for a text over its cap: the field as the file spells it, and the limit. */
export function tooLong(field: string, limit: number): string {
  return `${field}: 너무 깁니다 (최대 ${limit}자)`;
}

/** The message for a list with too many items. */
export function tooMany(field: string, limit: number): string {
  return `${field}: 항목이 너무 많습니다 (최대 ${limit}개)`;
}

/** A list of strings whose items and length are capped; the schema's issues name `field`. */
export function cappedList(field: string, each: number, count: number) {
  return z
    .array(z.string().max(each, `${field}: 한 항목이 너무 깁니다 (최대 ${each}자)`))
    .max(count, tooMany(field, count));
}
