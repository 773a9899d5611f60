import { cache } from 'react';

import { getSiteSettings } from '@/lib/site';

import { getContentStore } from './process-store';
import { snapshotReader, type ContentReader } from './reader';
import type { ContentSnapshot } from './snapshot';
import { makeView, type ContentView } from './view';

const readers = new WeakMap<ContentSnapshot, ContentReader>();

/** The reader over the store's current content: one per snapshot, shared by every request on it. */
function currentReader(): ContentReader {
  const snapshot = getContentStore().getSnapshot();
  let reader = readers.get(snapshot);
  if (!reader) {
    reader = snapshotReader(snapshot);
    readers.set(snapshot, reader);
  }
  return reader;
}

/**
 * This request's view of the content: made once per request (React's `cache()` keeps it for one
 * server render; a route handler or a script gets a fresh one per call), so every component of a
 * page reads the same content at the same moment.
 */
export const getView = cache((): ContentView => makeView(currentReader(), new Date(), getSiteSettings()));

/** A view of the current content at another moment (a scheduled feed, a test of what time shows). */
export function getViewAt(now: Date): ContentView {
  return makeView(currentReader(), now, getSiteSettings());
}
