export interface ArticleImageProps {
  src: string;
  alt: string;
  priority?: boolean;
  className?: string;
}

/**
 * A 16:9 frame that reserves its space before the image arrives, so nothing shifts. A plain
 * <img>: article images come from anywhere, and the image optimizer would have to fetch them.
 */
export function ArticleImage({ src, alt, priority = false, className = '' }: ArticleImageProps) {
  return (
    <div className={`image-frame ${className}`}>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={src}
        alt={alt}
        width={1200}
        height={675}
        loading={priority ? 'eager' : 'lazy'}
        fetchPriority={priority ? 'high' : undefined}
        decoding="async"
        referrerPolicy="no-referrer"
      />
    </div>
  );
}
