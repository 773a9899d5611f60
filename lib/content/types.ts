import type { SiteVerification } from '@/lib/verification';

import type { ImageRef } from './image-ref';
import type { ArticleKind, CorrectionKind } from './kinds';

export type { ArticleKind, CorrectionKind } from './kinds';

/** A category or a tag as readers see it: its display name and the stable slug in its URL. */
export interface Category {
  name: string;
  slug: string;
}

/** Tags are terms like categories: a name, and a slug for `/tag/<slug>`. */
export type Tag = Category;

/** The ways articles are grouped, named as their URLs are: `/category/…`, `/tag/…`, `/reporters/…`, `/series/…`. */
export type Taxonomy = 'category' | 'tag' | 'reporters' | 'series';

export type BodyFormat = 'markdown' | 'html';

/** A problem found in a content file, located as precisely as the parser allows. */
export interface ContentProblem {
  file: string;
  line?: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
}

/** A body read from a file: its format, its text, the line it starts at, and the file. */
export interface FileBody {
  format: BodyFormat;
  body: string;
  bodyLine: number;
  source: ArticleSource;
}

/** A validated, published-or-not article. Pages only ever see this shape, never raw front matter. */
export interface Article extends FileBody {
  slug: string;
  title: string;
  /** 기사 (the newsroom's reporting), 사설, 칼럼, 기고, 인터뷰, 보도자료 or 광고/협찬 (`kind:`). */
  kind: ArticleKind;
  /** The agency the article was carried from (`source:`, 연합뉴스 …); none for the newsroom's own (자체기사). */
  agency?: string;
  categories: Category[];
  tags: Tag[];
  /** The byline as one line of names (feeds, metadata); `bylines` has each with its profile. */
  author?: string;
  /** What `author` named: reporter ids (`content/_reporters/<id>.yml`) or plain names. */
  authors: string[];
  /** Each author as the byline shows them; filled from the reporters' profiles. */
  bylines: Byline[];
  /** The authors that have a profile, as terms for `/reporters/<id>`. */
  reporters: Category[];
  /** The series (연재·기획) it belongs to (`series:`), and its place there (`series_order:`). */
  series?: ArticleSeries;
  /** When the article was published; for undated articles the Unix epoch (see `dated`). */
  published: Date;
  /** False when neither `date` nor a `YYYY-MM-DD-` file-name prefix gave a date. */
  dated: boolean;
  updated?: Date;
  excerpt?: string;
  /** Markdown lede shown under the title. */
  featureText?: string;
  /** The line of its `feature_text:` key, where problems with the lede are reported. */
  featureTextLine?: number;
  /** Hero image: a photo in the content folder, or an absolute URL or a path under public/. */
  image?: ImageRef;
  /** Image for social cards; falls back to the hero image. */
  socialImage?: ImageRef;
  /** The share image's alt text (`feature_image_alt` for a separate feature image). */
  socialImageAlt?: string;
  /** The hero's alt text, caption and credit (`사진=<credit>`). */
  imageAlt?: string;
  imageCaption?: string;
  imageCredit?: string;
  /** Corrections (정정), newest first; the newest one's date is at most `updated`. */
  corrections: Correction[];
  breaking: boolean;
  breakingUntil?: Date;
  /** Pinned as the home page's lead story (톱기사) while it is the newest pinned one. */
  top: boolean;
  /** Old slugs whose `/articles/<old>` URLs redirect here (Jekyll's `redirect_from`). */
  redirectFrom: string[];
  /** Live coverage (`live: true`): updates from the `<file name>.live/` folder beside it. */
  live: boolean;
  /** Coverage ends at this moment (`live_until`); the page and its updates stay. */
  liveUntil?: Date;
  /** The updates, newest first (pinned ones are shown first, by the page). */
  liveUpdates: LiveUpdate[];
  draft: boolean;
  lang: string;
  dir: 'ltr' | 'rtl';
}

/** One correction to a published article: its kind, when it was made, and what it says. */
export interface Correction {
  /** 바로잡습니다 (the newsroom's own), or 정정보도, 반론보도, 추후보도 (언론중재법). */
  kind: CorrectionKind;
  /** The heading the editor gave it (`title:`); the kind's name without one. */
  title?: string;
  date: Date;
  /** Empty only for a pending request that says nothing more. */
  text: string;
  /** A request made and not yet settled (`pending: true`): "정정보도 청구 중". */
  pending: boolean;
}

/** Where an article came from, and the identity its caches are keyed by. */
export interface ArticleSource {
  /** Path relative to the content folder, with forward slashes. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** A page that is not an article (`content/_pages/`): /about, /ethics, /privacy … */
export interface Page extends FileBody {
  slug: string;
  title: string;
  updated?: Date;
  lang: string;
  dir: 'ltr' | 'rtl';
}

/** The publication's identity and legal masthead (신문법 제21조), from `content/_site.yml`. */
export interface SiteIdentity {
  name?: string;
  description?: string;
  url?: string;
  /** 등록번호, 등록일 */
  registrationNumber?: string;
  registrationDate?: string;
  /** 발행인, 편집인 (every 편집인's name, joined: what one line shows) */
  publisher?: string;
  editor?: string;
  /** Each 편집인 with their 책임 분야 (신문법 제21조), in the file's order. */
  editors: { name: string; area?: string }[];
  /** 기사배열 책임자, where the newsroom names one. */
  arrangementOfficer?: { name: string; contact?: string };
  /** The label shown for each kind of article (`labels:`), over the Korean defaults. */
  labels: Partial<Record<ArticleKind, string>>;
  /** 청소년보호책임자: name and contact */
  youthProtectionOfficer?: { name: string; contact?: string };
  address?: string;
  phone?: string;
  email?: string;
  /** Where readers send tips (제보). */
  tips?: string;
  copyright?: string;
  /** The publisher's logo (`logo:`): a photo beside `_site.yml`, or a URL; structured data names it. */
  logo?: ImageRef;
  /** `disallow` keeps known AI crawlers out (robots.txt) and says so under the copyright line. */
  aiTraining: 'allow' | 'disallow';
  /** Search engines' ownership tokens by engine (`verification:`), for the home page's meta tags. */
  verification?: SiteVerification;
  source: ArticleSource;
}

/** One update of live coverage (실시간): a file in the article's `<name>.live/` folder. */
export interface LiveUpdate extends FileBody {
  /** The file name without its extension: the anchor `#update-<id>`. */
  id: string;
  /** The article it belongs to: its file's path without the extension. */
  articleKey: string;
  title?: string;
  date: Date;
  authors: string[];
  /** Filled from reporters' profiles, like an article's. */
  bylines: Byline[];
  /** Stays on top of the updates. */
  pinned: boolean;
}

/** One name in a byline: `홍길동 기자 gildong@…`, linked to the profile when there is one. */
export interface Byline {
  name: string;
  role?: string;
  email?: string;
  reporterId?: string;
}

/** An article's place in a series: the series id, and `series_order` when the editor gave one. */
export interface ArticleSeries {
  id: string;
  order?: number;
}

/** A series' name and description, `content/_series/<id>.yml`; without the file the id is the name. */
export interface Series {
  id: string;
  name: string;
  description?: string;
  source: ArticleSource;
}

/** A reporter's profile, `content/_reporters/<id>.yml`. */
export interface Reporter {
  id: string;
  name: string;
  /** 기자, 선임기자, 논설위원 … */
  role: string;
  desk?: string;
  email?: string;
  /** Whether the e-mail address is shown (bylines, profile, structured data). */
  emailPublic: boolean;
  photo?: ImageRef;
  bio?: string;
  links: ReporterLink[];
  source: ArticleSource;
}

/** A link on a reporter's profile: an http(s) page or a `mailto:` address, and the words shown for it. */
export interface ReporterLink {
  href: string;
  label: string;
}

/** A photo file in the content folder, as the source last saw it: its variants are made from it. */
export interface PhotoFile {
  /** Path relative to the content folder, with forward slashes, in NFC. */
  path: string;
  absolute: string;
  size: number;
  mtimeMs: number;
}
