import {
  isSponsoredKind,
  sourceKey,
  type Article,
  type LiveUpdate,
  type Page,
} from '@/lib/content';

import { getImportedRemotePhoto, getPhotoManifest } from '@/lib/media/resolve-image';
import type { PhotoManifest } from '@/lib/media/variant-store';

import type { RenderedBody, RenderOptions } from './pipeline';
import { RenderQueueFullError, RenderTimeoutError } from './render-pool';
import { renderBody } from './stored-render';

const MAX_CACHED = 1000;
const cache = new Map<string, Promise<RenderedBody>>();

const FAILED: RenderedBody = {
  html: '<p>이 기사의 본문을 표시할 수 없습니다.</p>',
  text: '',
};

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
    // A full queue or a first time-out may be a busy moment: the next request tries again (the
    // pool itself refuses a text at its second time-out).
    const transient = error instanceof RenderQueueFullError || error instanceof RenderTimeoutError;
    if (transient && cache.get(key) === rendered) cache.delete(key);
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

/** The photos each rendered text names, by its render key: known after its first render. */
const photosByFile = new Map<string, readonly string[]>();

/**
 * The made photos among `paths` and a key that changes when any of them is made, replaced or
 * removed, so a body rendered before its photo was ready is rendered again once it is.
 */
function lookUpPhotos(paths: readonly string[]): {
  photos: Record<string, PhotoManifest>;
  key: string;
} {
  const photos: Record<string, PhotoManifest> = {};
  const key: string[] = [];
  for (const path of paths) {
    // A remote URL is a photo once REMOTE_IMAGES has imported it (asking starts the import).
    const manifest = path.startsWith('https://')
      ? getImportedRemotePhoto(path)
      : getPhotoManifest(path);
    if (manifest) photos[path] = manifest;
    // The count changes when a photo's AVIFs are added to it.
    key.push(manifest ? `${manifest.hash}:${manifest.variants.length}` : '-');
  }
  return { photos, key: key.join(',') };
}

/**
 * Renders a file's body with its content photos. The first render finds which photos the body
 * names; when there are any, it renders again with those that are made (once per photo state).
 */
async function renderWithPhotos(
  key: string,
  file: { body: string; format: Article['format']; source: Article['source'] },
  options: RenderOptions,
): Promise<RenderedBody> {
  let paths = photosByFile.get(key);
  if (paths === undefined) {
    const first = await cached(`${key}\u0000`, file.source.path, () =>
      renderBody(file.source.path, file.body, file.format, { ...options, base: file.source.path }),
    );
    paths = first.photos ?? [];
    photosByFile.set(key, paths);
    if (photosByFile.size > MAX_CACHED) {
      const oldest = photosByFile.keys().next().value;
      if (oldest !== undefined) photosByFile.delete(oldest);
    }
  }
  const { photos, key: photoKey } = lookUpPhotos(paths);
  // None of its photos made (or only remote images, not imported): the first render is already
  // this one, rendered the same way; rendering it again would double the work for every such body.
  if (Object.keys(photos).length === 0) {
    return cached(`${key}\u0000`, file.source.path, () =>
      renderBody(file.source.path, file.body, file.format, { ...options, base: file.source.path }),
    );
  }
  return cached(`${key}\u0000${photoKey}`, file.source.path, () =>
    renderBody(file.source.path, file.body, file.format, {
      ...options,
      base: file.source.path,
      photos,
    }),
  );
}

/**
 * The article's sanitized body, rendered on first use and cached by file identity (path, size,
 * mtime) and the state of its photos, so an edited file or a newly made photo renders again and
 * an unchanged one never does.
 */
export function getArticleBody(
  article: Article,
  siteUrl: string,
  options: { absolute?: boolean } = {},
): Promise<RenderedBody> {
  const sponsored = isSponsoredKind(article.kind);
  const key = `body\u0000${sourceKey(article)}\u0000${JSON.stringify(article.image ?? null)}\u0000${siteUrl}\u0000${options.absolute ? 'abs' : ''}\u0000${sponsored ? 'ad' : ''}`;
  return renderWithPhotos(key, article, {
    hero: article.image,
    siteUrl,
    sponsored,
    baseUrl: options.absolute ? `${siteUrl}/` : undefined,
  });
}

/** The Markdown lede (`feature_text`) rendered and sanitized, cached like the body; none without one. */
export function getLede(article: Article, siteUrl: string): Promise<RenderedBody> | undefined {
  const { featureText } = article;
  if (!featureText) return undefined;
  const lede = { body: featureText, format: 'markdown' as const, source: article.source };
  const sponsored = isSponsoredKind(article.kind);
  return renderWithPhotos(
    `lede\u0000${sourceKey(article)}\u0000${siteUrl}\u0000${sponsored ? 'ad' : ''}`,
    lede,
    {
      siteUrl,
      sponsored,
    },
  );
}

/** A short plain-text summary: the excerpt, else the lede's text, else the start of the body. */
export async function getSummary(
  article: Article,
  siteUrl: string,
  maxLength = 140,
): Promise<string> {
  const text =
    article.excerpt ??
    (await getLede(article, siteUrl))?.text ??
    (await getArticleBody(article, siteUrl)).text;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1).trimEnd()}…` : flat;
}

/** A page's sanitized body (`_pages/`), rendered once per file identity like an article's. */
export function getPageBody(page: Page, siteUrl: string): Promise<RenderedBody> {
  return renderWithPhotos(`page\u0000${sourceKey(page)}\u0000${siteUrl}`, page, { siteUrl });
}

/** A live update's sanitized body, rendered once per file identity like an article's. */
export function getLiveUpdateBody(update: LiveUpdate, siteUrl: string): Promise<RenderedBody> {
  return renderWithPhotos(`live\u0000${sourceKey(update)}\u0000${siteUrl}`, update, { siteUrl });
}
