import type { SiteSettings } from '@/lib/site';

import { snapshotReader, type ContentReader } from './reader';
import { buildSnapshot, type SourceFile } from './snapshot';

/**
 * Everything one request reads the content through: the content as last read, the one moment
 * the request answers for, and the operator's settings. Made once per request (lib/content/request.ts);
 * every query is a function of it and of nothing else, so tests build one from files in memory.
 */
export interface ContentView {
  readonly reader: ContentReader;
  readonly now: Date;
  readonly settings: SiteSettings;
}

export function makeView(reader: ContentReader, now: Date, settings: SiteSettings = {}): ContentView {
  return { reader, now, settings };
}

/** A view of files held in memory (tests, tools): no disk, no environment, no globals. */
export function viewOfFiles(files: Iterable<SourceFile>, now: Date, settings: SiteSettings = {}): ContentView {
  return makeView(snapshotReader(buildSnapshot(files, 1, now.getTime())), now, settings);
}
