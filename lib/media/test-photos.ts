/**
 * Photos made on the spot for tests and bench/photos.mjs: a camera-like JPEG (noise at several
 * scales, so it compresses like a photo) with GPS and a serial number in its EXIF, and the
 * hostile files a newsroom's folder can hold. Nothing here ships in a page.
 */
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';

import sharp from 'sharp';

/** The camera serial number written into test photos; no variant may contain it. */
export const TEST_SERIAL = 'HNB-SERIAL-7731942';

/** EXIF that gives a photo away: where it was taken, and with which camera. */
const REVEALING_EXIF = {
  IFD0: { Make: 'Hanbit Camera', Model: 'Newsroom 5', Software: 'test-photos' },
  IFD2: { BodySerialNumber: TEST_SERIAL, LensSerialNumber: `${TEST_SERIAL}-LENS` },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '37/1 33/1 5967/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '126/1 58/1 4620/100',
  },
};

/** Random noise at a few scales, summed: soft shapes, texture and grain, like a photo. */
async function photoPixels(width: number, height: number, seedSize = 6): Promise<Buffer> {
  const channels = 3;
  const sum = new Float32Array(width * height * channels);
  const octaves = [
    { scale: seedSize, weight: 0.55 },
    { scale: seedSize * 8, weight: 0.25 },
    { scale: seedSize * 64, weight: 0.12 },
  ];
  for (const { scale, weight } of octaves) {
    const w = Math.max(2, Math.round((width / 4000) * scale * 4));
    const h = Math.max(2, Math.round((w * height) / width));
    const layer = await sharp(randomBytes(w * h * channels), {
      raw: { width: w, height: h, channels },
    })
      .resize({ width, height, fit: 'fill', kernel: 'cubic' })
      .raw()
      .toBuffer();
    for (let i = 0; i < sum.length; i += 1) sum[i] = (sum[i] ?? 0) + weight * (layer[i] ?? 0);
  }
  const grain = randomBytes(sum.length);
  const pixels = Buffer.alloc(sum.length);
  for (let i = 0; i < sum.length; i += 1) {
    pixels[i] = Math.max(0, Math.min(255, (sum[i] ?? 0) + 0.08 * ((grain[i] ?? 0) - 128)));
  }
  return pixels;
}

/** A camera-like JPEG `width`×`height` with GPS, make, model and serial numbers in its EXIF. */
export async function makeCameraJpeg({
  width = 4000,
  height = 3000,
  quality = 92,
  orientation,
}: {
  width?: number;
  height?: number;
  quality?: number;
  orientation?: number;
} = {}): Promise<Buffer> {
  const pixels = await photoPixels(width, height);
  let image = sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .withExif(REVEALING_EXIF);
  if (orientation) image = image.withMetadata({ orientation });
  return image.toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG whose header claims `width`×`height` RGB pixels (30000×30000 is 2.7 GB decoded) with a
 * few bytes of data behind it: a decompression bomb's header, a hundred bytes on disk.
 */
export function makePngBomb(width = 30_000, height = 30_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(4096))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An animated GIF of `frames` frames, each `width`×`height`. */
export async function makeAnimatedGif(frames: number, width = 16, height = 12): Promise<Buffer> {
  const images = await Promise.all(
    Array.from({ length: frames }, (_, index) =>
      sharp({
        create: {
          width,
          height,
          channels: 3,
          background: { r: (index * 37) % 256, g: 90, b: 160 },
        },
      })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(images, { join: { animated: true } })
    .gif()
    .toBuffer();
}

/** The first bytes of an iPhone HEIC (an ISO `ftyp` box with the `heic` brand): sharp cannot make one. */
export function makeHeicHeader(): Buffer {
  const brands = ['heic', '\0\0\0\0', 'mif1', 'heic', 'miaf'];
  const box = Buffer.concat([
    Buffer.alloc(4),
    Buffer.from('ftyp'),
    Buffer.from(brands.join(''), 'latin1'),
  ]);
  box.writeUInt32BE(box.length, 0);
  return Buffer.concat([box, randomBytes(2048)]);
}

/** An SVG that runs script when a browser opens it. */
export const SVG_WITH_SCRIPT =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>\n';

/** A web shell, as an upload form would receive it under the name `photo.jpg`. */
export const PHP_AS_JPEG = '<?php system($_GET["c"]); ?>\n';
