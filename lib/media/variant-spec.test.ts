import { describe, expect, it } from 'vitest';

import { mediaPath } from '@/lib/paths';

import { chooseWidths, parseVariantName } from './variant-spec';

const HASH = '0123456789abcdef0123456789abcdef';

describe('chooseWidths', () => {
  it('never goes past the original width', () => {
    expect(chooseWidths(4000)).toEqual([480, 800, 1200, 1600]);
    expect(chooseWidths(1200)).toEqual([480, 800, 1200]);
    expect(chooseWidths(1199)).toEqual([480, 800]);
  });

  it('keeps a small original at its own width instead of enlarging it', () => {
    expect(chooseWidths(300)).toEqual([300]);
  });
});

describe('parseVariantName', () => {
  it('reads a fixed width and format', () => {
    expect(parseVariantName(HASH, '800.avif')).toEqual({ hash: HASH, width: 800, format: 'avif' });
    expect(parseVariantName(HASH, '300.jpg')).toEqual({ hash: HASH, width: 300, format: 'jpg' });
  });

  it('reads the three crops, as JPEG only', () => {
    for (const aspect of ['16x9', '4x3', '1x1'] as const) {
      expect(parseVariantName(HASH, `${aspect}.jpg`)).toEqual({ hash: HASH, aspect, format: 'jpg' });
    }
  });

  it.each([
    [HASH, '801.webp'],
    [HASH, '2000.webp'],
    [HASH, '0480.webp'],
    [HASH, '480.png'],
    [HASH, '480.jpeg'],
    [HASH, '480.svg'],
    [HASH, '480.webp.php'],
    [HASH, '480'],
    [HASH, '.webp'],
    [HASH, '-1.webp'],
    [HASH, '1e3.webp'],
    [HASH, 'photo.json'],
    [HASH, '16x9.webp'],
    [HASH, '16x10.jpg'],
    [HASH, '3x2.jpg'],
    [HASH, '16x9.jpg.php'],
    [HASH, '1x1.JPG'],
    [HASH, '01x1.jpg'],
    ['..', '16x9.jpg'],
    [HASH.toUpperCase(), '480.webp'],
    [HASH.slice(1), '480.webp'],
    [`${HASH}0`, '480.webp'],
    ['..', '480.webp'],
    [`${HASH.slice(2)}..`, '480.webp'],
  ])('refuses %s / %s', (hash, file) => {
    expect(parseVariantName(hash, file)).toBeUndefined();
  });
});

describe('mediaPath', () => {
  it('builds the URL the media route reads back', () => {
    const url = mediaPath(HASH, 800, 'avif');
    expect(url).toBe(`/media/${HASH}/800.avif`);
    const [, , hash = '', file = ''] = url.split('/');
    expect(parseVariantName(hash, file)).toEqual({ hash: HASH, width: 800, format: 'avif' });
  });
});
