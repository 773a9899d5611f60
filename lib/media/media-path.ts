import { cropFileName, variantFileName, type CropAspect, type VariantFormat } from './variant-spec';

/**
 * The URL path of one variant of a content photo: `/media/<hash>/<width>.<avif|webp|jpg>`. Apart
 * from lib/paths.ts so the render worker can build it without the content module.
 */
export function mediaPath(hash: string, width: number, format: VariantFormat): string {
  return `/media/${hash}/${variantFileName(width, format)}`;
}

/** The URL path of a crop of a content photo: `/media/<hash>/16x9.jpg`. */
export function cropPath(hash: string, aspect: CropAspect): string {
  return `/media/${hash}/${cropFileName(aspect)}`;
}
