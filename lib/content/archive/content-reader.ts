import type { ContentReader } from '../reader';

import type { Archive } from './types';

/**
 * The queries' reader over the on-disk index. `version` names the index's state (its change
 * counter): caches of answers are kept per reader, and a new state is a new reader.
 */
export function archiveContentReader(archive: Archive, version: number): ContentReader {
  return {
    version,
    lastBoundary: (now) => archive.previousBoundary(now),
    article: (slug, now) => archive.articleForPreview(slug, now),
    indexKeys: (slugs, now) => archive.indexKeysOf(slugs, now),
    redirect: (slug, now) => archive.redirect(slug, now)?.slug,
    list: (query, now, limit, offset = 0) => archive.list({ ...query, now, limit, offset }),
    stamps: (now, limit, offset = 0) => archive.stamps({ now, limit, offset }),
    count: (query, now) => archive.count({ now, taxonomy: query.taxonomy, term: query.term }),
    terms: (taxonomy, now) => archive.terms(taxonomy, now),
    adjacent: (slug, now) => archive.adjacent(slug, now),
    seriesOrder: (id, now, limit) => archive.seriesOrder(id, now, limit),
    pages: () => archive.pages(),
    reporters: () => archive.reporters(),
    series: () => archive.series(),
    site: () => archive.site().site,
    instance: archive.instance,
    changedSlugs: (since, limit) => archive.changedSlugs(since, limit),
  };
}
