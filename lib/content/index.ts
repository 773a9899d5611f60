export type { Article, Category } from './types';
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
  getRelated,
  isBreaking,
  isPublished,
  sourceKey,
} from './queries';
export type { CategoryPage, CategorySummary } from './queries';
export { formatProblem } from './snapshot';
