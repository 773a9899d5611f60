/**
 * Whether a file may become a photo on the site, decided before any variant is made: its real
 * format from its bytes, its size from its header, then one cheap decode that finds truncated or
 * damaged files. Every refusal is a Korean message an editor can act on.
 */
import fs from 'node:fs/promises';

import sharp, { type Metadata } from 'sharp';

import { PHOTO_LIMITS, type PhotoLimits } from './photo-limits';
import { configureSharp } from './sharp-settings';
import { sniffFormat, type PhotoFormat, type SniffedFormat } from './sniff';

/** What the header says about an accepted photo; width and height as displayed (orientation applied). */
export interface PhotoInfo {
  format: PhotoFormat;
  width: number;
  height: number;
  /** 1 for a still photo. */
  frames: number;
  bytes: number;
}

export type ProbeResult =
  { ok: true; photo: PhotoInfo; original: Buffer } | { ok: false; message: string };

const MEGABYTE = 1024 * 1024;

/** Whether this build of sharp decodes HEIC (HEVC): the prebuilt one decodes only AVIF's AV1. */
export function canDecodeHeic(): boolean {
  return sharp.format.heif.input.fileSuffix?.includes('.heic') ?? false;
}

function refuse(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function megabytes(bytes: number): string {
  return `${(bytes / MEGABYTE).toFixed(1)}MB`;
}

function tooLarge(bytes: number, limits: PhotoLimits): ProbeResult {
  return refuse(
    `사진 파일이 너무 큽니다: ${megabytes(bytes)} (최대 ${megabytes(limits.maxFileBytes)}) — 긴 변 4000픽셀 정도로 줄여 내보내 주세요`,
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readOriginal(
  input: Buffer | string,
  limits: PhotoLimits,
): Promise<Buffer | ProbeResult> {
  if (typeof input !== 'string') return input;
  try {
    const { size } = await fs.stat(input);
    if (size > limits.maxFileBytes) return tooLarge(size, limits);
    return await fs.readFile(input);
  } catch (error) {
    return refuse(`사진 파일을 읽을 수 없습니다: ${describeError(error)}`);
  }
}

/** The photo format of a file's bytes, or the refusal for bytes that are none, whatever the name. */
function toPhotoFormat(sniffed: SniffedFormat): PhotoFormat | { ok: false; message: string } {
  switch (sniffed) {
    case 'svg':
      return refuse(
        'SVG는 기사 사진으로 쓸 수 없습니다: 스크립트를 담을 수 있는 형식이라 content/에서는 내보내지 않습니다 — 그림은 public/ 폴더에 두고 /로 시작하는 경로로 쓰거나, PNG로 내보내 주세요',
      );
    case 'heic':
      return canDecodeHeic()
        ? 'heic'
        : refuse(
            'HEIC 사진은 읽을 수 없습니다: 휴대폰이나 사진 앱에서 JPEG로 내보내 주세요 (아이폰: 설정 › 카메라 › 포맷 › 높은 호환성)',
          );
    case 'text':
      return refuse(
        '사진 파일이 아닙니다: 내용이 글(HTML·PHP·XML 같은 코드)입니다 — 확장자가 아니라 내용으로 판단합니다',
      );
    case 'unknown':
      return refuse(
        '사진 파일이 아닙니다: 내용이 JPEG·PNG·WebP·AVIF·GIF 어느 것도 아닙니다 — 확장자가 아니라 내용으로 판단합니다',
      );
    default:
      return sniffed;
  }
}

function damaged(error: unknown): ProbeResult {
  return refuse(
    `사진 파일이 손상되었거나 끝까지 저장되지 않았습니다: 원본을 다시 내보내 주세요 (${describeError(error)})`,
  );
}

/**
 * Reads a photo (bytes or a path) and says whether the site will publish it under `limits`: a
 * typed description and the bytes read, or a Korean message. Sizes are checked from the header before any decode,
 * so a 30000×30000 PNG costs a few bytes of reading, not gigabytes of memory.
 */
export async function probePhoto(
  input: Buffer | string,
  limits: PhotoLimits = PHOTO_LIMITS,
): Promise<ProbeResult> {
  configureSharp();
  const original = await readOriginal(input, limits);
  if (!Buffer.isBuffer(original)) return original;
  if (original.length > limits.maxFileBytes) return tooLarge(original.length, limits);
  if (original.length === 0) return refuse('사진 파일이 비어 있습니다 (0바이트)');

  const format = toPhotoFormat(sniffFormat(original));
  if (typeof format !== 'string') return format;

  let metadata: Metadata;
  try {
    // The header only: no limit here, so the message can say how large the image claims to be.
    metadata = await sharp(original, { limitInputPixels: false }).metadata();
  } catch (error) {
    return damaged(error);
  }
  const { width, height } = metadata.autoOrient;
  const frames = metadata.pages ?? 1;
  // Pixels are counted as stored: a sideways photo's displayed width is its stored height.
  const storedWidth = metadata.width;
  const frameHeight = metadata.pageHeight ?? metadata.height;
  if (!width || !height) return damaged('크기가 없습니다');
  if (storedWidth * frameHeight > limits.maxPixels) {
    return refuse(
      `사진이 너무 큽니다: ${width}×${height}픽셀 (최대 ${limits.maxPixels / 10_000}만 픽셀) — 크기를 줄여 내보내 주세요`,
    );
  }
  if (frames > limits.maxFrames) {
    return refuse(
      `움직이는 그림의 장면이 너무 많습니다: ${frames}장 (최대 ${limits.maxFrames}장) — 짧게 줄이거나 동영상으로 올려 주세요`,
    );
  }
  if (frames > 1 && storedWidth * frameHeight * frames > limits.maxAnimationPixels) {
    return refuse(
      `움직이는 그림이 너무 큽니다: ${storedWidth}×${frameHeight}픽셀 ${frames}장 — 크기나 장면 수를 줄여 주세요`,
    );
  }

  try {
    // Decoding at 1/8 scale still reads every byte of a JPEG: a truncated file fails here, cheaply.
    await sharp(original, { failOn: 'error', limitInputPixels: limits.maxPixels })
      .resize({ width: 16 })
      .raw()
      .toBuffer();
  } catch (error) {
    return damaged(error);
  }
  return { ok: true, photo: { format, width, height, frames, bytes: original.length }, original };
}
