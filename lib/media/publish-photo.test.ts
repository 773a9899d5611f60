import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { publishPhoto } from './publish-photo';
import { makeCameraJpeg, PHP_AS_JPEG } from './test-photos';
import { openVariantStore } from './variant-store';
import { createWorkQueue, type WorkQueue } from './work-queue';
import type { PublishResult } from './publish-photo';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-photo-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function queue(maxWaiting = 8): WorkQueue<PublishResult> {
  return createWorkQueue<PublishResult>({ concurrency: 1, maxWaiting });
}

describe('publishPhoto', () => {
  it('makes WebP and JPEG first, then the AVIFs; a restart (new queue, same disk) finds it made', async () => {
    const store = openVariantStore({ root: path.join(folder, 'once') });
    const photo = path.join(folder, 'harbour.jpg');
    fs.writeFileSync(photo, await makeCameraJpeg({ width: 900, height: 600 }));
    const upgrades: string[][] = [];
    const first = queue();
    const shown = await publishPhoto(photo, {
      store,
      queue: first,
      onUpgrade: (manifest) => upgrades.push(manifest.variants.map((v) => `${v.width}.${v.format}`)),
    });
    expect(shown.ok && shown.manifest.variants.map((v) => `${v.width}.${v.format}`)).toEqual([
      '800.webp',
      '800.jpg',
      '480.webp',
      '480.jpg',
    ]);
    await first.idle();
    const all = ['800.avif', '800.webp', '800.jpg', '480.avif', '480.webp', '480.jpg'];
    expect(upgrades).toEqual([all]);
    const hash = shown.ok ? shown.manifest.hash : '';
    const made = await store.readManifest(hash);
    expect(made?.variants.map((v) => `${v.width}.${v.format}`)).toEqual(all);
    expect(made?.crops.map((c) => `${c.aspect} ${c.width}×${c.height}`)).toEqual(['16x9 800×450', '4x3 710×533', '1x1 533×533']);
    expect(shown.ok && shown.manifest.crops).toEqual([]);
    const marker = path.join(store.root, hash, '800.avif');
    const written = fs.statSync(marker).mtimeMs;
    const again = await publishPhoto(photo, { store, queue: queue() });
    expect(again.ok && again.manifest.variants.map((v) => `${v.width}.${v.format}`)).toEqual(all);
    expect(fs.statSync(marker).mtimeMs).toBe(written);
    expect(fs.readdirSync(path.join(store.root, hash)).filter((name) => name.includes('incoming'))).toEqual([]);
  });

  it('passes a hostile file’s refusal on, as a content error (no retry)', async () => {
    const store = openVariantStore({ root: path.join(folder, 'hostile') });
    const shell = path.join(folder, 'shell.jpg');
    fs.writeFileSync(shell, PHP_AS_JPEG);
    expect(await publishPhoto(shell, { store, queue: queue() })).toEqual({
      ok: false,
      message: expect.stringMatching(/^사진 파일이 아닙니다/),
      retryLater: false,
    });
    expect(fs.existsSync(store.root)).toBe(false);
  });

  it('says to retry later when the queue is full', async () => {
    const store = openVariantStore({ root: path.join(folder, 'full') });
    const small = queue(1);
    const bytes = await makeCameraJpeg({ width: 500, height: 300 });
    const pending = [publishPhoto(path.join(folder, 'a.jpg'), { store, queue: small })];
    pending.push(publishPhoto(path.join(folder, 'b.jpg'), { store, queue: small }));
    expect(await publishPhoto(bytes, { store, queue: small })).toEqual({
      ok: false,
      message: '사진 처리 대기열이 가득 찼습니다 (1장 대기 중): 잠시 뒤 다시 처리합니다',
      retryLater: true,
    });
    await Promise.all(pending);
  });

  it('says to retry later when the disk refuses the variants', async () => {
    const notAFolder = path.join(folder, 'data-file');
    fs.writeFileSync(notAFolder, '');
    const store = openVariantStore({ root: path.join(notAFolder, 'media') });
    const result = await publishPhoto(await makeCameraJpeg({ width: 500, height: 300 }), {
      store,
      queue: queue(),
    });
    expect(result).toMatchObject({ ok: false, retryLater: true });
    expect(!result.ok && result.message).toMatch(/^사진 변환본을 저장할 수 없습니다/);
  });
});
