import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeAnimatedGif, makeCameraJpeg, makePngBomb, TEST_SERIAL } from './test-photos';
import { makeVariants, type PhotoVariants } from './variants';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'variants-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

async function made(input: Buffer): Promise<PhotoVariants> {
  const result = await makeVariants(input);
  if (!result.ok) throw new Error(result.message);
  return result.photo;
}

/** Every tag exiftool finds in each file, by file name. */
function exifOf(files: string[]): Record<string, string>[] {
  const out = execFileSync('/usr/bin/exiftool', ['-json', '-a', '-G1', ...files], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as Record<string, string>[];
}

describe('makeVariants of a 4000×3000 camera JPEG with GPS and a serial number', () => {
  let original: Buffer;
  let photo: PhotoVariants;

  beforeAll(async () => {
    original = await makeCameraJpeg();
    photo = await made(original);
  }, 60_000);

  it('starts from an original that carries what must not be published', () => {
    const target = path.join(folder, 'original.jpg');
    fs.writeFileSync(target, original);
    expect(exifOf([target])[0]).toMatchObject({
      'GPS:GPSLatitude': expect.any(String),
      'ExifIFD:SerialNumber': TEST_SERIAL,
    });
  });

  it('makes 16:9, 4:3 and 1:1 JPEG crops at 1200 px for structured data, without metadata', async () => {
    expect(photo.crops.map(({ aspect, width, height }) => [aspect, width, height])).toEqual([
      ['16x9', 1200, 675],
      ['4x3', 1200, 900],
      ['1x1', 1200, 1200],
    ]);
    const files = photo.crops.map((crop) => {
      const target = path.join(folder, `crop-${crop.aspect}.jpg`);
      fs.writeFileSync(target, crop.data);
      return target;
    });
    for (const tags of exifOf(files)) {
      expect(Object.keys(tags).filter((key) => /GPS|Serial/i.test(key))).toEqual([]);
    }
  });

  it('makes four widths in AVIF and WebP, with a JPEG fallback, each the size it says', async () => {
    const names = photo.variants.map((v) => `${v.width}.${v.format}`).sort();
    expect(names).toEqual(
      [480, 800, 1200, 1600].flatMap((w) => [`${w}.avif`, `${w}.jpg`, `${w}.webp`]).sort(),
    );
    for (const variant of photo.variants) {
      const metadata = await sharp(variant.data).metadata();
      expect(metadata.format).toBe(
        variant.format === 'jpg' ? 'jpeg' : variant.format === 'avif' ? 'heif' : 'webp',
      );
      expect([metadata.width, metadata.height]).toEqual([variant.width, (variant.width * 3) / 4]);
    }
    expect(photo).toMatchObject({ width: 4000, height: 3000, frames: 1 });
    expect(photo.hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('leaves no GPS, serial, camera or any EXIF/XMP/IPTC in any variant', () => {
    const files = photo.variants.map((variant) => {
      const target = path.join(folder, `${variant.width}.${variant.format}`);
      fs.writeFileSync(target, variant.data);
      return target;
    });
    for (const tags of exifOf(files)) {
      const groups = new Set(Object.keys(tags).map((key) => key.split(':')[0]));
      for (const leak of [
        'GPS',
        'IFD0',
        'ExifIFD',
        'MakerNotes',
        'XMP-exif',
        'IPTC',
        'ICC-header',
      ]) {
        expect(groups, `${tags.SourceFile} has ${leak}`).not.toContain(leak);
      }
      expect(JSON.stringify(tags)).not.toContain('Hanbit');
    }
    for (const variant of photo.variants) {
      expect(variant.data.includes(TEST_SERIAL)).toBe(false);
      expect(variant.data.includes('Hanbit Camera')).toBe(false);
    }
  });

  it('gives identical bytes and hash when made again', async () => {
    const again = await made(original);
    expect(again.hash).toBe(photo.hash);
    expect(again.variants.map((v) => v.data.toString('base64'))).toEqual(
      photo.variants.map((v) => v.data.toString('base64')),
    );
    expect(again.placeholder).toBe(photo.placeholder);
  }, 60_000);

  it('carries a placeholder of a few hundred bytes', () => {
    expect(photo.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(photo.placeholder.length).toBeLessThan(400);
  });
});

describe('makeVariants', () => {
  it('turns a photo stored sideways (orientation 6) upright', async () => {
    // Stored 600×400 with a red top-left corner; displayed 400×600, the corner at the top right.
    const stored = await sharp({
      create: { width: 600, height: 400, channels: 3, background: '#2040c0' },
    })
      .composite([
        {
          input: { create: { width: 60, height: 60, channels: 3, background: '#ff0000' } },
          left: 0,
          top: 0,
        },
      ])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const photo = await made(stored);
    expect(photo).toMatchObject({ width: 400, height: 600 });
    const jpeg = photo.variants.find((v) => v.format === 'jpg');
    expect(jpeg).toMatchObject({ width: 400, height: 600 });
    const { data, info } = await sharp(jpeg?.data).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    expect(pixel(info.width - 10, 10)[0]).toBeGreaterThan(200);
    expect(pixel(10, 10)[0]).toBeLessThan(80);
    expect((await sharp(jpeg?.data).metadata()).orientation).toBeUndefined();
  });

  it('never enlarges: a 300 px photo stays 300 px, a 1000 px one stops at 800', async () => {
    const small = await made(await makeCameraJpeg({ width: 300, height: 200 }));
    expect(new Set(small.variants.map((v) => v.width))).toEqual(new Set([300]));
    const medium = await made(await makeCameraJpeg({ width: 1000, height: 750 }));
    expect(new Set(medium.variants.map((v) => v.width))).toEqual(new Set([480, 800]));
  });

  it('converts a wide-gamut (Display P3) photo to sRGB and drops the profile', async () => {
    const p3 = await sharp({
      create: { width: 500, height: 10, channels: 3, background: { r: 200, g: 100, b: 50 } },
    })
      .withIccProfile('p3')
      .png()
      .toBuffer();
    const stored = await sharp(p3).raw().toBuffer();
    const webp = (await made(p3)).variants.find((v) => v.format === 'webp');
    const metadata = await sharp(webp?.data).metadata();
    expect(metadata.icc).toBeUndefined();
    const [r, g, b] = await sharp(webp?.data).raw().toBuffer();
    // The pixels as stored are P3 numbers; the variant holds the sRGB colour they mean.
    expect(
      Math.abs((r ?? 0) - 200) + Math.abs((g ?? 0) - 100) + Math.abs((b ?? 0) - 50),
    ).toBeLessThan(12);
    expect(stored.length).toBeGreaterThan(0);
  });

  it('keeps transparency in WebP and AVIF, and puts the JPEG fallback on white', async () => {
    const png = await sharp({
      create: { width: 500, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const photo = await made(png);
    const webp = photo.variants.find((v) => v.format === 'webp');
    const jpg = photo.variants.find((v) => v.format === 'jpg');
    expect((await sharp(webp?.data).metadata()).hasAlpha).toBe(true);
    expect([...(await sharp(jpg?.data).raw().toBuffer()).subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it('keeps an animated GIF moving as WebP, with a still JPEG', async () => {
    const photo = await made(await makeAnimatedGif(6, 600, 300));
    expect(photo.frames).toBe(6);
    const webp = photo.variants.find((v) => v.format === 'webp');
    expect(webp).toMatchObject({ width: 480, height: 240 });
    expect((await sharp(webp?.data).metadata()).pages).toBe(6);
    expect(photo.variants.map((v) => v.format).sort()).toEqual(['jpg', 'webp']);
  });

  it('re-encodes a JPEG that also holds a PHP script, so no variant carries it', async () => {
    const jpeg = await makeCameraJpeg({ width: 600, height: 400 });
    const script = Buffer.from('<?php system($_GET["c"]); ?>');
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, script.length + 2]), script]);
    const polyglot = Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]);
    const photo = await made(polyglot);
    expect(photo.variants.length).toBe(3);
    for (const variant of photo.variants) expect(variant.data.includes('<?php')).toBe(false);
  });

  it('stops when the time budget is spent, and says so', async () => {
    const result = await makeVariants(await makeCameraJpeg(), { timeBudgetSeconds: 1 });
    expect(result).toEqual({
      ok: false,
      message: '사진을 1초 안에 처리하지 못했습니다: 4000×3000픽셀 — 크기를 줄여 내보내 주세요',
    });
  }, 30_000);

  it('refuses hostile files with the probe’s message', async () => {
    const bomb = await makeVariants(makePngBomb());
    expect(bomb).toEqual({
      ok: false,
      message: expect.stringMatching(/^사진이 너무 큽니다: 30000×30000픽셀/),
    });
  });
});
