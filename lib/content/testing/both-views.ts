/**
 * One folder held in memory, seen through both readers the queries run over: the snapshot (the
 * content check, tests) and the on-disk index (the server; here in memory). For tests of what must
 * hold whichever reader answers.
 */
import type { SiteSettings } from '@/lib/site';

import { openArchive } from '../archive/archive';
import { archiveContentReader } from '../archive/content-reader';
import { inPathOrder, toSourceFile } from '../archive/test-support';
import { makeView, viewOfFiles, type ContentView } from '../view';

export interface NamedView {
  reader: 'snapshot' | 'archive';
  view: ContentView;
}

/** Views at `now` of the files `folder` maps (path → text); the archive's is closed by `close`. */
export function viewsOfFolder(
  folder: Readonly<Record<string, string>>,
  now: Date,
  settings: SiteSettings = {},
): { views: NamedView[]; at(now: Date): NamedView[]; close(): void } {
  const files = inPathOrder(Object.entries(folder).map(([path, text]) => toSourceFile(path, text, now)));
  const archive = openArchive({ file: ':memory:', fingerprint: 'both-views' });
  archive.apply({ upserts: files, removals: [] });
  const reader = archiveContentReader(archive, archive.changeCounter());
  const at = (moment: Date): NamedView[] => [
    { reader: 'snapshot', view: viewOfFiles(files, moment, settings) },
    { reader: 'archive', view: makeView(reader, moment, settings) },
  ];
  return { views: at(now), at, close: () => archive.close() };
}
