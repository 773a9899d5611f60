/**
 * The rules that tie content files to each other (who owns a slug, bylines from profiles, pages'
 * addresses, and the problems each breaks into), as small pure functions: the snapshot applies them
 * to every file at once, the on-disk index to the few rows a question touches.
 */
import type { ContentProblem } from './parse';
import { RESERVED_PAGE_SLUGS } from './reserved-slugs';
import type { Article, Byline, Category, Page, Reporter } from './types';

/** Reporters' profiles as bylines look them up: by id, and by exact name (the last profile with a name wins). */
export interface ReporterDirectory {
  byId: ReadonlyMap<string, Reporter>;
  byName: ReadonlyMap<string, Reporter>;
}

/** The lookup maps for profiles given in path order (a later file with the same id replaces an earlier one). */
export function toReporterDirectory(profiles: Iterable<Reporter>): ReporterDirectory {
  const byId = new Map<string, Reporter>();
  for (const reporter of profiles) byId.set(reporter.id, reporter);
  return { byId, byName: new Map([...byId.values()].map((r) => [r.name, r])) };
}

/** The profile an author names, by id (in NFC) or else by exact name. */
export function findReporter(author: string, directory: ReporterDirectory): Reporter | undefined {
  return directory.byId.get(author.normalize('NFC')) ?? directory.byName.get(author);
}

/**
 * An article's bylines: each author that names a profile gets its name, role and public e-mail
 * and a link; any other name stands as written.
 */
export function toBylines(
  authors: readonly string[],
  directory: ReporterDirectory,
): Pick<Article, 'author' | 'bylines' | 'reporters'> {
  const bylines: Byline[] = [];
  const terms: Category[] = [];
  for (const author of authors) {
    const reporter = findReporter(author, directory);
    if (!reporter) {
      bylines.push({ name: author });
      continue;
    }
    bylines.push({
      name: reporter.name,
      role: reporter.role,
      email: reporter.emailPublic ? reporter.email : undefined,
      reporterId: reporter.id,
    });
    if (!terms.some((t) => t.slug === reporter.id)) terms.push({ name: reporter.name, slug: reporter.id });
  }
  return { author: bylines.map((b) => b.name).join(', ') || undefined, bylines, reporters: terms };
}

/** One member of a group of files that share a slug, as much as the owner rule needs. */
export interface SlugMember {
  draft: boolean;
  published: number;
}

/**
 * Which of several files that share a slug keeps it, if any: a published file beats drafts and
 * scheduled ones; with none published a lone scheduled one wins; two published files, neither.
 */
export function chooseSlugOwner<T extends SlugMember>(group: readonly T[], now: number): T | undefined {
  if (group.length === 1) return group[0];
  const candidates = group.filter((a) => !a.draft);
  const live = candidates.filter((a) => a.published <= now);
  if (live.length > 0) return live.length === 1 ? live[0] : undefined;
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The error on a file that lost its slug to another (or shares it with another published one). */
export function collisionProblem(path: string, slug: string, others: readonly string[], owner: string | undefined): ContentProblem {
  const message = owner
    ? `slug "${slug}"를 게시된 기사 ${owner}가 씁니다: 이 파일은 게시하지 않습니다 (slug를 바꾸세요)`
    : `slug "${slug}"를 다른 파일도 씁니다: ${others.join(', ')} (두 파일 모두 게시하지 않습니다)`;
  return { file: path, line: 1, severity: 'error', message };
}

/** Pages by slug. A slug a route uses, or one two pages share, is an error on the page file. */
export function collectPages(pages: readonly Page[], problems: ContentProblem[]): Map<string, Page> {
  const bySlug = new Map<string, Page[]>();
  for (const page of pages) bySlug.set(page.slug, [...(bySlug.get(page.slug) ?? []), page]);
  const found = new Map<string, Page>();
  for (const [slug, group] of bySlug) {
    const reserved = RESERVED_PAGE_SLUGS.has(slug.toLowerCase());
    if (!reserved && group.length === 1 && group[0]) {
      found.set(slug, group[0]);
      continue;
    }
    for (const page of group) {
      const others = group.filter((p) => p !== page).map((p) => p.source.path).join(', ');
      problems.push({
        file: page.source.path,
        line: 1,
        severity: 'error',
        message: reserved
          ? `페이지 주소 "/${slug}"는 사이트가 쓰는 주소입니다 (slug를 바꾸세요)`
          : `페이지 주소 "/${slug}"를 다른 파일도 씁니다: ${others} (두 파일 모두 게시하지 않습니다)`,
      });
    }
  }
  return found;
}

/** The error for a photo an article, profile or `_site.yml` names that is not in the folder. */
export function missingPhotoProblem(file: string, field: string, photo: string, line: number | undefined): ContentProblem {
  return { file, line: line ?? 1, severity: 'error', message: `${field}: 사진 파일이 없습니다: ${photo} (사진 없이 게시합니다)` };
}

/** The warning for a live update whose article is not there (or lost its slug). */
export function orphanUpdateProblem(file: string, articleKey: string): ContentProblem {
  return {
    file,
    line: 1,
    severity: 'warning',
    message: `이 실시간 업데이트의 기사가 없습니다: ${articleKey}.md(또는 .html)를 찾지 못했습니다`,
  };
}

/** The errors for a `redirect_from` that names a live slug, or one two articles claim. */
export function redirectProblem(file: string, old: string, live: string | undefined, others: readonly string[]): ContentProblem {
  const message = live
    ? `redirect_from "${old}"는 ${live}가 쓰는 주소입니다: 넘겨주지 않습니다`
    : `redirect_from "${old}"를 다른 파일도 씁니다: ${others.join(', ')} (넘겨주지 않습니다)`;
  return { file, line: 1, severity: 'error', message };
}

/** The warning for a file in the folder that is not content. */
export const NOT_CONTENT_WARNING = '기사 파일이 아니어서 건너뜁니다 (.md, .markdown, .html, .htm만 기사로 읽습니다)';
