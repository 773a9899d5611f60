import { Photo } from '@/components/media/photo';
import type { ShownImage } from '@/lib/media/resolve-image';

export interface ArticleImageProps {
  image: ShownImage;
  alt: string;
  sizes: string;
  priority?: boolean;
  className?: string;
}

/**
 * A 16:9 frame that reserves its space before the image arrives, so nothing shifts, and crops
 * every teaser picture to one shape.
 */
export function ArticleImage({ image, alt, sizes, priority = false, className = '' }: ArticleImageProps) {
  return (
    <div className={`image-frame ${className}`}>
      <Photo image={image} alt={alt} sizes={sizes} priority={priority} />
    </div>
  );
}
