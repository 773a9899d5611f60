import { serializeJsonLd } from '@/lib/structured-data';

export interface JsonLdProps {
  data: unknown;
}

/**
 * Structured data for search engines. One of three places that inject markup (with ArticleBody and
 * the layout's text-size script): a script element's text cannot be escaped as HTML, so
 * serializeJsonLd escapes what could close it.
 */
export function JsonLd({ data }: JsonLdProps) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }}
    />
  );
}
