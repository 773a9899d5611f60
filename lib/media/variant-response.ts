/**
 * The answer to `/media/<hash>/<width>.<format>`: a file already on disk, or 404. A request never
 * decodes, makes or writes anything, so made-up names cost a name check and at most one failed read.
 */
import { CONTENT_TYPES, parseVariantName } from './variant-spec';
import type { VariantStore } from './variant-store';

const NOT_FOUND_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: NOT_FOUND_HEADERS });
}

/**
 * Serves one variant from `store`: the bytes with their type, cached for a year as immutable
 * (the hash names the bytes), or 404 for any name outside the fixed widths and formats or not
 * on disk. `ifNoneMatch` answers a revalidating cache with 304.
 */
export async function getVariantResponse(
  store: VariantStore,
  hash: string,
  file: string,
  ifNoneMatch?: string | null,
): Promise<Response> {
  const name = parseVariantName(hash, file);
  if (!name) return notFound();
  const etag = 'aspect' in name ? `"${name.hash}-${name.aspect}"` : `"${name.hash}-${name.width}-${name.format}"`;
  const headers = {
    'Cache-Control': 'public, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    ETag: etag,
  };
  const bytes =
    'aspect' in name
      ? await store.readCrop(name.hash, name.aspect)
      : await store.readVariant(name.hash, name.width, name.format);
  if (!bytes) return notFound();
  // A weak validator names the same bytes too (a proxy may weaken it when it compresses).
  if (ifNoneMatch === etag || ifNoneMatch === `W/${etag}`) return new Response(null, { status: 304, headers });
  // The file's own buffer, not a copy: a variant in flight costs its size once.
  return new Response(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), {
    headers: {
      ...headers,
      'Content-Type': CONTENT_TYPES[name.format],
      'Content-Length': String(bytes.length),
    },
  });
}
