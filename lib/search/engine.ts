import SearchableMap from 'minisearch/SearchableMap';

/** Where a term occurs in a document: bit flags, so one posting says both. */
export const IN_TITLE = 1;
export const IN_TEXT = 2;

/** More index words than this under one prefix are not expanded: the prefix is asked as a whole word. */
export const MAX_PREFIX_EXPANSION = 5000;

/**
 * The search index: for each word, which documents hold it, in the title, elsewhere or both.
 * Ranking needs nothing more (title matches first, then newer first), so a query is set
 * operations over these postings instead of a relevance score for every matching document.
 * Words are kept in MiniSearch's radix tree (SearchableMap), which finds every word that
 * begins with a prefix without scanning the vocabulary.
 */
export class SearchEngine {
  private readonly words = new SearchableMap<Map<string, number>>();
  private readonly documentWords = new Map<string, string[]>();

  has(id: string): boolean {
    return this.documentWords.has(id);
  }

  /** Indexes a document's title words and other words. */
  add(id: string, titleWords: readonly string[], textWords: readonly string[]): void {
    this.discard(id);
    const flags = new Map<string, number>();
    for (const word of titleWords) flags.set(word, (flags.get(word) ?? 0) | IN_TITLE);
    for (const word of textWords) flags.set(word, (flags.get(word) ?? 0) | IN_TEXT);
    for (const [word, flag] of flags) {
      let postings = this.words.get(word);
      if (!postings) {
        postings = new Map();
        this.words.set(word, postings);
      }
      postings.set(id, flag);
    }
    this.documentWords.set(id, [...flags.keys()]);
  }

  /** Removes a document, and every word no other document holds. */
  discard(id: string): void {
    const words = this.documentWords.get(id);
    if (!words) return;
    for (const word of words) {
      const postings = this.words.get(word);
      postings?.delete(id);
      if (postings?.size === 0) this.words.delete(word);
    }
    this.documentWords.delete(id);
  }

  /**
   * Every document holding `word`, or with `prefix` any word that begins with it (at most
   * MAX_PREFIX_EXPANSION words), with where it occurs.
   */
  match(word: string, prefix: boolean): Map<string, number> {
    const exact = this.words.get(word);
    if (!prefix) return exact ?? new Map();
    const found = new Map<string, number>();
    let expanded = 0;
    for (const [, postings] of this.words.atPrefix(word)) {
      if ((expanded += 1) > MAX_PREFIX_EXPANSION) return exact ?? new Map();
      for (const [id, flag] of postings) found.set(id, (found.get(id) ?? 0) | flag);
    }
    return found;
  }
}
