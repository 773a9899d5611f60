export interface ArticleBodyProps {
  /** Output of the render pipeline, which sanitizes last. Never pass anything else. */
  html: string;
  className?: string;
}

/** The one place that injects HTML; it receives only sanitized pipeline output. */
export function ArticleBody({ html, className = '' }: ArticleBodyProps) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
