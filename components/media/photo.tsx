/* eslint-disable @next/next/no-img-element -- our own variants are already sized; next/image would re-encode them */
import { toPicture } from '@/lib/media/picture';
import type { ShownImage } from '@/lib/media/resolve-image';

export interface PhotoProps {
  image: ShownImage;
  alt: string;
  /** The `sizes` of the layout it sits in (lib/media/picture.ts PHOTO_SIZES). */
  sizes: string;
  /** The page's main picture (the hero, the home page's lead): loaded first, not lazily. */
  priority?: boolean;
  className?: string;
}

/**
 * A picture as readers get it. A content photo is a `<picture>` of its AVIF and WebP variants with
 * a JPEG fallback, sized by `srcset`/`sizes`, its shape reserved by `width`/`height`. Another
 * site's image is shown as written, lazily and without a referrer, so it learns less of who reads.
 */
export function Photo({ image, alt, sizes, priority = false, className }: PhotoProps) {
  const loading = priority ? 'eager' : 'lazy';
  const fetchPriority = priority ? 'high' : undefined;
  if (image.kind !== 'photo') {
    return (
      <img
        src={image.url}
        alt={alt}
        width={1200}
        height={675}
        loading={loading}
        fetchPriority={fetchPriority}
        decoding="async"
        referrerPolicy="no-referrer"
        className={className}
      />
    );
  }
  const picture = toPicture(image.manifest);
  if (!picture) return null;
  return (
    <picture>
      {picture.sources.map((source) => (
        <source key={source.type} type={source.type} srcSet={source.srcSet} sizes={sizes} />
      ))}
      <img
        src={picture.src}
        srcSet={picture.srcSet}
        sizes={sizes}
        alt={alt}
        width={picture.width}
        height={picture.height}
        loading={loading}
        fetchPriority={fetchPriority}
        decoding={priority ? undefined : 'async'}
        className={className}
      />
    </picture>
  );
}
