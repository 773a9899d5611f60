import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { openVariantStore } from './variant-store';
import type { PhotoVariants } from './variants';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'variant-store-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const HASH = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

function photo(hash = HASH): PhotoVariants {
  return {
    hash,
    width: 900,
    height: 600,
    frames: 1,
    placeholder: 'data:image/webp;base64,AAAA',
    variants: [
      { width: 480, height: 320, format: 'avif', data: Buffer.from('avif-480') },
      { width: 800, height: 533, format: 'jpg', data: Buffer.from('jpg-800') },
    ],
    crops: [{ aspect: '1x1', width: 600, height: 600, data: Buffer.from('crop-1x1') }],
  };
}

describe('openVariantStore', () => {
  it('writes a photo whole, with its manifest, and leaves no temporary folder', async () => {
    const store = openVariantStore({ root: path.join(folder, 'one') });
    const manifest = await store.write(photo());
    expect(manifest.variants).toEqual([
      { width: 480, height: 320, format: 'avif', bytes: 8 },
      { width: 800, height: 533, format: 'jpg', bytes: 7 },
    ]);
    expect(manifest.crops).toEqual([{ aspect: '1x1', width: 600, height: 600, bytes: 8 }]);
    expect(fs.readdirSync(store.root)).toEqual([HASH]);
    expect(fs.readdirSync(path.join(store.root, HASH)).sort()).toEqual([
      '1x1.jpg',
      '480.avif',
      '800.jpg',
      'photo.json',
    ]);
    expect(await store.readManifest(HASH)).toEqual(manifest);
    expect((await store.readVariant(HASH, 800, 'jpg'))?.toString()).toBe('jpg-800');
    expect((await store.readCrop(HASH, '1x1'))?.toString()).toBe('crop-1x1');
    expect(await store.readCrop(HASH, '16x9')).toBeUndefined();
    expect(await store.readVariant(HASH, 800, 'webp')).toBeUndefined();
    expect(await store.readManifest('b'.repeat(32))).toBeUndefined();
  });

  it('keeps the set already there when another process wrote the same photo first', async () => {
    const store = openVariantStore({ root: path.join(folder, 'twice') });
    await Promise.all([store.write(photo()), store.write(photo()), store.write(photo())]);
    expect(fs.readdirSync(store.root)).toEqual([HASH]);
  });

  it('sweeps temporary folders a crash left behind, but not fresh ones', async () => {
    const root = path.join(folder, 'crash');
    fs.mkdirSync(path.join(root, `.incoming-${HASH}-old`), { recursive: true });
    fs.mkdirSync(path.join(root, `.incoming-${HASH}-new`));
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(path.join(root, `.incoming-${HASH}-old`), hourAgo, hourAgo);
    expect(await openVariantStore({ root }).sweepIncoming()).toBe(1);
    expect(fs.readdirSync(root)).toEqual([`.incoming-${HASH}-new`]);
  });

  it('says in Korean where it cannot write when DATA_DIR is a file, and leaves nothing behind', async () => {
    const notAFolder = path.join(folder, 'data-is-a-file');
    fs.writeFileSync(notAFolder, 'x');
    const store = openVariantStore({ root: path.join(notAFolder, 'media') });
    await expect(store.write(photo())).rejects.toThrow(
      `사진 변환본을 저장할 수 없습니다: ${path.join(notAFolder, 'media', HASH)}`,
    );
    expect(await store.readVariant(HASH, 480, 'avif')).toBeUndefined();
  });

  it('a failed addVariants (a rename that fails, as on a full disk) leaves no temporary file, and says why', async () => {
    const store = openVariantStore({ root: path.join(folder, 'add') });
    await store.write(photo());
    fs.mkdirSync(path.join(store.root, HASH, '800.avif', 'x'), { recursive: true });
    await expect(
      store.addVariants(HASH, [{ width: 800, height: 533, format: 'avif', data: Buffer.alloc(4096, 1) }]),
    ).rejects.toThrow(/사진 변환본을 저장할 수 없습니다 \(E[A-Z]+\)/);
    const left = fs.readdirSync(path.join(store.root, HASH)).filter((name) => name.includes('.incoming-'));
    expect(left).toEqual([]);
  });

  it('removes a photo whole (it is unpublished), and nothing for a name that is no hash', async () => {
    const store = openVariantStore({ root: path.join(folder, 'remove') });
    await store.write(photo());
    await store.write(photo('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'));
    await store.remove(HASH);
    await store.remove('../remove');
    expect(await store.readManifest(HASH)).toBeUndefined();
    expect(fs.readdirSync(store.root)).toEqual(['bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']);
  });

  it('refuses a manifest that is not what it wrote', async () => {
    const root = path.join(folder, 'bad-manifest');
    fs.mkdirSync(path.join(root, HASH), { recursive: true });
    fs.writeFileSync(path.join(root, HASH, 'photo.json'), '{"hash":1}');
    await expect(openVariantStore({ root }).readManifest(HASH)).rejects.toThrow(
      `사진 변환본의 photo.json이 올바르지 않습니다: ${HASH}`,
    );
  });
});
