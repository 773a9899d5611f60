export type { Article, Byline, Category, Correction, LiveUpdate, Page, Reporter, Series, Tag, Taxonomy } from './types';
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
  sourceKey,
} from './queries';
export type { CategorySummary, ListingPage, LiveCoverage, Masthead, SeriesListing, SeriesPlace } from './queries';
export { MAX_SERIES_ARTICLES } from './queries';
export { formatProblem } from './snapshot';
