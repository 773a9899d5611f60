/**
 * The queries with their old signatures, over the process's store and environment: for the tests
 * that drive a real folder (the watcher, the content index, restarts) and ask what readers would see.
 * Tests of the queries themselves build a view from files in memory (lib/content/view.ts).
 */
import * as queries from '../queries';
import { getViewAt } from '../request';
import type { Article, Taxonomy } from '../types';

const at = (now?: Date) => getViewAt(now ?? new Date());

export const { decodeParam, getLiveCoverage: getLiveCoverageAt, isBreaking, isPublished, sourceKey } = queries;
export const getArticles = (now?: Date): Article[] => [...queries.eachArticle(at(now))];
export const getArticle = (slug: string, now?: Date) => queries.getArticle(at(now), slug);
export const getArticleForPreview = (slug: string) => queries.getArticleForPreview(at(), slug);
export const getRedirect = (slug: string, now?: Date) => queries.getRedirect(at(now), slug);
export const getLeadArticle = (now?: Date) => queries.getLeadArticle(at(now));
export const getBreakingNews = (now?: Date) => queries.getBreakingNews(at(now));
export const getTerms = (taxonomy: Taxonomy, take = 0, now?: Date) => queries.getTerms(at(now), taxonomy, take);
export const getTerm = (taxonomy: Taxonomy, slug: string, now?: Date) => queries.getTerm(at(now), taxonomy, slug);
export const getListingPage = (taxonomy: Taxonomy, slug: string, page = 1, now?: Date) =>
  queries.getListingPage(at(now), taxonomy, slug, page);
export const getCategories = (take = 0, now?: Date) => queries.getCategories(at(now), take);
export const getCategory = (slug: string, now?: Date) => queries.getCategory(at(now), slug);
export const getCategoryPage = (slug: string, page = 1, now?: Date) => queries.getCategoryPage(at(now), slug, page);
export const getRelated = (article: Article, limit = 4, now?: Date) => queries.getRelated(at(now), article, limit);
export const getAdjacent = (article: Article, now?: Date) => queries.getAdjacent(at(now), article);
export const getContentVersion = (now?: Date) => queries.getContentVersion(at(now));
export const getPage = (slug: string) => queries.getPage(at(), slug);
export const getPages = () => queries.getPages(at());
export const getMasthead = () => queries.getMasthead(at());
export const getReporter = (id: string) => queries.getReporter(at(), id);
export const getReporters = (now?: Date) => queries.getReporters(at(now));
export const getLiveCoverage = (article: Article, now?: Date) => queries.getLiveCoverage(article, now ?? new Date());
