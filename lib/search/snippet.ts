/** A piece of a snippet: text, and whether it is a query word to mark. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Cuts `text` around the first query word and marks every query word in the cut. */
export function toSnippet(text: string, words: readonly string[], radius = 70): SnippetPart[] {
  const lower = text.toLowerCase();
  const found = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0);
  const first = found.length > 0 ? Math.min(...found) : 0;
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, first + radius * 2);
  const cut = text.slice(start, end);
  const cutLower = cut.toLowerCase();
  const parts: SnippetPart[] = [];
  let at = 0;
  while (at < cut.length) {
    let next = -1;
    let length = 0;
    for (const word of words) {
      const i = cutLower.indexOf(word, at);
      if (i >= 0 && (next < 0 || i < next)) {
        next = i;
        length = word.length;
      }
    }
    if (next < 0 || length === 0) {
      parts.push({ text: cut.slice(at), match: false });
      break;
    }
    if (next > at) parts.push({ text: cut.slice(at, next), match: false });
    parts.push({ text: cut.slice(next, next + length), match: true });
    at = next + length;
  }
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}
