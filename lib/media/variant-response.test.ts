import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeCameraJpeg } from './test-photos';
import { getVariantResponse } from './variant-response';
import { openVariantStore, type VariantStore } from './variant-store';
import { makeVariants, type PhotoVariants } from './variants';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'variant-response-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Every file under the store, with its size: what a request must never change. */
function listing(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .map((entry) => path.join(entry.parentPath, entry.name))
    .map((file) => `${path.relative(root, file)} ${fs.statSync(file).size}`)
    .sort();
}

describe('getVariantResponse', () => {
  let store: VariantStore;
  let photo: PhotoVariants;

  beforeAll(async () => {
    store = openVariantStore({ root: path.join(folder, 'media') });
    const made = await makeVariants(await makeCameraJpeg({ width: 1300, height: 900 }));
    if (!made.ok) throw new Error(made.message);
    photo = made.photo;
    await store.write(photo);
  });

  it('serves a variant on disk as immutable, typed and unsniffable', async () => {
    const response = await getVariantResponse(store, photo.hash, '800.avif');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/avif');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const expected = photo.variants.find((v) => v.width === 800 && v.format === 'avif')?.data;
    expect(Buffer.from(await response.arrayBuffer()).equals(expected ?? Buffer.alloc(0))).toBe(
      true,
    );
    expect(
      (await getVariantResponse(store, photo.hash, '1200.jpg')).headers.get('content-type'),
    ).toBe('image/jpeg');
  });

  it('answers a revalidation with 304', async () => {
    const first = await getVariantResponse(store, photo.hash, '480.webp');
    const again = await getVariantResponse(
      store,
      photo.hash,
      '480.webp',
      first.headers.get('etag'),
    );
    expect(again.status).toBe(304);
  });

  it('answers 404 to made-up hashes, widths and formats, and adds nothing to disk', async () => {
    const before = listing(store.root);
    const madeUp: [string, string][] = [
      ['f'.repeat(32), '800.avif'], // a hash never made
      [photo.hash, '1600.avif'], // wider than the original
      [photo.hash, '640.webp'], // not a fixed width
      [photo.hash, '300.webp'], // small widths only exist for small originals
      [photo.hash, '800.png'],
      [photo.hash, '800.svg'],
      [photo.hash, 'photo.json'],
      [photo.hash.toUpperCase(), '800.avif'],
      ['..', '800.avif'],
      ['%2e%2e', '800.avif'],
      [photo.hash, '..%2fphoto.json'],
      [photo.hash, '800.avif/'],
    ];
    for (const [hash, file] of madeUp) {
      const response = await getVariantResponse(store, hash, file);
      expect(response.status, `${hash}/${file}`).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(listing(store.root)).toEqual(before);
  });
});
