import { defaultSchema } from 'rehype-sanitize';
import type { Options as SanitizeSchema } from 'rehype-sanitize';

import { EDITOR_COLOUR_CLASSES } from './editor-colours';

const defaultAttributes = defaultSchema.attributes ?? {};

/** Editors' colours, as rehypeEditorColours maps them: the palette classes and nothing else. */
const colourClasses = ['className', ...EDITOR_COLOUR_CLASSES] as const;
const coloured = Object.fromEntries(
  ['span', 'p', 'strong', 'b', 'em', 'i', 'u', 'mark', 'td', 'th'].map((tag) => [
    tag,
    [...(defaultAttributes[tag] ?? []), [...colourClasses]],
  ]),
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
    li: [['className', 'task-list-item', ...EDITOR_COLOUR_CLASSES]],
    // Outside links get target and rel from rehypeOutsideLinks, which runs before sanitizing;
    // only the values it sets are allowed.
    a: [
      ...(defaultAttributes.a ?? []),
      ['target', '_blank'],
      ['rel', 'noopener', 'noreferrer', 'nofollow', 'ugc'],
    ],
    // Lazy loading and async decoding are set by the pipeline so long articles stay light.
    img: [...(defaultAttributes.img ?? []), ['loading', 'lazy'], ['decoding', 'async']],
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
