import { site, type SiteSettings } from '@/lib/site';

import type { ContentProblem } from './parse';
import { openContentStore } from './store';
import type { Article, Page, PhotoFile, Reporter, SiteIdentity } from './types';
import { makeView, type ContentView } from './view';

export interface ContentCheck {
  /** How many article files were read, broken ones included. */
  fileCount: number;
  problems: readonly ContentProblem[];
  /** Every valid article, drafts and scheduled ones included, for checks of their bodies. */
  articles: readonly Article[];
  /** Every valid page (`_pages/`), for the same checks. */
  pages: readonly Page[];
  /** Reporters' profiles, for their photos. */
  reporters: readonly Reporter[];
  /** `_site.yml`, for its logo. */
  site?: SiteIdentity;
  /** The photo files, to be judged as the server would. */
  photos: ReadonlyMap<string, PhotoFile>;
}

/** Reads the folder at `root` once, with exactly the site's rules, for `npm run content:check`. */
export function checkContent(root: string): ContentCheck {
  const store = openContentStore({ root, maxFileBytes: site.maxFileBytes, live: false });
  try {
    const { fileCount, problems, articles, pages, reporters, photos, site } = store.getSnapshot();
    return { fileCount, problems, articles, pages: [...pages.values()], reporters: [...reporters.values()], photos, site };
  } finally {
    store.close();
  }
}

/**
 * A view of the folder at `root`, read once with exactly the site's rules, at `now`: for tools that
 * report on what readers see (`npm run content:report`) through the same published-only queries.
 */
export function readFolderView(root: string, now: Date, settings: SiteSettings): { view: ContentView; close(): void } {
  const store = openContentStore({ root, maxFileBytes: site.maxFileBytes, live: false });
  return { view: makeView(store.getReader(), now, settings), close: () => store.close() };
}
