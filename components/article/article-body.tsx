export interface ArticleBodyProps {
  /** Output of the render pipeline, which sanitizes last. Never pass anything else. */
  html: string;
  className?: string;
}

/** Injects a body's HTML, and only sanitized pipeline output (the other sinks: JsonLd, the layout's text-size script). */
export function ArticleBody({ html, className = '' }: ArticleBodyProps) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
