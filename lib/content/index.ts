export type { Article, Byline, Category, Correction, LiveUpdate, Page, Reporter, Tag, Taxonomy } from './types';
export type { ContentProblem } from './parse';
export {
  decodeParam,
  getAdjacent,
  getArticle,
  getArticleForPreview,
  getArticles,
  getBreakingNews,
  getCategories,
  getCategory,
  getCategoryPage,
  getContentVersion,
  getLeadArticle,
  getRedirect,
  getReporter,
  getReporters,
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
  sourceKey,
} from './queries';
export type { CategorySummary, ListingPage, LiveCoverage, Masthead } from './queries';
export { formatProblem } from './snapshot';
