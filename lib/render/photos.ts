import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

import { isRelativeImageSource, toImageRef } from '@/lib/content/image-ref';
import { toPicture } from '@/lib/media/picture';
import type { PhotoManifest } from '@/lib/media/variant-store';

export interface ContentPhotoOptions {
  /** The content path of the file the body is in: `./harbour.jpg` is resolved from it. */
  base?: string;
  /**
   * Made photos by content path (or by `https://` URL for an imported remote image); a content
   * path not here (missing, refused, not made yet) shows nothing, a URL not here stays remote.
   */
  photos?: Readonly<Record<string, PhotoManifest>>;
  /** The `sizes` of the column the body is set in. */
  sizes: string;
  /** Feeds: one plain JPEG, no `<picture>` (readers away from the site want one URL). */
  plain?: boolean;
  /** Collects the content paths (and remote `https://` URLs) of the images the body names, in order. */
  found?: string[];
}

/** Which content photo a body `src` names, if it names one (relative, resolved from `base`). */
export function toBodyPhotoPath(src: unknown, base: string | undefined): string | undefined {
  if (typeof src !== 'string' || base === undefined || !isRelativeImageSource(src)) return undefined;
  const read = toImageRef(src, base);
  return read.ok && read.ref.kind === 'photo' ? read.ref.path : undefined;
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

/**
 * Content photos in a body become their variants: `<img src="harbour.jpg">` (Markdown's
 * `![설명](./harbour.jpg)` is the same element) turns into a `<picture>` of AVIF, WebP and JPEG
 * with `srcset`, `sizes`, `width` and `height`. A relative image that is no made photo is removed:
 * a page never shows a broken image. Editors' own `<picture>`, `<source>` and `srcset` are dropped
 * first, so every `srcset` on the page is ours. Other sites' images load without a referrer.
 */
export function rehypeContentPhotos(options: ContentPhotoOptions) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.tagName === 'source') {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (node.tagName === 'picture') {
        const kept = node.children.filter((child) => !(child.type === 'element' && child.tagName === 'source'));
        parent.children.splice(index, 1, ...kept);
        return [SKIP, index];
      }
      if (node.tagName !== 'img') return;
      delete node.properties.srcSet;
      delete node.properties.sizes;
      if (options.base === undefined) {
        if (typeof node.properties.src === 'string' && !isRelativeImageSource(node.properties.src)) {
          node.properties.referrerPolicy = 'no-referrer';
        }
        return;
      }
      const src = node.properties.src;
      let path = toBodyPhotoPath(src, options.base);
      if (path === undefined) {
        if (typeof src !== 'string' || isRelativeImageSource(src)) {
          parent.children.splice(index, 1);
          return [SKIP, index];
        }
        // Another site's image: imported into our variants under REMOTE_IMAGES=import (its URL
        // keys the photos like a content path), else loaded lazily without a referrer.
        if (!src.startsWith('https://') || !options.photos?.[src]) {
          if (src.startsWith('https://')) options.found?.push(src);
          node.properties.referrerPolicy = 'no-referrer';
          return;
        }
        path = src;
      }
      options.found?.push(path);
      const manifest = options.photos?.[path];
      const picture = manifest && toPicture(manifest);
      if (!picture) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      const img = element('img', {
        ...node.properties,
        src: picture.src,
        width: picture.width,
        height: picture.height,
      });
      if (options.plain) {
        parent.children[index] = img;
        return SKIP;
      }
      img.properties.srcSet = picture.srcSet;
      img.properties.sizes = options.sizes;
      parent.children[index] = element(
        'picture',
        {},
        [
          ...picture.sources.map((source) => element('source', { type: source.type, srcSet: source.srcSet, sizes: options.sizes })),
          img,
        ],
      );
      return SKIP;
    });
  };
}
