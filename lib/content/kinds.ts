// What an article is (기사, 사설, 광고 …) and what a correction is (바로잡습니다, 정정보도 …): the
// names editors write, the readers' labels, and which kinds the law and search engines treat apart.

/** An article's kind (`kind:`), as the site names it. */
export const ARTICLE_KINDS = ['기사', '사설', '칼럼', '기고', '인터뷰', '보도자료', '광고/협찬'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/**
 * Other spellings editors write for a kind. English names are accepted for files carried from
 * English-language tools; `opinion` is not, since it could mean 칼럼 or 기고.
 */
const KIND_ALIASES: Record<string, ArticleKind> = {
  광고: '광고/협찬',
  협찬: '광고/협찬',
  '광고·협찬': '광고/협찬',
  news: '기사',
  article: '기사',
  editorial: '사설',
  column: '칼럼',
  'op-ed': '기고',
  contribution: '기고',
  interview: '인터뷰',
  'press-release': '보도자료',
  'press release': '보도자료',
  sponsored: '광고/협찬',
  advertorial: '광고/협찬',
};

/** The kind a `kind:` value names (Korean or an accepted English alias), or undefined. */
export function toArticleKind(value: string): ArticleKind | undefined {
  const word = value.normalize('NFC').trim();
  if ((ARTICLE_KINDS as readonly string[]).includes(word)) return word as ArticleKind;
  // Own keys only: `constructor` or `__proto__` is a word an editor may write, not Object's.
  const lower = word.toLowerCase();
  if (Object.hasOwn(KIND_ALIASES, word)) return KIND_ALIASES[word];
  return Object.hasOwn(KIND_ALIASES, lower) ? KIND_ALIASES[lower] : undefined;
}

/** Opinion: the newsroom's (사설) or a writer's (칼럼, 기고) view, not its reporting. */
export function isOpinionKind(kind: ArticleKind): boolean {
  return kind === '사설' || kind === '칼럼' || kind === '기고';
}

/** Paid for: advertising or sponsored content (광고·협찬), which the law says must be told apart from news. */
export function isSponsoredKind(kind: ArticleKind): boolean {
  return kind === '광고/협찬';
}

/** The label readers see for each kind unless `_site.yml`'s `labels:` says otherwise; a kind without one shows none. */
export const DEFAULT_KIND_LABELS: Readonly<Partial<Record<ArticleKind, string>>> = {
  사설: '사설',
  칼럼: '칼럼',
  기고: '기고',
  '광고/협찬': '광고',
};

/** Kinds that must always carry a label: readers may not mistake them for the newsroom's reporting. */
export function needsLabel(kind: ArticleKind): boolean {
  return isOpinionKind(kind) || isSponsoredKind(kind);
}

/** A correction's kind: the newsroom's own (바로잡습니다), or one of the three of 언론중재법. */
export const CORRECTION_KINDS = ['바로잡습니다', '정정보도', '반론보도', '추후보도'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

/** Whether a correction kind is a request under 언론중재법 that can be pending (청구 중). */
export function isLegalCorrection(kind: CorrectionKind): boolean {
  return kind !== '바로잡습니다';
}
