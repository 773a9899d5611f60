/** A category or a tag as readers see it: its display name and the stable slug in its URL. */
export interface Category {
  name: string;
  slug: string;
}

/** Tags are terms like categories: a name, and a slug for `/tag/<slug>`. */
export type Tag = Category;

/** The two ways articles are grouped, named as their URLs are: `/category/…` and `/tag/…`. */
export type Taxonomy = 'category' | 'tag';

export type BodyFormat = 'markdown' | 'html';

/** A validated, published-or-not article. Pages only ever see this shape, never raw front matter. */
export interface Article {
  slug: string;
  title: string;
  categories: Category[];
  tags: Tag[];
  author?: string;
  /** When the article was published; for undated articles the Unix epoch (see `dated`). */
  published: Date;
  /** False when neither `date` nor a `YYYY-MM-DD-` file-name prefix gave a date. */
  dated: boolean;
  updated?: Date;
  excerpt?: string;
  /** Markdown lede shown under the title. */
  featureText?: string;
  /** Hero image, absolute URL or a path under public/. */
  image?: string;
  /** Image for social cards; falls back to the hero image. */
  socialImage?: string;
  breaking: boolean;
  breakingUntil?: Date;
  draft: boolean;
  lang: string;
  dir: 'ltr' | 'rtl';
  format: BodyFormat;
  body: string;
  bodyLine: number;
  source: ArticleSource;
}

/** Where an article came from, and the identity its caches are keyed by. */
export interface ArticleSource {
  /** Path relative to the content folder, with forward slashes. */
  path: string;
  size: number;
  mtimeMs: number;
}
