import { toHtml } from 'hast-util-to-html';

/** Plain text as HTML that shows exactly that text: for fields a reader will parse as HTML. */
export function escapeHtml(text: string): string {
  return toHtml(
    { type: 'text', value: text },
    { characterReferences: { useNamedReferences: true } },
  );
}
