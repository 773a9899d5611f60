/**
 * What one photo may cost, in one table. Each limit is checked from the file's size or header
 * before any pixel is decoded, and again by libvips while it decodes (defence in depth).
 */
export const PHOTO_LIMITS = {
  /** Bytes of the original file: a camera JPEG is 5–15 MB, a phone's 2–6 MB. */
  maxFileBytes: 25 * 1024 * 1024,
  /** Pixels of one frame: 40 MP holds any camera's photo; 30000×30000 (900 MP, 3.6 GB decoded) does not. */
  maxPixels: 40_000_000,
  /** Frames of an animated GIF or WebP. */
  maxFrames: 300,
  /** Pixels of all frames of an animation together (every frame is decoded to be resized). */
  maxAnimationPixels: 60_000_000,
  /** Seconds every variant of one photo may take together; libvips stops an encoder past it. */
  timeBudgetSeconds: 60,
} as const;

export type PhotoLimits = { readonly [Key in keyof typeof PHOTO_LIMITS]: number };
