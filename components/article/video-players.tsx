'use client';

import { useEffect } from 'react';

import { fromVideoToken, playerUrl } from '@/lib/video';

/**
 * Swaps a video facade for its player when the reader clicks it, and not before: until then the
 * page has made no request to YouTube or Vimeo. The player's address is rebuilt from the facade's
 * provider and id (lib/video.ts), so a body can only ever load those two players. Renders nothing.
 */
export function VideoPlayers() {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[data-video]') : null;
      const video = link ? fromVideoToken(link.getAttribute('data-video') ?? '') : undefined;
      if (!link || !video) return;
      event.preventDefault();
      const frame = document.createElement('iframe');
      frame.src = playerUrl(video);
      frame.title = link.textContent?.replace(/ 재생 \(.*\)$/, '') ?? '동영상';
      frame.className = 'video-embed-frame';
      frame.allow = 'autoplay; encrypted-media; fullscreen; picture-in-picture';
      frame.allowFullscreen = true;
      frame.referrerPolicy = 'strict-origin-when-cross-origin';
      frame.setAttribute(
        'sandbox',
        'allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox',
      );
      link.replaceWith(frame);
      frame.focus();
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);
  return null;
}
