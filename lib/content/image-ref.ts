/**
 * What an image reference in content names: a photo file in the content folder (resolved from
 * the file that wrote it, as `./harbour.jpg` is beside its article), or a URL the site does not
 * own (`https://…`, or `/…` into public/). Pure: nothing here reads the disk.
 */
import path from 'node:path';

/** Image files under content/ that are published as photos (SVG and HEIC only to be refused clearly). */
const PHOTO_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.avif', '.gif', '.heic', '.heif', '.svg']);

export type ImageRef =
  /** An https:// (or http://) address, or a `/…` path into public/: shown as written. */
  | { kind: 'url'; url: string }
  /** A photo in the content folder: its path there (forward slashes, NFC), and the line naming it. */
  | { kind: 'photo'; path: string; line?: number };

export type ImageRefResult = { ok: true; ref: ImageRef } | { ok: false; message: string };

/** Whether a file under content/ is a photo (by its name; its bytes are judged when it is made). */
export function isPhotoFileName(name: string): boolean {
  return PHOTO_EXTENSIONS.has(path.posix.extname(name).toLowerCase());
}

/** Image URLs may be absolute http(s) URLs or root-relative paths under public/. */
export function isSafeImageUrl(value: string): boolean {
  if (value.startsWith('/')) return !value.startsWith('//') && !value.includes('\\');
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function decodePercent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Whether a `src` as written in a body names a content photo rather than a URL: no scheme, not
 * root-relative, not a fragment. Markdown percent-encodes it (`%ED%95%AD…`), so it is decoded.
 */
export function isRelativeImageSource(src: string): boolean {
  const value = src.trim();
  return value !== '' && !value.startsWith('/') && !value.startsWith('#') && !SCHEME.test(value);
}

/**
 * Reads an image reference written in the content file `owner` (a path in the content folder).
 * A relative one must stay inside the folder and name a photo file; a URL must be http(s) or `/…`.
 */
export function toImageRef(value: string, owner: string, line?: number): ImageRefResult {
  const written = value.trim();
  if (!isRelativeImageSource(written)) {
    return isSafeImageUrl(written)
      ? { ok: true, ref: { kind: 'url', url: written } }
      : {
          ok: false,
          message: `http(s) 주소, /로 시작하는 경로, 또는 이 파일 기준의 사진 경로(./사진.jpg)여야 합니다: "${written}"`,
        };
  }
  const decoded = decodePercent(written.split(/[?#]/)[0] ?? '');
  if (decoded.includes('\\') || decoded.includes('\0')) {
    return { ok: false, message: `사진 경로에 쓸 수 없는 글자가 있습니다: "${written}"` };
  }
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(owner), decoded));
  if (resolved === '..' || resolved.startsWith('../') || resolved === '.') {
    return { ok: false, message: `사진은 content 폴더 안에 있어야 합니다: "${written}"` };
  }
  if (!isPhotoFileName(resolved)) {
    return {
      ok: false,
      message: `사진 파일이 아닙니다 (.jpg .jpeg .png .webp .avif .gif만 씁니다): "${written}"`,
    };
  }
  return { ok: true, ref: { kind: 'photo', path: resolved.normalize('NFC'), ...(line ? { line } : {}) } };
}
