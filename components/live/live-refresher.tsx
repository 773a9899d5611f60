'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

import { liveApiPath } from '@/lib/api-paths';

export interface LiveRefresherProps {
  slug: string;
  /** The coverage version the page was rendered with (lib/content getLiveCoverage). */
  version: string;
  /** How often to ask, in milliseconds. */
  intervalMs?: number;
}

/**
 * Keeps an open live page current: asks `/api/live/<slug>` for the coverage version every 20 s
 * while the tab is visible, and when it changes re-renders the page's server components in place
 * (no reload, scroll kept), saying so in a live region. Stops when the coverage ends.
 */
export function LiveRefresher({ slug, version, intervalMs = 20_000 }: LiveRefresherProps) {
  const router = useRouter();
  const [message, setMessage] = useState('');

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      if (document.visibilityState === 'visible') {
        try {
          const response = await fetch(liveApiPath(slug), { cache: 'no-store' });
          const body: unknown = response.ok ? await response.json() : undefined;
          const next =
            typeof body === 'object' && body !== null
              ? (body as { version?: unknown; live?: unknown })
              : {};
          if (!cancelled && typeof next.version === 'string' && next.version !== version) {
            setMessage('새 소식이 올라왔습니다');
            router.refresh();
            return; // The refreshed page brings a new version and a new timer.
          }
          if (next.live === false) return;
        } catch {
          // Offline for a moment: ask again later.
        }
      }
      if (!cancelled) timer = setTimeout(ask, intervalMs);
    };
    timer = setTimeout(ask, intervalMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [slug, version, intervalMs, router]);

  return (
    <p role="status" className="text-sm font-semibold text-brand-600 dark:text-brand-50">
      {message}
    </p>
  );
}
