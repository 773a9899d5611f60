/**
 * The files readers get instead of an original: each fixed width it reaches, in AVIF and WebP
 * with a JPEG fallback, turned upright, in sRGB, with every byte of metadata left behind (GPS,
 * serial numbers, maker notes). Same original and same code give the same bytes, so every
 * instance makes identical files under an identical hash.
 */
import { createHash } from 'node:crypto';

import sharp, { type Sharp } from 'sharp';

import { PHOTO_LIMITS } from './photo-limits';
import { probePhoto, type PhotoInfo } from './probe';
import { configureSharp } from './sharp-settings';
import {
  chooseWidths,
  CROP_ASPECTS,
  CROP_WIDTH,
  cropRatio,
  HASH_LENGTH,
  VARIANT_FORMATS,
  type CropAspect,
  type VariantFormat,
} from './variant-spec';

/**
 * Changes whenever the same original would give other bytes: the encoder settings below, and the
 * sharp and libvips builds (in the hash too), so a URL always names exactly one set of files.
 */
export const PIPELINE_VERSION = 2;

const ENCODERS: Record<VariantFormat, (image: Sharp) => Sharp> = {
  // Effort 3: as fast as 2 and ~15 % smaller; 4 (sharp's default) takes four to six times as
  // long for ~10 % less (bench/photos.mjs), and a photo should be on its page within seconds.
  avif: (image) => image.avif({ quality: 50, effort: 3 }),
  webp: (image) => image.webp({ quality: 72, effort: 4 }),
  jpg: (image) => image.jpeg({ quality: 75, mozjpeg: true }),
};

export interface Variant {
  width: number;
  height: number;
  format: VariantFormat;
  data: Buffer;
}

/** A crop for structured data: one JPEG of a fixed shape (`16x9.jpg`). */
export interface Crop {
  aspect: CropAspect;
  width: number;
  height: number;
  data: Buffer;
}

/** Every variant of one photo, under the hash its URLs carry. */
export interface PhotoVariants {
  hash: string;
  /** The original's size as displayed (orientation applied). */
  width: number;
  height: number;
  frames: number;
  variants: Variant[];
  /** 16:9, 4:3 and 1:1 JPEGs of a still photo; none for an animation. */
  crops: Crop[];
  /** A 16-pixel-wide WebP as a data URL, to show blurred while the photo loads. */
  placeholder: string;
}

export interface VariantOptions {
  /** Seconds all variants may take together (`PHOTO_LIMITS.timeBudgetSeconds`). */
  timeBudgetSeconds?: number;
  /** The formats to make (all by default): the page can show a photo before its slow AVIFs exist. */
  formats?: readonly VariantFormat[];
  /** Whether to make the crops for structured data (yes by default). */
  crops?: boolean;
}

export type VariantsResult = { ok: true; photo: PhotoVariants } | { ok: false; message: string };

/** The hash in a photo's URLs: its original bytes, this pipeline's version and libvips's build. */
export function photoHash(original: Buffer): string {
  return createHash('sha256')
    .update(
      `media-pipeline ${PIPELINE_VERSION} sharp ${sharp.versions.sharp} vips ${sharp.versions.vips}\n`,
    )
    .update(original)
    .digest('hex')
    .slice(0, HASH_LENGTH);
}

interface Raw {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

function fromRaw(raw: Raw, deadline: Deadline): Sharp {
  return sharp(raw.data, { raw: raw.info }).timeout({ seconds: deadline.seconds() });
}

async function toRaw(image: Sharp): Promise<Raw> {
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

class Deadline {
  private readonly end: number;

  constructor(readonly budgetSeconds: number) {
    this.end = Date.now() + budgetSeconds * 1000;
  }

  /** Whole seconds left for the next libvips call (sharp's timeout counts whole seconds, 0 = none). */
  seconds(): number {
    const left = Math.ceil((this.end - Date.now()) / 1000);
    if (left <= 0) throw new Error('time budget spent');
    return left;
  }
}

async function encode(raw: Raw, format: VariantFormat, deadline: Deadline): Promise<Variant> {
  let image = fromRaw(raw, deadline);
  // JPEG has no transparency: a transparent PNG's fallback sits on white, as on the page.
  if (format === 'jpg') image = image.flatten({ background: '#ffffff' });
  const { data, info } = await ENCODERS[format](image).toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, format, data };
}

async function makeStillVariants(
  original: Buffer,
  widths: number[],
  deadline: Deadline,
  formats: readonly VariantFormat[],
  withCrops: boolean,
) {
  const largest = Math.max(...widths);
  // Decoded once, turned upright and into sRGB at the largest width; the smaller widths are
  // resized from that (a JPEG also shrinks while it decodes), never from the original again.
  const base = await toRaw(
    sharp(original, { failOn: 'error', limitInputPixels: PHOTO_LIMITS.maxPixels })
      .timeout({ seconds: deadline.seconds() })
      .autoOrient()
      .resize({ width: largest, withoutEnlargement: true })
      .toColourspace('srgb'),
  );
  const variants: Variant[] = [];
  for (const width of [...widths].sort((a, b) => b - a)) {
    const raw =
      width === base.info.width ? base : await toRaw(fromRaw(base, deadline).resize({ width }));
    for (const format of VARIANT_FORMATS.filter((candidate) => formats.includes(candidate))) {
      variants.push(await encode(raw, format, deadline));
    }
  }
  const crops: Crop[] = [];
  if (withCrops) for (const aspect of CROP_ASPECTS) crops.push(await makeCrop(base, aspect, deadline));
  const placeholder = await fromRaw(base, deadline)
    .resize({ width: 16 })
    .webp({ quality: 40 })
    .toBuffer();
  return { variants, crops, placeholder };
}

/**
 * The largest `aspect` crop of the upright photo, at most `CROP_WIDTH` wide, never enlarged;
 * libvips's attention strategy keeps the busiest part (a face, the subject) in the frame.
 */
async function makeCrop(base: Raw, aspect: CropAspect, deadline: Deadline): Promise<Crop> {
  const ratio = cropRatio(aspect);
  const { width, height } = base.info;
  const widest = Math.min(width, Math.floor(height * ratio), CROP_WIDTH);
  const cropWidth = Math.max(1, widest);
  const cropHeight = Math.max(1, Math.round(cropWidth / ratio));
  const { data, info } = await ENCODERS.jpg(
    fromRaw(base, deadline).resize({
      width: cropWidth,
      height: cropHeight,
      fit: 'cover',
      position: sharp.strategy.attention,
    }),
  ).toBuffer({ resolveWithObject: true });
  return { aspect, width: info.width, height: info.height, data };
}

async function makeAnimatedVariants(
  original: Buffer,
  widths: number[],
  deadline: Deadline,
  formats: readonly VariantFormat[],
) {
  const options = { failOn: 'error', limitInputPixels: PHOTO_LIMITS.maxAnimationPixels } as const;
  const variants: Variant[] = [];
  for (const width of formats.includes('webp') ? [...widths].sort((a, b) => b - a) : []) {
    // AVIF has no animation in libvips: animated WebP, and a still JPEG of the first frame.
    const webp = await sharp(original, { ...options, animated: true })
      .timeout({ seconds: deadline.seconds() })
      .resize({ width })
      .webp({ quality: 72, effort: 4 })
      .toBuffer({ resolveWithObject: true });
    variants.push({
      width,
      height: webp.info.pageHeight ?? webp.info.height,
      format: 'webp',
      data: webp.data,
    });
    const still = await toRaw(
      sharp(original, options)
        .timeout({ seconds: deadline.seconds() })
        .resize({ width })
        .toColourspace('srgb'),
    );
    variants.push(await encode(still, 'jpg', deadline));
  }
  const placeholder = await sharp(original, options)
    .resize({ width: 16 })
    .webp({ quality: 40 })
    .toBuffer();
  return { variants, crops: [], placeholder };
}

/**
 * Makes every variant of a photo, or says in Korean why it will not: the same refusals as
 * `probePhoto`, plus a damaged file found while decoding or the time budget running out.
 */
export async function makeVariants(
  input: Buffer | string,
  options: VariantOptions = {},
): Promise<VariantsResult> {
  const probe = await probePhoto(input);
  return probe.ok ? makeProbedVariants(probe.photo, probe.original, options) : probe;
}

/** `makeVariants` for a photo `probePhoto` has accepted, without probing it again. */
export async function makeProbedVariants(
  photo: PhotoInfo,
  original: Buffer,
  {
    timeBudgetSeconds = PHOTO_LIMITS.timeBudgetSeconds,
    formats = VARIANT_FORMATS,
    crops = true,
  }: VariantOptions = {},
): Promise<VariantsResult> {
  configureSharp();
  const widths = chooseWidths(photo.width);
  const deadline = new Deadline(timeBudgetSeconds);
  try {
    const made =
      photo.frames > 1
        ? await makeAnimatedVariants(original, widths, deadline, formats)
        : await makeStillVariants(original, widths, deadline, formats, crops);
    return {
      ok: true,
      photo: {
        hash: photoHash(original),
        width: photo.width,
        height: photo.height,
        frames: photo.frames,
        variants: made.variants,
        crops: made.crops,
        placeholder: `data:image/webp;base64,${made.placeholder.toString('base64')}`,
      },
    };
  } catch (error) {
    return { ok: false, message: refusalOf(error, photo, deadline) };
  }
}

function refusalOf(error: unknown, photo: PhotoInfo, deadline: Deadline): string {
  const detail = error instanceof Error ? error.message : String(error);
  if (/timeout|time budget/i.test(detail)) {
    return `사진을 ${deadline.budgetSeconds}초 안에 처리하지 못했습니다: ${photo.width}×${photo.height}픽셀 — 크기를 줄여 내보내 주세요`;
  }
  return `사진 파일이 손상되었거나 끝까지 저장되지 않았습니다: 원본을 다시 내보내 주세요 (${detail})`;
}
