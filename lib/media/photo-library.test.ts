import { describe, expect, it } from 'vitest';

import type { PhotoFile } from '@/lib/content/types';

import { openPhotoLibrary } from './photo-library';
import type { PublishResult } from './publish-photo';
import type { PhotoManifest } from './variant-store';

const manifest = (hash: string): PhotoManifest => ({
  hash,
  width: 1600,
  height: 1200,
  frames: 1,
  variants: [{ width: 1600, height: 1200, format: 'jpg', bytes: 10 }],
  crops: [],
  placeholder: '',
});

const file = (path: string, mtimeMs = 1): PhotoFile => ({ path, absolute: `/c/${path}`, size: 10, mtimeMs });
const files = (...list: PhotoFile[]) => new Map(list.map((f) => [f.path, f]));

describe('openPhotoLibrary', () => {
  it('makes each new or changed photo once, and says when a page may show another picture', async () => {
    const made: string[] = [];
    const library = openPhotoLibrary({
      publish: async (absolute) => {
        made.push(absolute);
        return { ok: true, manifest: manifest(`h${made.length}`) };
      },
      log: () => {},
    });
    const before = library.version();
    library.sync(files(file('a.jpg')));
    expect(library.get('a.jpg')).toEqual({ status: 'waiting' });
    await library.idle();
    expect(library.get('a.jpg')).toMatchObject({ status: 'ready', manifest: { hash: 'h1' } });
    expect(library.version()).not.toBe(before);
    library.sync(files(file('a.jpg')));
    await library.idle();
    expect(made).toEqual(['/c/a.jpg']);
    // Replaced: the old picture stays until the new one is made.
    library.sync(files(file('a.jpg', 2)));
    expect(library.get('a.jpg')).toMatchObject({ status: 'ready', manifest: { hash: 'h1' } });
    await library.idle();
    expect(library.get('a.jpg')).toMatchObject({ manifest: { hash: 'h2' } });
    library.sync(files());
    expect(library.get('a.jpg')).toBeUndefined();
  });

  it('unpublishes a deleted or replaced photo, unless another file is the same photo', async () => {
    const removed: string[] = [];
    let versions = 0;
    const library = openPhotoLibrary({
      // Two names for one photo (a.jpg and copy.jpg) share a hash; each version of b.jpg is new.
      publish: async (absolute) => ({
        ok: true,
        manifest: manifest(absolute.endsWith('b.jpg') ? `b${(versions += 1)}` : 'same'),
      }),
      unpublish: async (hash) => void removed.push(hash),
      log: () => {},
    });
    library.sync(files(file('a.jpg'), file('copy.jpg'), file('b.jpg')));
    await library.idle();
    library.sync(files(file('copy.jpg'), file('b.jpg')));
    expect(removed).toEqual([]);
    library.sync(files(file('b.jpg')));
    expect(removed).toEqual(['same']);
    // Replaced by other bytes: the old photo goes once the new one is made.
    library.sync(files(file('b.jpg', 2)));
    await library.idle();
    expect(removed).toEqual(['same', 'b1']);
    library.sync(files());
    expect(removed).toEqual(['same', 'b1', 'b2']);
  });

  it('makes a photo queued many times once, in the order the photos came', async () => {
    const made: string[] = [];
    const library = openPhotoLibrary({
      publish: async (absolute) => {
        made.push(absolute);
        return { ok: true, manifest: manifest(absolute) };
      },
      unpublish: async () => {},
      log: () => {},
    });
    const many = Array.from({ length: 20_000 }, (_, i) => file(`many/${i}.jpg`));
    library.sync(files(...many));
    library.sync(files(...many, file('late.jpg')));
    await library.idle();
    expect(made).toHaveLength(20_001);
    expect(made[0]).toBe('/c/many/0.jpg');
    expect(made.at(-1)).toBe('/c/late.jpg');
  });

  it('takes the AVIFs made after the first variants, and pages hear of them', async () => {
    const upgraded = { ...manifest('h'), variants: [...manifest('h').variants, { width: 1600, height: 1200, format: 'avif' as const, bytes: 5 }] };
    let upgrade: (m: PhotoManifest) => void = () => {};
    const library = openPhotoLibrary({
      publish: async (_absolute, onUpgrade) => {
        upgrade = onUpgrade;
        return { ok: true, manifest: manifest('h') };
      },
      log: () => {},
    });
    library.sync(files(file('a.jpg')));
    await library.idle();
    const before = library.version();
    upgrade(upgraded);
    expect(library.get('a.jpg')).toEqual({ status: 'ready', manifest: upgraded });
    expect(library.version()).not.toBe(before);
  });

  it('keeps a refusal with its message and logs it once', async () => {
    const lines: string[] = [];
    const library = openPhotoLibrary({
      publish: async () => ({ ok: false, message: '사진 파일이 아닙니다', retryLater: false }),
      log: (line) => lines.push(line),
    });
    library.sync(files(file('fake.jpg')));
    await library.idle();
    library.sync(files(file('fake.jpg')));
    await library.idle();
    expect(library.get('fake.jpg')).toEqual({ status: 'refused', message: '사진 파일이 아닙니다' });
    expect(lines).toEqual(['fake.jpg: error: 사진 파일이 아닙니다']);
  });

  it('tries a photo the disk refused again later, saying so once', async () => {
    const lines: string[] = [];
    const results: PublishResult[] = [
      { ok: false, message: '사진 변환본을 저장할 수 없습니다', retryLater: true },
      { ok: true, manifest: manifest('h') },
    ];
    const library = openPhotoLibrary({
      publish: async () => results.shift() ?? { ok: false, message: 'x', retryLater: false },
      log: (line) => lines.push(line),
      retryMs: 10,
    });
    library.sync(files(file('a.jpg')));
    await library.idle();
    expect(library.get('a.jpg')).toEqual({ status: 'waiting' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await library.idle();
    expect(library.get('a.jpg')).toMatchObject({ status: 'ready' });
    expect(lines).toHaveLength(1);
  });
});
