import { converter, parse } from 'culori';
import type { Element, Root } from 'hast';
import parseStyle from 'style-to-object';
import { visit } from 'unist-util-visit';

/**
 * The editorial palette. Blog editors (Tistory, Naver) colour emphasis with inline styles, in any
 * of thousands of values; the site keeps the intent, not the value: each colour becomes the nearest
 * of a few classes, styled in app/globals.css for light and dark with AA contrast.
 */
export const TEXT_COLOURS = ['red', 'orange', 'green', 'blue', 'purple', 'grey'] as const;
export const HIGHLIGHTS = ['yellow', 'green', 'blue', 'red', 'grey'] as const;

/** Every class the mapping can write: the sanitizer allows exactly these. */
export const EDITOR_COLOUR_CLASSES = [
  ...TEXT_COLOURS.map((c) => `ed-${c}`),
  ...HIGHLIGHTS.map((c) => `ed-bg-${c}`),
];

/** Elements an editor's colour is kept on; anywhere else the style goes with nothing in its place. */
const COLOURED = new Set(['span', 'font', 'p', 'strong', 'b', 'em', 'i', 'u', 'mark', 'li', 'td', 'th']);

const toOklch = converter('oklch');
const toRgb = converter('rgb');

/** Hue bands in OKLCH degrees, as a reader would name the colour; red wraps round 0. */
function textFamily(hue: number): (typeof TEXT_COLOURS)[number] {
  if (hue < 40 || hue >= 345) return 'red';
  if (hue < 100) return 'orange'; // yellow text is unreadable on white; orange keeps the warning
  if (hue < 185) return 'green';
  if (hue < 275) return 'blue';
  return 'purple';
}

function highlightFamily(hue: number): (typeof HIGHLIGHTS)[number] {
  if (hue < 40 || hue >= 330) return 'red';
  if (hue < 125) return 'yellow';
  if (hue < 190) return 'green';
  if (hue < 290) return 'blue';
  return 'red'; // purple and pink highlights read as the red family's pink
}

/**
 * A CSS colour as it looks on the white page: alpha is blended over white, since `#21538527`
 * (a dark blue at 15 %) is a pale blue highlight, not a dark blue one. Undefined for anything
 * culori cannot read (`inherit`, `var(--x)`, nonsense).
 */
function onWhite(value: string) {
  const parsed = parse(value.trim());
  if (!parsed) return undefined;
  const rgb = toRgb(parsed);
  const alpha = rgb.alpha ?? 1;
  const blend = (channel: number) => alpha * Math.min(1, Math.max(0, channel)) + (1 - alpha);
  return { oklch: toOklch({ mode: 'rgb', r: blend(rgb.r), g: blend(rgb.g), b: blend(rgb.b) }), alpha };
}

/** Below this OKLCH chroma a text colour reads as grey; highlights are pale, so theirs is lower. */
const ACHROMATIC_TEXT = 0.035;
const ACHROMATIC_HIGHLIGHT = 0.008;

/** The class for a text colour, or none where the colour is the page's own (black, white, near them). */
export function textColourClass(value: string): string | undefined {
  const colour = onWhite(value);
  if (!colour || colour.alpha < 0.3) return undefined;
  const { l, c, h } = colour.oklch;
  if (c < ACHROMATIC_TEXT || h === undefined) {
    // Near-black (#333, #000) is how editors write "normal text"; near-white cannot be read here.
    return l < 0.45 || l > 0.85 ? undefined : 'ed-grey';
  }
  return `ed-${textFamily(h)}`;
}

/** The class for a background colour, or none where it is white, transparent or too faint to see. */
export function highlightClass(value: string): string | undefined {
  const colour = onWhite(value);
  if (!colour) return undefined;
  const { l, c, h } = colour.oklch;
  if (l > 0.985 && c < 0.01) return undefined;
  if (c < ACHROMATIC_HIGHLIGHT || h === undefined) return l > 0.97 ? undefined : 'ed-bg-grey';
  return `ed-bg-${highlightFamily(h)}`;
}

/** The palette classes for an inline `style`: only `color` and `background(-color)` count. */
export function editorColourClasses(style: string): string[] {
  let declarations: Record<string, string> | null = null;
  try {
    declarations = parseStyle(style);
  } catch {
    return [];
  }
  if (!declarations) return [];
  const lower = new Map(Object.entries(declarations).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const text = lower.get('color');
  const background = lower.get('background-color') ?? lower.get('background');
  return [text && textColourClass(text), background && highlightClass(background)].filter(
    (c): c is string => Boolean(c),
  );
}

/**
 * Replaces editors' inline colours with palette classes, before sanitizing (which drops every
 * `style`, and every class but these). `<font color>` from older editors counts as a colour too.
 */
export function rehypeEditorColours() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const { style, color } = node.properties;
      if (!COLOURED.has(node.tagName)) return;
      const classes = [
        ...(typeof style === 'string' ? editorColourClasses(style) : []),
        ...(node.tagName === 'font' && typeof color === 'string' ? [textColourClass(color)] : []),
      ].filter((c): c is string => Boolean(c));
      if (node.tagName === 'font') node.tagName = 'span';
      delete node.properties.color;
      if (classes.length === 0) return;
      const existing = Array.isArray(node.properties.className) ? node.properties.className : [];
      // An editor's own class is dropped by the sanitizer anyway; only ours are kept.
      node.properties.className = [...new Set([...existing.map(String), ...classes])];
    });
  };
}
