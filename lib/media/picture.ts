/**
 * What a `<picture>` of a made photo says, from its manifest alone: AVIF and WebP sources, a JPEG
 * fallback, every width made, and the size that reserves its space. Shared by the page components
 * and the body pipeline (in the render worker), so both write the same markup.
 */
import { mediaPath } from './media-path';
import type { VariantFormat } from './variant-spec';
import type { PhotoManifest } from './variant-store';

export interface PictureSource {
  type: string;
  srcSet: string;
}

export interface Picture {
  /** Modern formats first: the browser takes the first it can show. */
  sources: PictureSource[];
  /** The JPEG fallback: one URL, and all its widths. */
  src: string;
  srcSet: string;
  /** The largest variant's size: with CSS `height: auto` it reserves the photo's shape. */
  width: number;
  height: number;
}

/** The size a phone or a single column needs at most; the fallback `src` for old browsers. */
const FALLBACK_WIDTH = 1200;

function srcSetOf(manifest: PhotoManifest, format: VariantFormat): string {
  return manifest.variants
    .filter((variant) => variant.format === format)
    .sort((a, b) => a.width - b.width)
    .map((variant) => `${mediaPath(manifest.hash, variant.width, format)} ${variant.width}w`)
    .join(', ');
}

/** The `<picture>` of a made photo; undefined for a manifest without a JPEG (never made so). */
export function toPicture(manifest: PhotoManifest): Picture | undefined {
  const jpegs = manifest.variants.filter((v) => v.format === 'jpg').sort((a, b) => a.width - b.width);
  const largest = jpegs.at(-1);
  if (!largest) return undefined;
  const fallback = [...jpegs].reverse().find((v) => v.width <= FALLBACK_WIDTH) ?? largest;
  const sources: PictureSource[] = [];
  for (const [format, type] of [
    ['avif', 'image/avif'],
    ['webp', 'image/webp'],
  ] as const) {
    const srcSet = srcSetOf(manifest, format);
    if (srcSet) sources.push({ type, srcSet });
  }
  return {
    sources,
    src: mediaPath(manifest.hash, fallback.width, 'jpg'),
    srcSet: srcSetOf(manifest, 'jpg'),
    width: largest.width,
    height: largest.height,
  };
}

/**
 * The JPEG to share (og:image, feeds): the narrowest at least `minWidth` wide (Discover's large
 * cards want 1200), else the widest there is, with its true size.
 */
export function toShareImage(
  manifest: PhotoManifest,
  minWidth = 1200,
): { path: string; width: number; height: number } | undefined {
  const jpegs = manifest.variants.filter((v) => v.format === 'jpg').sort((a, b) => a.width - b.width);
  const chosen = jpegs.find((v) => v.width >= minWidth) ?? jpegs.at(-1);
  if (!chosen) return undefined;
  return { path: mediaPath(manifest.hash, chosen.width, 'jpg'), width: chosen.width, height: chosen.height };
}

/** The layouts photos appear in, each with the `sizes` that matches its CSS. */
export const PHOTO_SIZES = {
  /** The article column: `max-w-3xl` (768 px) inside the page's 16 px gutters. */
  article: '(min-width: 800px) 768px, calc(100vw - 32px)',
  /** The home page's lead story: 3/5 of the `max-w-6xl` row from `md` up. */
  lead: '(min-width: 1184px) 662px, (min-width: 768px) 58vw, calc(100vw - 32px)',
  /** A card in the home grid: four columns from `lg`, two from `sm`, 24 px apart. */
  card: '(min-width: 1184px) 262px, (min-width: 1024px) calc(25vw - 26px), (min-width: 640px) calc(50vw - 28px), calc(100vw - 32px)',
  /** A card alone on its row (listings): the `max-w-6xl` column. */
  wide: '(min-width: 1184px) 1120px, calc(100vw - 32px)',
  /** A reporter's round portrait, 80 CSS px. */
  portrait: '80px',
} as const;
