'use client';

import { useEffect } from 'react';

import { VIEWS_API_PATH } from '@/lib/api-paths';

/**
 * Tells the site a reader saw this article, once the page is actually shown (not while a browser
 * prerenders it or keeps it in a background tab), with one beacon and no cookie. Renders nothing.
 */
export function ViewBeacon({ slug }: { slug: string }) {
  useEffect(() => {
    const send = () => {
      if (!navigator.sendBeacon?.(VIEWS_API_PATH, slug)) {
        void fetch(VIEWS_API_PATH, { method: 'POST', body: slug, keepalive: true }).catch(() => {});
      }
    };
    const doc = document as Document & { prerendering?: boolean };
    const whenShown = () => {
      if (doc.prerendering || document.visibilityState !== 'visible') return false;
      send();
      return true;
    };
    if (whenShown()) return;
    const onChange = () => {
      if (whenShown()) {
        document.removeEventListener('visibilitychange', onChange);
        document.removeEventListener('prerenderingchange', onChange);
      }
    };
    document.addEventListener('visibilitychange', onChange);
    document.addEventListener('prerenderingchange', onChange);
    return () => {
      document.removeEventListener('visibilitychange', onChange);
      document.removeEventListener('prerenderingchange', onChange);
    };
  }, [slug]);
  return null;
}
