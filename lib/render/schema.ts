import { defaultSchema } from 'rehype-sanitize';
import type { Options as SanitizeSchema } from 'rehype-sanitize';

import { EDITOR_COLOUR_CLASSES } from './editor-colours';

const defaultAttributes = defaultSchema.attributes ?? {};

type AttributeList = NonNullable<SanitizeSchema['attributes']>[string];

/**
 * A tag's default attributes plus `more`, with every allowed class in one `className` entry: the
 * sanitizer reads only the first entry for a name, so a second one would be ignored.
 */
function allow(tag: string, classes: readonly string[], more: AttributeList = []): AttributeList {
  const base = defaultAttributes[tag] ?? [];
  const isClass = (entry: AttributeList[number]) => (typeof entry === 'string' ? entry : entry[0]) === 'className';
  const known = base.filter(isClass).flatMap((entry) => (typeof entry === 'string' ? [] : entry.slice(1)));
  return [...base.filter((entry) => !isClass(entry)), ...more, ['className', ...known, ...classes]];
}

/** A video facade's `data-video` (lib/video.ts): a provider and an id, nothing else. */
const VIDEO_TOKEN = /^(?:youtube:[\w-]{11}|vimeo:\d{1,12})(?::\d{1,5})?$/;

/** Editors' colours, as rehypeEditorColours maps them: the palette classes and nothing else. */
const coloured = Object.fromEntries(
  ['p', 'strong', 'b', 'em', 'i', 'u', 'mark', 'td', 'th', 'li'].map((tag) => [tag, allow(tag, EDITOR_COLOUR_CLASSES)]),
);

/** rehype-sanitize's GitHub-style default, plus what news articles need. */
export const articleSchema: SanitizeSchema = {
  ...defaultSchema,
  // Figures, captions and column groups are how editors caption photos and shape tables.
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'figure',
    'figcaption',
    'caption',
    'colgroup',
    'col',
    'mark',
    'u',
    'small',
    'abbr',
    'cite',
    'time',
    // Content photos become <picture> of their variants (lib/render/photos.ts drops editors' own).
    'picture',
    'source',
  ],
  // Removed with their contents: showing a stripped <style> or <svg> as text is worse than nothing.
  strip: [
    'script',
    'style',
    'template',
    'noscript',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'form',
    'textarea',
    'select',
    'button',
    'svg',
    'math',
    'head',
    'title',
    'meta',
    'base',
    'link',
  ],
  attributes: {
    ...defaultAttributes,
    ...coloured,
    span: allow('span', [...EDITOR_COLOUR_CLASSES, 'video-embed-play', 'video-embed-label'], [['ariaHidden', 'true']]),
    // Video facades (lib/render/embeds.ts).
    figure: allow('figure', ['video-embed']),
    // Outside links get target and rel from rehypeOutsideLinks, which runs before sanitizing;
    // only the values it sets are allowed (`sponsored` on a 광고/협찬 article's links elsewhere).
    a: allow(
      'a',
      ['video-embed-link'],
      [
        ['target', '_blank'],
        ['rel', 'noopener', 'noreferrer', 'nofollow', 'ugc', 'sponsored'],
        ['dataVideo', VIDEO_TOKEN],
      ],
    ),
    // Lazy loading and async decoding are set by the pipeline so long articles stay light.
    // Content photos' srcset and sizes are set by the pipeline, which removes editors' own; other
    // sites' images are fetched without a referrer.
    img: [
      ...(defaultAttributes.img ?? []),
      ['loading', 'lazy'],
      ['decoding', 'async'],
      'srcSet',
      'sizes',
      ['referrerPolicy', 'no-referrer'],
    ],
    source: [['type', 'image/avif', 'image/webp'], 'srcSet', 'sizes'],
    // The pipeline wraps wide tables in a focusable, labelled scroll region for phones.
    div: [
      ...(defaultAttributes.div ?? []),
      ['className', 'table-scroll'],
      ['role', 'region'],
      'ariaLabel',
    ],
    time: ['dateTime'],
  },
};
