export type { Article, Category } from './types';
export type { ContentProblem } from './parse';
export {
  decodeParam,
  getAdjacent,
  getArticle,
  getArticles,
  getBreakingNews,
  getCategories,
  getCategoryPage,
  getRelated,
  isBreaking,
  isPublished,
  sourceKey,
} from './queries';
export type { CategoryPage, CategorySummary } from './queries';
export { countPassedBoundaries, formatProblem, getSnapshot } from './store';
export type { ContentSnapshot } from './store';
