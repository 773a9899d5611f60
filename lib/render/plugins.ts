import type { Element, ElementContent, Root } from 'hast';
import styleToObject from 'style-to-object';
import { visit, SKIP } from 'unist-util-visit';

import type { ImageRef } from '@/lib/content/image-ref';

import { toBodyPhotoPath } from './photos';

/** Turns `style="text-align: center"` on table cells into `align`, the one style worth keeping. */
export function rehypeCellAlign() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'td' && node.tagName !== 'th') return;
      const style = node.properties.style;
      if (typeof style !== 'string') return;
      let align: string | undefined;
      try {
        align = styleToObject(style)?.['text-align']?.trim().toLowerCase();
      } catch {
        return;
      }
      if (align === 'left' || align === 'center' || align === 'right')
        node.properties.align = align;
    });
  };
}

/** The page has the one h1 (the headline); an h1 inside the body becomes an h2. */
export function rehypeDemoteH1() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'h1') node.tagName = 'h2';
    });
  };
}

/** Body images load lazily and decode off the main thread. */
export function rehypeLazyImages() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img') return;
      node.properties.loading = 'lazy';
      node.properties.decoding = 'async';
    });
  };
}

/** Wraps each table in a focusable scroll region, so a wide table never widens the page. */
export function rehypeScrollableTables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      const wrapper: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], role: 'region', ariaLabel: '표', tabIndex: 0 },
        children: [node],
      };
      parent.children[index] = wrapper;
      return SKIP;
    });
  };
}

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' ? node.value.trim() === '' : node.type === 'comment';
}

/**
 * Removes a leading image that repeats the hero image: editors often paste the banner into the
 * body too, and readers should not see it twice.
 */
export function rehypeDropLeadingImage(options: { hero?: ImageRef; base?: string }) {
  const { hero, base } = options;
  const isHeroSrc = (src: unknown) =>
    hero?.kind === 'url' ? src === hero.url : hero !== undefined && toBodyPhotoPath(src, base) === hero.path;
  return (tree: Root) => {
    if (!hero) return;
    const first = tree.children.findIndex(
      (node) => !(node.type === 'text' && node.value.trim() === '') && node.type !== 'comment',
    );
    const node = tree.children[first];
    if (!node || node.type !== 'element') return;
    const isHero = (el: ElementContent) =>
      el.type === 'element' && el.tagName === 'img' && isHeroSrc(el.properties.src);
    if (isHero(node)) {
      tree.children.splice(first, 1);
      return;
    }
    if (node.tagName === 'p') {
      const content = node.children.filter((child) => !isBlank(child));
      if (content.length === 1 && content[0] && isHero(content[0])) tree.children.splice(first, 1);
    }
  };
}

/** Makes relative links and image sources absolute, for feeds read away from the site. */
export function rehypeAbsoluteUrls(options: { base?: string }) {
  return (tree: Root) => {
    const { base } = options;
    if (!base) return;
    visit(tree, 'element', (node: Element) => {
      for (const name of ['href', 'src'] as const) {
        const value = node.properties[name];
        if (typeof value !== 'string' || value.startsWith('#')) continue;
        try {
          node.properties[name] = new URL(value, base).toString();
        } catch {
          delete node.properties[name];
        }
      }
    });
  };
}

const OUTSIDE_REL = ['noopener', 'noreferrer', 'nofollow', 'ugc'];

/**
 * Every link's `rel` and `target` are ours to set: an editor's `rel="opener"` never survives. A
 * link is outside when the URL parser browsers use (WHATWG) resolves it to another origin, which
 * catches `//host`, `/\t/host`, `\\host` and `HTTP://host` alike; such a link gets the resolved
 * URL, so the browser follows exactly what was judged, and opens in a new tab without an opener.
 * (rehype-external-links only checks the text for `http:`, `https:` or a leading `//`.)
 * In paid-for content (`sponsored`) such links also get `rel="sponsored"`, as search engines ask.
 */
export function rehypeOutsideLinks(options: { siteUrl: string; sponsored?: boolean }) {
  const site = new URL(options.siteUrl);
  const rel = options.sponsored ? [...OUTSIDE_REL, 'sponsored'] : OUTSIDE_REL;
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      delete node.properties.rel;
      delete node.properties.target;
      const href = node.properties.href;
      if (typeof href !== 'string') return;
      let url: URL;
      try {
        url = new URL(href, site);
      } catch {
        return;
      }
      if (url.origin === site.origin || (url.protocol !== 'http:' && url.protocol !== 'https:'))
        return;
      // An editor's plain absolute URL stays as written; anything a browser would reinterpret does not.
      if (!/^https?:\/\//.test(href)) node.properties.href = url.href;
      node.properties.rel = [...rel];
      node.properties.target = '_blank';
    });
  };
}
