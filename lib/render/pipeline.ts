import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

import type { ImageRef } from '@/lib/content/image-ref';
import type { BodyFormat } from '@/lib/content/types';
import { PHOTO_SIZES } from '@/lib/media/picture';
import type { PhotoManifest } from '@/lib/media/variant-store';

import {
  rehypeAbsoluteUrls,
  rehypeCellAlign,
  rehypeDemoteH1,
  rehypeDropLeadingImage,
  rehypeLazyImages,
  rehypeOutsideLinks,
  rehypeScrollableTables,
} from './plugins';
import { rehypeEditorColours } from './editor-colours';
import { countVideos, rehypeVideoEmbeds } from './embeds';
import { rehypeContentPhotos } from './photos';
import { articleSchema } from './schema';

export interface RenderedBody {
  /** Sanitized HTML, safe to inject. */
  html: string;
  /** The content photos the body names (content paths), whether or not they could be shown. */
  photos?: string[];
  /** The body as plain text, for excerpts and search. */
  text: string;
  /** How many click-to-load videos it holds (the page loads the player leaf only when there are). */
  videos?: number;
}

export interface RenderOptions {
  /** The hero image: a leading body image showing the same picture is dropped. */
  hero?: ImageRef;
  /** The content path of the file the body is in; relative images are content photos from it. */
  base?: string;
  /** Made content photos by path (lib/media/photo-library.ts): the others are not shown. */
  photos?: Record<string, PhotoManifest>;
  /** Resolve relative URLs against this (for feeds). */
  baseUrl?: string;
  /** The publication's URL: links elsewhere open in a new tab. Without it, every absolute link does. */
  siteUrl?: string;
  /** Paid-for content (광고/협찬): links elsewhere also get `rel="sponsored"`. */
  sponsored?: boolean;
}

const NO_SITE = 'http://localhost.invalid/';

/** Parses a body to an unsanitized HTML tree, keeping source positions. */
export function parseToHast(source: string, format: BodyFormat): Promise<Root> {
  if (format === 'html') {
    return Promise.resolve(unified().use(rehypeParse, { fragment: true }).parse(source));
  }
  const markdown = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkCjkFriendly)
    .use(remarkCjkFriendlyGfmStrikethrough)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw);
  return markdown.run(markdown.parse(source)) as Promise<Root>;
}

/**
 * Markdown (with raw HTML, as Jekyll allows) or an HTML fragment → sanitized HTML. Sanitizing is
 * the last step that touches markup; nothing after it adds elements or attributes.
 */
export async function renderBody(
  source: string,
  format: BodyFormat,
  options: RenderOptions = {},
): Promise<RenderedBody> {
  const tree = await parseToHast(source, format);
  const found: string[] = [];
  const processor = unified()
    .use(rehypeDropLeadingImage, { hero: options.hero, base: options.base })
    .use(rehypeContentPhotos, {
      base: options.base,
      photos: options.photos,
      sizes: PHOTO_SIZES.article,
      plain: options.baseUrl !== undefined,
      found,
    })
    .use(rehypeAbsoluteUrls, { base: options.baseUrl })
    .use(rehypeVideoEmbeds)
    .use(rehypeEditorColours)
    .use(rehypeCellAlign)
    .use(rehypeDemoteH1)
    .use(rehypeLazyImages)
    .use(rehypeScrollableTables)
    .use(rehypeOutsideLinks, { siteUrl: options.siteUrl ?? NO_SITE, sponsored: options.sponsored })
    .use(rehypeSanitize, articleSchema)
    .use(rehypeStringify);
  const clean = (await processor.run(tree)) as Root;
  const videos = countVideos(clean);
  return {
    html: processor.stringify(clean),
    ...(found.length > 0 ? { photos: [...new Set(found)] } : {}),
    text: toString(clean).replace(/\s+/g, ' ').trim(),
    ...(videos > 0 ? { videos } : {}),
  };
}
