'use client';

import { useEffect, useState } from 'react';

import { BREAKING_API_PATH } from '@/lib/api-paths';

export interface BreakingItem {
  title: string;
  path: string;
  /** 사설, 광고 …: shown before the title, as on every list. */
  label?: string;
}

export interface BreakingTickerProps {
  initial: BreakingItem[];
  /** How often to ask /api/breaking for news, in milliseconds. */
  intervalMs?: number;
}

function isBreakingPayload(value: unknown): value is { items: BreakingItem[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { items?: unknown }).items) &&
    (value as { items: unknown[] }).items.every(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as BreakingItem).title === 'string' &&
        typeof (item as BreakingItem).path === 'string' &&
        ['string', 'undefined'].includes(typeof (item as BreakingItem).label),
    )
  );
}

/**
 * The breaking-news strip. Server-rendered with the items of the moment (so it works without
 * JavaScript), then kept current by polling /api/breaking while the page stays open.
 */
export function BreakingTicker({ initial, intervalMs = 30_000 }: BreakingTickerProps) {
  const [items, setItems] = useState(initial);

  useEffect(() => {
    let cancelled = false;
    const refresh = async () => {
      if (document.visibilityState === 'hidden') return;
      try {
        const response = await fetch(BREAKING_API_PATH, { cache: 'no-store' });
        if (!response.ok) return;
        const payload: unknown = await response.json();
        if (!cancelled && isBreakingPayload(payload)) setItems(payload.items);
      } catch {
        // Offline or mid-deploy: keep showing what we have.
      }
    };
    const timer = window.setInterval(refresh, intervalMs);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [intervalMs]);

  if (items.length === 0) return null;
  return (
    <section aria-label="속보" className="bg-brand-600 text-white">
      <div className="mx-auto flex max-w-6xl items-start gap-3 px-4 py-2 text-sm sm:text-[0.95rem]">
        <span
          className="shrink-0 rounded-sm bg-white px-1.5 py-0.5 text-xs font-extrabold text-brand-700"
          aria-hidden="true"
        >
          속보
        </span>
        <ul className="flex min-w-0 flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-x-5">
          {items.map((item) => (
            <li key={item.path} className="min-w-0">
              <a
                href={item.path}
                className="font-semibold underline-offset-2 hover:underline focus-visible:outline-white"
              >
                {item.label ? (
                  <>
                    <span className="mr-1.5 rounded-sm border border-current px-1 text-xs font-bold">
                      {item.label}
                    </span>{' '}
                  </>
                ) : null}
                {item.title}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
