import { serializeJsonLd } from '@/lib/structured-data';

export interface JsonLdProps {
  data: unknown;
}

/**
 * Structured data for search engines. The second and last place that injects markup: a script
 * element's text cannot be escaped as HTML, so serializeJsonLd escapes what could close it.
 */
export function JsonLd({ data }: JsonLdProps) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }}
    />
  );
}
