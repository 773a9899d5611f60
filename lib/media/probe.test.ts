import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';

import { PHOTO_LIMITS } from './photo-limits';
import { canDecodeHeic, probePhoto } from './probe';
import {
  makeAnimatedGif,
  makeCameraJpeg,
  makeHeicHeader,
  makePngBomb,
  PHP_AS_JPEG,
  SVG_WITH_SCRIPT,
} from './test-photos';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): string {
  const target = path.join(folder, name);
  fs.writeFileSync(target, bytes);
  return target;
}

async function refusal(input: Buffer | string): Promise<string> {
  const result = await probePhoto(input);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.photo)}`);
  return result.message;
}

describe('probePhoto', () => {
  it('accepts a camera JPEG by path and reports its size as displayed', async () => {
    const upright = await makeCameraJpeg({ width: 600, height: 400 });
    const turned = await makeCameraJpeg({ width: 600, height: 400, orientation: 6 });
    const result = await probePhoto(file('upright.jpg', upright));
    expect(result.ok && result.photo).toMatchObject({
      format: 'jpeg',
      width: 600,
      height: 400,
      frames: 1,
    });
    const sideways = await probePhoto(turned);
    expect(sideways.ok && sideways.photo).toMatchObject({ width: 400, height: 600 });
  });

  it('goes by the bytes, not the name: a PNG called .jpg is a PNG', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const result = await probePhoto(file('really-a-png.jpg', png));
    expect(result.ok && result.photo.format).toBe('png');
  });

  it('refuses a 30000×30000 PNG bomb from its header, without decoding it', async () => {
    const bomb = makePngBomb();
    expect(bomb.length).toBeLessThan(200);
    const before = process.memoryUsage().rss;
    const message = await refusal(file('bomb.png', bomb));
    expect(message).toBe(
      '사진이 너무 큽니다: 30000×30000픽셀 (최대 4000만 픽셀) — 크기를 줄여 내보내 주세요',
    );
    // 2.7 GB decoded; the header read costs nothing like it.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a truncated JPEG', async () => {
    const whole = await makeCameraJpeg({ width: 800, height: 600 });
    const message = await refusal(
      file('cut.jpg', whole.subarray(0, Math.floor(whole.length * 0.7))),
    );
    expect(message).toMatch(
      /^사진 파일이 손상되었거나 끝까지 저장되지 않았습니다: 원본을 다시 내보내 주세요/,
    );
  });

  it('refuses a PHP script named .jpg, and an HTML page', async () => {
    expect(await refusal(file('shell.jpg', PHP_AS_JPEG))).toBe(
      '사진 파일이 아닙니다: 내용이 글(HTML·PHP·XML 같은 코드)입니다 — 확장자가 아니라 내용으로 판단합니다',
    );
    expect(await refusal(file('page.jpg', '<!doctype html><title>x</title>'))).toMatch(
      /^사진 파일이 아닙니다/,
    );
    expect(await refusal(file('zip.jpg', Buffer.from('PK\x03\x04rest of a zip')))).toMatch(
      /^사진 파일이 아닙니다: 내용이 JPEG·PNG·WebP·AVIF·GIF 어느 것도 아닙니다/,
    );
  });

  it('refuses an SVG (it can hold script) and says it belongs in public/', async () => {
    const message = await refusal(file('chart.svg', SVG_WITH_SCRIPT));
    expect(message).toMatch(/^SVG는 기사 사진으로 쓸 수 없습니다/);
    expect(message).toContain('public/');
    // With a byte-order mark and a misleading name, too.
    expect(await refusal(file('chart.png', `\uFEFF  ${SVG_WITH_SCRIPT}`))).toMatch(/^SVG는/);
  });

  it('asks for a JPEG export of an iPhone HEIC, which the prebuilt libvips cannot decode', async () => {
    // sharp's prebuilt libheif decodes AV1 (AVIF) only, not HEVC, and cannot write a HEIC either.
    expect(canDecodeHeic()).toBe(false);
    expect(await refusal(file('IMG_0001.HEIC', makeHeicHeader()))).toMatch(
      /^HEIC 사진은 읽을 수 없습니다: 휴대폰이나 사진 앱에서 JPEG로 내보내 주세요/,
    );
  });

  it('refuses an animation with too many frames, and accepts a short one', async () => {
    expect(await refusal(await makeAnimatedGif(301))).toBe(
      '움직이는 그림의 장면이 너무 많습니다: 301장 (최대 300장) — 짧게 줄이거나 동영상으로 올려 주세요',
    );
    const short = await probePhoto(await makeAnimatedGif(4));
    expect(short.ok && short.photo).toMatchObject({
      format: 'gif',
      frames: 4,
      width: 16,
      height: 12,
    });
  });

  it('refuses an animation whose frames together are too many pixels to decode', async () => {
    // Four 16×12 frames are 768 pixels: over a limit of 700, though each frame is small.
    const limits = { ...PHOTO_LIMITS, maxAnimationPixels: 700 };
    const result = await probePhoto(await makeAnimatedGif(4), limits);
    expect(result).toEqual({
      ok: false,
      message: '움직이는 그림이 너무 큽니다: 16×12픽셀 4장 — 크기나 장면 수를 줄여 주세요',
    });
  });

  it('refuses a file over 25 MB before reading it, and an empty one', async () => {
    const huge = path.join(folder, 'huge.jpg');
    fs.writeFileSync(huge, Buffer.from([0xff, 0xd8, 0xff]));
    fs.truncateSync(huge, 26 * 1024 * 1024);
    expect(await refusal(huge)).toBe(
      '사진 파일이 너무 큽니다: 26.0MB (최대 25.0MB) — 긴 변 4000픽셀 정도로 줄여 내보내 주세요',
    );
    expect(await refusal(file('empty.jpg', ''))).toBe('사진 파일이 비어 있습니다 (0바이트)');
  });

  it('says a missing path cannot be read', async () => {
    expect(await refusal(path.join(folder, 'nope.jpg'))).toMatch(
      /^사진 파일을 읽을 수 없습니다: ENOENT/,
    );
  });
});
