import { cache } from 'react';

import { getSiteSettings } from '@/lib/site';

import { getContentStore } from './process-store';
import type { ContentReader } from './reader';
import { makeView, type ContentView } from './view';

/** The reader over the store's current content: one per state, shared by every request on it. */
const currentReader = (): ContentReader => getContentStore().getReader();

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

/**
 * Whether the server is still reading its content folder in the background (its first start on
 * an archive, or a whole rescan): pages then say that what is not found may not be read yet.
 */
export function isReadingContent(): boolean {
  return getContentStore().isReading();
}

/** Settles when the server's background read of its content folder (if one runs) has ended. */
export async function whenContentRead(): Promise<void> {
  await getContentStore().whenRead();
}
