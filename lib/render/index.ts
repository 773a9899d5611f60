import { getMasthead, sourceKey, type Article, type LiveUpdate, type Page } from '@/lib/content';

import type { RenderedBody, RenderOptions } from './pipeline';
import { getRenderPool, RenderQueueFullError } from './render-pool';

const MAX_CACHED = 1000;
const cache = new Map<string, Promise<RenderedBody>>();

const FAILED: RenderedBody = {
  html: '<p>이 기사의 본문을 표시할 수 없습니다.</p>',
  text: '',
};

/** Renders off the main thread, within the pool's time budget and its fair share for `file`. */
function renderBody(
  file: string,
  source: string,
  format: Article['format'],
  options: RenderOptions,
): Promise<RenderedBody> {
  return getRenderPool().render(source, format, options, file);
}

/**
 * Renders once per key, keeping the most recently used results; a failure becomes a placeholder.
 * A render refused because the queue is full is not kept: the next request tries again.
 */
function cached(
  key: string,
  file: string,
  render: () => Promise<RenderedBody>,
): Promise<RenderedBody> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const rendered: Promise<RenderedBody> = render().catch((error: unknown) => {
    if (error instanceof RenderQueueFullError && cache.get(key) === rendered) cache.delete(key);
    console.error(
      `[content] ${file}: error: 본문을 렌더링할 수 없습니다`,
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

/**
 * The article's sanitized body, rendered on first use and cached by file identity (path, size,
 * mtime), so an edited file renders again and an unchanged one never does.
 */
export function getArticleBody(
  article: Article,
  options: { absolute?: boolean } = {},
): Promise<RenderedBody> {
  const siteUrl = getMasthead().url;
  const key = `body\u0000${sourceKey(article)}\u0000${article.image ?? ''}\u0000${siteUrl}\u0000${options.absolute ? 'abs' : ''}`;
  return cached(key, article.source.path, () =>
    renderBody(article.source.path, article.body, article.format, {
      heroSrc: article.image,
      siteUrl,
      baseUrl: options.absolute ? `${siteUrl}/` : undefined,
    }),
  );
}

/** The Markdown lede (`feature_text`) rendered and sanitized, cached like the body; none without one. */
export function getLede(article: Article): Promise<RenderedBody> | undefined {
  const { featureText } = article;
  if (!featureText) return undefined;
  const siteUrl = getMasthead().url;
  return cached(`lede\u0000${sourceKey(article)}\u0000${siteUrl}`, article.source.path, () =>
    renderBody(article.source.path, featureText, 'markdown', { siteUrl }),
  );
}

/** A short plain-text summary: the excerpt, else the lede's text, else the start of the body. */
export async function getSummary(article: Article, maxLength = 140): Promise<string> {
  const text =
    article.excerpt ?? (await getLede(article))?.text ?? (await getArticleBody(article)).text;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1).trimEnd()}…` : flat;
}

/** A page's sanitized body (`_pages/`), rendered once per file identity like an article's. */
export function getPageBody(page: Page): Promise<RenderedBody> {
  const siteUrl = getMasthead().url;
  return cached(`page\u0000${sourceKey(page)}\u0000${siteUrl}`, page.source.path, () =>
    renderBody(page.source.path, page.body, page.format, { siteUrl }),
  );
}

/** A live update's sanitized body, rendered once per file identity like an article's. */
export function getLiveUpdateBody(update: LiveUpdate): Promise<RenderedBody> {
  const siteUrl = getMasthead().url;
  return cached(`live\u0000${sourceKey(update)}\u0000${siteUrl}`, update.source.path, () =>
    renderBody(update.source.path, update.body, update.format, { siteUrl }),
  );
}
