import {
  chooseSlugOwner,
  collectPages,
  collisionProblem,
  missingPhotoProblem,
  NOT_CONTENT_WARNING,
  orphanUpdateProblem,
  redirectProblem,
  toBylines,
  toReporterDirectory,
} from './rules';
import type { ContentEntry } from './files';
import type { ContentProblem } from './parse';
import type { LoadResult } from './schema';
import { liveArticleKey } from './live-update';
import type { ImageRef } from './image-ref';
import type { Article, Category, LiveUpdate, Page, PhotoFile, Reporter, Series, SiteIdentity } from './types';

/** Everything known about the content folder at one moment; never mutated after it is built. */
export interface ContentSnapshot {
  /** Valid articles with unique slugs, newest first, drafts and scheduled ones included. */
  articles: readonly Article[];
  bySlug: ReadonlyMap<string, Article>;
  problems: readonly ContentProblem[];
  /** Photo files by path: what content may show as photos once their variants are made. */
  photos: ReadonlyMap<string, PhotoFile>;
  /** Reporters' profiles by id (`_reporters/<id>.yml`). */
  reporters: ReadonlyMap<string, Reporter>;
  /** Series' names and descriptions by id (`_series/<id>.yml`). */
  series: ReadonlyMap<string, Series>;
  /** The publication's identity from `_site.yml`, when the file exists and is valid. */
  site?: SiteIdentity;
  /** `_site.yml` exists but cannot be read: the store keeps the last good identity. */
  siteBroken: boolean;
  /** Pages (`_pages/`) by slug: /about, /ethics … */
  pages: ReadonlyMap<string, Page>;
  /** Old slug → the slug of the article that took its place (`redirect_from`). */
  redirects: ReadonlyMap<string, string>;
  /** Every moment at which what readers see changes by itself (publish times, breaking ends), ascending. */
  boundaries: readonly number[];
  /** How many article files were read, broken ones included. */
  fileCount: number;
  version: number;
}

/** One file as the content source last read it. */
export interface SourceFile {
  entry: ContentEntry;
  /** Undefined for a file that is not an article, or one not read yet. */
  result?: LoadResult;
}

/**
 * Old slugs that redirect to an article. An old slug that is still some article's slug, or that
 * two articles both claim, is an error on the file that claims it, and redirects nowhere.
 */
function collectRedirects(
  articles: readonly Article[],
  bySlug: ReadonlyMap<string, Article>,
  problems: ContentProblem[],
): Map<string, string> {
  const claims = new Map<string, Article[]>();
  for (const article of articles) {
    for (const old of article.redirectFrom) claims.set(old, [...(claims.get(old) ?? []), article]);
  }
  const redirects = new Map<string, string>();
  for (const [old, claimants] of claims) {
    const live = bySlug.get(old);
    if (live) {
      for (const article of claimants) problems.push(redirectProblem(article.source.path, old, live.source.path, []));
    } else if (claimants.length > 1) {
      for (const article of claimants) {
        const others = claimants.filter((a) => a !== article).map((a) => a.source.path);
        problems.push(redirectProblem(article.source.path, old, undefined, others));
      }
    } else if (claimants[0]) {
      redirects.set(old, claimants[0].slug);
    }
  }
  return redirects;
}

/** The live updates in an article's `.live/` folder, newest first; taken, so the rest are orphans. */
function takeUpdates(byArticle: Map<string, LiveUpdate[]>, article: Article): LiveUpdate[] {
  const key = liveArticleKey(article.source.path);
  const found = byArticle.get(key) ?? [];
  byArticle.delete(key);
  return found.sort((a, b) => b.date.getTime() - a.date.getTime() || (a.id < b.id ? -1 : 1));
}

/** One name per slug across the site: the first article to use a term names it. */
function canonicalTerm(known: Map<string, Category>, term: Category): Category {
  const found = known.get(term.slug);
  if (found) return found;
  known.set(term.slug, term);
  return term;
}

function compareArticles(a: Article, b: Article): number {
  const byDate = b.published.getTime() - a.published.getTime();
  if (byDate !== 0) return byDate;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/**
 * A front-matter reference to a photo that is not in the folder: an error at its line. The file
 * is still published, without the picture, so deleting a photo never takes a story down.
 */
function checkPhotoRef(
  photos: ReadonlyMap<string, PhotoFile>,
  file: string,
  field: string,
  ref: ImageRef | undefined,
  problems: ContentProblem[],
): void {
  if (ref?.kind !== 'photo' || photos.has(ref.path)) return;
  problems.push(missingPhotoProblem(file, field, ref.path, ref.line));
}

/**
 * Builds a snapshot from the files a content source read: a pure function of its input and of
 * `now`, which only decides which of two colliding files is the published one.
 */
export function buildSnapshot(files: Iterable<SourceFile>, version: number, now: number): ContentSnapshot {
  const problems: ContentProblem[] = [];
  const valid: Article[] = [];
  const pages: Page[] = [];
  let site: SiteIdentity | undefined;
  const reporters = new Map<string, Reporter>();
  const series = new Map<string, Series>();
  const updates: LiveUpdate[] = [];
  let siteBroken = false;
  let fileCount = 0;
  const photos = new Map<string, PhotoFile>();
  for (const { entry, result } of files) {
    if (entry.kind === 'photo') {
      if (result?.ok && 'photo' in result) photos.set(result.photo.path, result.photo);
      continue;
    }
    if (entry.kind === 'other') {
      problems.push({
        file: entry.path,
        severity: 'warning',
        message: NOT_CONTENT_WARNING,
      });
      continue;
    }
    fileCount += 1;
    if (!result) continue;
    if (result.ok) {
      if ('article' in result) valid.push(result.article);
      else if ('page' in result) pages.push(result.page);
      else if ('reporter' in result) reporters.set(result.reporter.id, result.reporter);
      else if ('series' in result) series.set(result.series.id, result.series);
      else if ('update' in result) updates.push(result.update);
      else if ('site' in result) site = result.site;
      problems.push(...result.warnings);
    } else {
      if (entry.kind === 'site') siteBroken = true;
      problems.push(...result.problems);
    }
  }

  const slugGroups = new Map<string, Article[]>();
  for (const article of valid) {
    const group = slugGroups.get(article.slug);
    if (group) group.push(article);
    else slugGroups.set(article.slug, [article]);
  }

  // Built once per snapshot, not once per article: a byline may name a profile by its name.
  const directory = toReporterDirectory(reporters.values());
  const categories = new Map<string, Category>();
  const tags = new Map<string, Category>();
  const articles: Article[] = [];
  const updatesByArticle = new Map<string, LiveUpdate[]>();
  for (const update of updates) {
    updatesByArticle.set(update.articleKey, [
      ...(updatesByArticle.get(update.articleKey) ?? []),
      { ...update, bylines: toBylines(update.authors, directory).bylines },
    ]);
  }
  for (const group of slugGroups.values()) {
    const members = group.map((article) => ({ article, draft: article.draft, published: article.published.getTime() }));
    const owner = chooseSlugOwner(members, now)?.article;
    for (const article of group) {
      if (article === owner) continue;
      const others = group.filter((a) => a !== article).map((a) => a.source.path);
      problems.push(collisionProblem(article.source.path, article.slug, others, owner?.source.path));
    }
    if (!owner) continue;
    articles.push({
      ...owner,
      categories: owner.categories.map((c) => canonicalTerm(categories, c)),
      tags: owner.tags.map((t) => canonicalTerm(tags, t)),
      ...toBylines(owner.authors, directory),
      liveUpdates: takeUpdates(updatesByArticle, owner),
    });
  }
  for (const orphans of updatesByArticle.values()) {
    for (const update of orphans) problems.push(orphanUpdateProblem(update.source.path, update.articleKey));
  }
  articles.sort(compareArticles);
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const redirects = collectRedirects(articles, bySlug, problems);
  for (const article of valid) {
    checkPhotoRef(photos, article.source.path, 'image', article.image, problems);
    if (article.socialImage !== article.image) {
      checkPhotoRef(photos, article.source.path, 'feature_image', article.socialImage, problems);
    }
  }
  for (const reporter of reporters.values()) {
    checkPhotoRef(photos, reporter.source.path, 'photo', reporter.photo, problems);
  }
  if (site) checkPhotoRef(photos, site.source.path, 'logo', site.logo, problems);
  const pagesBySlug = collectPages(pages, problems);

  const boundaries = articles
    .flatMap((a) => [
      a.published.getTime(),
      a.breakingUntil?.getTime() ?? 0,
      a.liveUntil?.getTime() ?? 0,
      ...a.liveUpdates.map((u) => u.date.getTime()),
    ])
    .filter((t) => t > 0)
    .sort((a, b) => a - b);

  return {
    articles,
    bySlug,
    redirects,
    pages: pagesBySlug,
    site,
    siteBroken,
    reporters,
    series,
    photos,
    problems,
    boundaries,
    fileCount,
    version,
  };
}

/** Formats a problem the way compilers do: `path:line:column: severity: message`. */
export function formatProblem(problem: ContentProblem): string {
  const where = [problem.file, problem.line, problem.line !== undefined ? problem.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  return `${where}: ${problem.severity}: ${problem.message}`;
}
