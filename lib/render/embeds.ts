import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

import { parseVideoUrl, toVideoToken, watchUrl, type Video } from '@/lib/video';

const PROVIDER_NAMES = { youtube: 'YouTube', vimeo: 'Vimeo' } as const;

/** Children that carry something: not whitespace, not a line break. */
function meaningful(children: readonly (ElementContent | RootContent)[]) {
  return children.filter(
    (child) =>
      !(child.type === 'text' && child.value.trim() === '') &&
      !(child.type === 'element' && child.tagName === 'br') &&
      child.type !== 'comment',
  );
}

/** The video a node stands for: an embed `<iframe>`, a bare URL, or a link whose text is its URL. */
function videoOf(node: ElementContent | RootContent): { video: Video; title?: string } | undefined {
  if (node.type === 'text') {
    const video = parseVideoUrl(node.value);
    return video ? { video } : undefined;
  }
  if (node.type !== 'element') return undefined;
  const { src, href, title } = node.properties;
  if (node.tagName === 'iframe' && typeof src === 'string') {
    const video = parseVideoUrl(src);
    return video ? { video, title: typeof title === 'string' && title.trim() ? title.trim() : undefined } : undefined;
  }
  if (node.tagName === 'a' && typeof href === 'string') {
    const video = parseVideoUrl(href);
    const text = toString(node).trim();
    // "영상 보기" linking to a video is prose; only a pasted address becomes a player.
    return video && (text === href || text === '' || parseVideoUrl(text)) ? { video } : undefined;
  }
  return undefined;
}

/**
 * The facade: a link to the video's own page (what readers without JavaScript get), drawn as a
 * player with a play button, that the client leaf swaps for the privacy-enhanced player on click.
 * Nothing in it is fetched from the provider: no thumbnail, no script.
 */
function toFacade({ video, title }: { video: Video; title?: string }): Element {
  const provider = PROVIDER_NAMES[video.provider];
  const name = title ?? `${provider} 동영상`;
  return {
    type: 'element',
    tagName: 'figure',
    properties: { className: ['video-embed'] },
    children: [
      {
        type: 'element',
        tagName: 'a',
        properties: { href: watchUrl(video), className: ['video-embed-link'], dataVideo: toVideoToken(video) },
        children: [
          { type: 'element', tagName: 'span', properties: { className: ['video-embed-play'], ariaHidden: 'true' }, children: [] },
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['video-embed-label'] },
            children: [{ type: 'text', value: `${name} 재생 (${provider})` }],
          },
        ],
      },
    ],
  };
}

/**
 * YouTube and Vimeo, pasted the two ways editors do (the address on a line of its own, or the
 * provider's `<iframe>` embed code), become click-to-load facades. Any other iframe is left for the
 * sanitizer, which removes it. A paragraph or figure holding only the video is replaced whole.
 */
export function rehypeVideoEmbeds() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.tagName === 'p' || node.tagName === 'figure' || node.tagName === 'div') {
        const only = meaningful(node.children);
        const found = only.length === 1 && only[0] ? videoOf(only[0]) : undefined;
        if (found) {
          parent.children[index] = toFacade(found);
          return SKIP;
        }
      }
      if (node.tagName === 'iframe') {
        const found = videoOf(node);
        if (found) {
          parent.children[index] = toFacade(found);
          return SKIP;
        }
      }
      return undefined;
    });
  };
}

/** How many video facades a rendered (sanitized) tree holds: the page loads the player leaf only for them. */
export function countVideos(tree: Root): number {
  let count = 0;
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'a' && typeof node.properties.dataVideo === 'string') count += 1;
  });
  return count;
}
