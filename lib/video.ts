/**
 * Videos from YouTube and Vimeo, identified by provider and id only. The article shows a facade
 * (a link to the video); the player's address is built here from the id, never taken from content,
 * so the only frames a page can ever load are these two players. Shared by the server (which finds
 * videos in bodies) and the one small client leaf that loads a player when the reader asks.
 */
export type VideoProvider = 'youtube' | 'vimeo';

export interface Video {
  provider: VideoProvider;
  id: string;
  /** Start at this many seconds (`?t=90`, `&start=90`). */
  start?: number;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;

/** The origins the Content-Security-Policy lets frames come from: exactly the two players. */
export const PLAYER_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'];

/** `data-video` on a facade link: `youtube:dQw4w9WgXcQ:90`. */
export function toVideoToken({ provider, id, start }: Video): string {
  return start ? `${provider}:${id}:${start}` : `${provider}:${id}`;
}

/** A facade's `data-video` back to a video, or undefined for anything malformed. */
export function fromVideoToken(token: string): Video | undefined {
  const [provider, id = '', start] = token.split(':');
  const seconds = start === undefined ? undefined : Number(start);
  if (seconds !== undefined && !(Number.isInteger(seconds) && seconds > 0 && seconds < 86_400)) return undefined;
  if (provider === 'youtube' && YOUTUBE_ID.test(id)) return { provider, id, start: seconds };
  if (provider === 'vimeo' && VIMEO_ID.test(id)) return { provider, id, start: seconds };
  return undefined;
}

/** The player, privacy-enhanced: youtube-nocookie.com, Vimeo with `dnt=1` (no tracking cookies). */
export function playerUrl({ provider, id, start }: Video): string {
  if (provider === 'youtube') {
    const url = new URL(`/embed/${id}`, PLAYER_ORIGINS[0]);
    url.searchParams.set('autoplay', '1');
    url.searchParams.set('rel', '0');
    if (start) url.searchParams.set('start', String(start));
    return url.href;
  }
  const url = new URL(`/video/${id}`, PLAYER_ORIGINS[1]);
  url.searchParams.set('autoplay', '1');
  url.searchParams.set('dnt', '1');
  return start ? `${url.href}#t=${start}s` : url.href;
}

/** The video's own page, which the facade links to for readers without JavaScript. */
export function watchUrl({ provider, id, start }: Video): string {
  if (provider === 'youtube') {
    const url = new URL('https://www.youtube.com/watch');
    url.searchParams.set('v', id);
    if (start) url.searchParams.set('t', `${start}s`);
    return url.href;
  }
  return start ? `https://vimeo.com/${id}#t=${start}s` : `https://vimeo.com/${id}`;
}

/** `90`, `90s`, `1m30s`, `1h2m3s` → seconds. */
function readSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+s?$/.test(value)) return Number.parseInt(value, 10) || undefined;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!match) return undefined;
  const [, h = '0', m = '0', s = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s) || undefined;
}

const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'music.youtube.com',
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
]);

/**
 * A YouTube or Vimeo address as an editor pastes it (watch page, short link, Shorts, live, embed
 * code's `src`), or undefined for anything else. Read with the WHATWG URL parser.
 */
export function parseVideoUrl(text: string): Video | undefined {
  let url: URL;
  try {
    url = new URL(text.trim().startsWith('//') ? `https:${text.trim()}` : text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split('/').filter(Boolean);
  const check = (video: Video | undefined) => (video && fromVideoToken(toVideoToken(video)) ? video : undefined);
  if (host === 'youtu.be') {
    const id = segments[0] ?? '';
    return check({ provider: 'youtube', id, start: readSeconds(url.searchParams.get('t')) });
  }
  if (YOUTUBE_HOSTS.has(host)) {
    const start = readSeconds(url.searchParams.get('t') ?? url.searchParams.get('start'));
    if (segments[0] === 'watch' && segments.length === 1) {
      return check({ provider: 'youtube', id: url.searchParams.get('v') ?? '', start });
    }
    if (['embed', 'shorts', 'live', 'v'].includes(segments[0] ?? '') && segments.length === 2) {
      return check({ provider: 'youtube', id: segments[1] ?? '', start });
    }
    return undefined;
  }
  const start = readSeconds(url.hash.startsWith('#t=') ? url.hash.slice(3) : null);
  if (host === 'player.vimeo.com' && segments[0] === 'video' && segments.length === 2) {
    return check({ provider: 'vimeo', id: segments[1] ?? '', start });
  }
  if ((host === 'vimeo.com' || host === 'www.vimeo.com') && segments.length === 1) {
    return check({ provider: 'vimeo', id: segments[0] ?? '', start });
  }
  return undefined;
}
