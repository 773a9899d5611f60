import { variantFileName, type VariantFormat } from './variant-spec';

/**
 * The URL path of one variant of a content photo: `/media/<hash>/<width>.<avif|webp|jpg>`. Apart
 * from lib/paths.ts so the render worker can build it without the content module.
 */
export function mediaPath(hash: string, width: number, format: VariantFormat): string {
  return `/media/${hash}/${variantFileName(width, format)}`;
}
