/**
 * Which variants of a photo exist and how their files are named: the fixed widths and formats,
 * so a URL can be checked against them without looking at the disk.
 */

/** Widths made from each photo, never wider than the original. */
export const VARIANT_WIDTHS = [480, 800, 1200, 1600] as const;

/** Formats made at each width (an animation gets WebP and a still JPEG only), named by extension. */
export const VARIANT_FORMATS = ['avif', 'webp', 'jpg'] as const;

export type VariantFormat = (typeof VARIANT_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<VariantFormat, string>> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
};

/**
 * Crops of a still photo for structured data (Google's Article guidance asks for 16:9, 4:3 and
 * 1:1), each one JPEG at most `CROP_WIDTH` wide, named by its shape: `16x9.jpg`.
 */
export const CROP_ASPECTS = ['16x9', '4x3', '1x1'] as const;

export type CropAspect = (typeof CROP_ASPECTS)[number];

/** The widest a crop is made (never wider than the photo allows without enlarging). */
export const CROP_WIDTH = 1200;

/** A crop's shape as width over height. */
export function cropRatio(aspect: CropAspect): number {
  const [w = '1', h = '1'] = aspect.split('x');
  return Number(w) / Number(h);
}

/** The file name of a crop inside its photo's folder: `16x9.jpg`. */
export function cropFileName(aspect: CropAspect): string {
  return `${aspect}.jpg`;
}

/** Hex characters of a photo's hash in its URL (128 bits of SHA-256). */
export const HASH_LENGTH = 32;

/** The file name of one variant inside its photo's folder: `800.webp`. */
export function variantFileName(width: number, format: VariantFormat): string {
  return `${width}.${format}`;
}

/**
 * The widths made from an original `width` pixels wide: each fixed width it reaches, or the
 * original's own width when it is narrower than the smallest.
 */
export function chooseWidths(width: number): number[] {
  const fitting = VARIANT_WIDTHS.filter((candidate) => candidate <= width);
  return fitting.length > 0 ? fitting : [width];
}

function isFormat(value: string): value is VariantFormat {
  return (VARIANT_FORMATS as readonly string[]).includes(value);
}

/** Whether `value` can name a photo: HASH_LENGTH lowercase hex characters. */
export function isHash(value: string): boolean {
  if (value.length !== HASH_LENGTH) return false;
  for (const char of value) if (!'0123456789abcdef'.includes(char)) return false;
  return true;
}

export type VariantName =
  | { hash: string; width: number; format: VariantFormat }
  | { hash: string; aspect: CropAspect; format: 'jpg' };

/**
 * A variant named by a URL's hash and file (`<32 hex>`, `<width>.<format>` or `<crop>.jpg`), or
 * undefined if it cannot be one: a width outside the fixed list (or, for a small original, 1–479
 * without a leading zero), a format outside the list, a crop outside the three, a hash of any
 * other length or alphabet.
 */
export function parseVariantName(hash: string, file: string): VariantName | undefined {
  if (!isHash(hash)) return undefined;
  const crop = CROP_ASPECTS.find((aspect) => cropFileName(aspect) === file);
  if (crop) return { hash, aspect: crop, format: 'jpg' };
  const dot = file.indexOf('.');
  if (dot < 1 || dot > 4) return undefined;
  const digits = file.slice(0, dot);
  const format = file.slice(dot + 1);
  if (!isFormat(format)) return undefined;
  if (digits.startsWith('0')) return undefined;
  for (const char of digits) if (char < '0' || char > '9') return undefined;
  const width = Number(digits);
  const smallest = VARIANT_WIDTHS[0];
  const listed = (VARIANT_WIDTHS as readonly number[]).includes(width);
  if (!listed && !(width >= 1 && width < smallest)) return undefined;
  return { hash, width, format };
}
