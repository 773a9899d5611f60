export type { Article, ArticleKind, Byline, Category, Correction, LiveUpdate, Page, Reporter, Series, Tag, Taxonomy } from './types';
export { isLegalCorrection, isOpinionKind, isSponsoredKind } from './kinds';
export type { CorrectionKind } from './kinds';
export type { ContentProblem } from './parse';
export type { ArticleQuery, ArticleStamp } from './reader';
export type { ContentView } from './view';
export { getView, getViewAt, isReadingContent, whenContentRead } from './request';
export {
  countArticles,
  decodeParam,
  eachArticle,
  getAdjacent,
  getArticle,
  getArticleForPreview,
  getBreakingNews,
  getCategories,
  getCategory,
  getCategoryPage,
  getContentVersion,
  getLeadArticle,
  getRedirect,
  getReporter,
  getReporters,
  getSeries,
  getSeriesName,
  getSeriesPlace,
  getListingPage,
  getLiveCoverage,
  getMasthead,
  getPage,
  getPages,
  getTerm,
  getTerms,
  getTermsOf,
  getRelated,
  isBreaking,
  isPublished,
  listArticles,
  listArticleStamps,
  indexKey,
  sourceKey,
} from './queries';
export type { CategorySummary, ListingPage, LiveCoverage, Masthead, SeriesListing, SeriesPlace } from './queries';
export { MAX_SERIES_ARTICLES } from './queries';
export { formatProblem } from './snapshot';
export { getPublishedChanges, markPublished } from './published-changes';
export type { PublishedMark } from './published-changes';
