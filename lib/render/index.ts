import type { Article } from '@/lib/content';

import { site } from '@/lib/site';

import { renderBody, type RenderedBody } from './pipeline';

const MAX_CACHED = 1000;
const cache = new Map<string, Promise<RenderedBody>>();

const FAILED: RenderedBody = {
  html: '<p>이 기사의 본문을 표시할 수 없습니다.</p>',
  text: '',
};

/**
 * The article's sanitized body, rendered on first use and cached by file identity (path, size,
 * mtime), so an edited file renders again and an unchanged one never does.
 */
export function getArticleBody(
  article: Article,
  options: { absolute?: boolean } = {},
): Promise<RenderedBody> {
  const { path, size, mtimeMs } = article.source;
  const key = `${path}\u0000${size}\u0000${mtimeMs}\u0000${article.image ?? ''}\u0000${options.absolute ? 'abs' : ''}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const rendered = renderBody(article.body, article.format, {
    heroSrc: article.image,
    baseUrl: options.absolute ? `${site.url}/` : undefined,
  }).catch((error: unknown) => {
    console.error(
      `[content] ${path}: error: 본문을 렌더링할 수 없습니다`,
      error instanceof Error ? error.message : error,
    );
    return FAILED;
  });
  cache.set(key, rendered);
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return rendered;
}

/** A Markdown lede (`feature_text`) as sanitized HTML. */
export async function renderLede(markdown: string): Promise<string> {
  return (await renderBody(markdown, 'markdown')).html;
}

/** A short plain-text summary: the excerpt, else the lede, else the start of the body. */
export async function getSummary(article: Article, maxLength = 140): Promise<string> {
  const text = article.excerpt ?? article.featureText ?? (await getArticleBody(article)).text;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1).trimEnd()}…` : flat;
}
