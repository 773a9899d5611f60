/**
 * What an image reference shows now: a made content photo, or a URL shown as written. A photo
 * that is missing, refused or not made yet shows nothing; pages never wait for one.
 */
import type { ImageRef } from '@/lib/content/image-ref';

import { getPhotoLibrary } from './photo-library';
import { getRemoteImage } from './remote-images';
import { toShareImage } from './picture';
import type { PhotoManifest } from './variant-store';

export type ShownImage =
  /** Variants on this site, by manifest. */
  | { kind: 'photo'; manifest: PhotoManifest }
  /** Another site's image (https://…): loaded lazily, without a referrer. */
  | { kind: 'remote'; url: string }
  /** A file in public/ (`/…`), shown as written. */
  | { kind: 'public'; url: string };

/**
 * A remote `https://` image imported into the photo pipeline (REMOTE_IMAGES=import; off by
 * default): the manifest of the variants made from `url` once the importer has fetched it. Asking
 * starts the import; until it is done (or when it failed, or the option is off) the image stays
 * remote. Never waits.
 */
export function getImportedRemotePhoto(url: string): PhotoManifest | undefined {
  if (!url.startsWith('https://')) return undefined;
  const remote = getRemoteImage(url);
  return remote.state === 'imported' ? remote.value : undefined;
}

/** The made photo at a content path, or undefined while it is missing, refused or being made. */
export function getPhotoManifest(path: string): PhotoManifest | undefined {
  const state = getPhotoLibrary().get(path);
  return state?.status === 'ready' ? state.manifest : undefined;
}

/** What `ref` shows now; undefined when nothing can be shown for it. */
export function resolveImage(ref: ImageRef | undefined): ShownImage | undefined {
  if (!ref) return undefined;
  if (ref.kind === 'photo') {
    const manifest = getPhotoManifest(ref.path);
    return manifest ? { kind: 'photo', manifest } : undefined;
  }
  if (ref.url.startsWith('/')) return { kind: 'public', url: ref.url };
  const imported = getImportedRemotePhoto(ref.url);
  return imported ? { kind: 'photo', manifest: imported } : { kind: 'remote', url: ref.url };
}

/** An image to share (og:image, feeds, JSON-LD): its URL, and its size when it is known. */
export interface SharedImage {
  url: string;
  width?: number;
  height?: number;
}

/**
 * The image to share for `ref`: a made photo's JPEG at least 1200 px wide (else its widest) with
 * its true size; a URL as written, of unknown size; nothing while a photo is missing or not made.
 */
export function toSharedImage(ref: ImageRef | undefined, minWidth = 1200): SharedImage | undefined {
  const shown = resolveImage(ref);
  if (!shown) return undefined;
  if (shown.kind !== 'photo') return { url: shown.url };
  const chosen = toShareImage(shown.manifest, minWidth);
  return chosen && { url: chosen.path, width: chosen.width, height: chosen.height };
}
