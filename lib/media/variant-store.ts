/**
 * Variants on disk, one folder per photo under `DATA_DIR/media/<hash>/`. `DATA_DIR` is the
 * folder the site already keeps across restarts and deploys (view counts live there); `.next/cache`
 * is not: a fresh build or image starts without it. A photo's folder appears whole or not at all:
 * it is written under a temporary name and renamed into place, so a reader, another process or a
 * crash never sees half a set.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import { z } from 'zod';

import { getDataDir } from '@/lib/site';

import {
  CROP_ASPECTS,
  cropFileName,
  isHash,
  VARIANT_FORMATS,
  variantFileName,
  type CropAspect,
  type VariantFormat,
} from './variant-spec';
import type { Crop, PhotoVariants, Variant } from './variants';

const size = z.number().int().positive();

const manifestSchema = z.object({
  hash: z.string(),
  width: size,
  height: size,
  frames: size,
  variants: z.array(
    z.object({ width: size, height: size, format: z.enum(VARIANT_FORMATS), bytes: size }),
  ),
  crops: z.array(z.object({ aspect: z.enum(CROP_ASPECTS), width: size, height: size, bytes: size })),
  placeholder: z.string(),
});

/** What a photo's folder says about it, for pages to build `srcset` from (`photo.json`). */
export type PhotoManifest = z.infer<typeof manifestSchema>;

export interface VariantStore {
  readonly root: string;
  /** The manifest of a photo whose variants are all on disk, or undefined. */
  readManifest(hash: string): Promise<PhotoManifest | undefined>;
  /** One variant's bytes, or undefined if there is no such file. Names must be checked first. */
  readVariant(hash: string, width: number, format: VariantFormat): Promise<Buffer | undefined>;
  /** One crop's bytes (`16x9.jpg`), or undefined if there is no such file. */
  readCrop(hash: string, aspect: CropAspect): Promise<Buffer | undefined>;
  /** Puts a photo's variants in place at once; a set already there (same hash, same bytes) stays. */
  write(photo: PhotoVariants): Promise<PhotoManifest>;
  /**
   * Adds variants to a photo already in place (its AVIFs, made after the rest): each file is
   * renamed into the folder before the manifest that lists it replaces the old one, so a reader
   * never sees a listed file missing. Resolves with the new manifest.
   */
  addVariants(hash: string, variants: readonly Variant[], crops?: readonly Crop[]): Promise<PhotoManifest>;
  /** Removes temporary folders older than `olderThanMs` that a crash left behind. */
  sweepIncoming(olderThanMs?: number): Promise<number>;
  /** Unpublishes a photo: its folder and every variant in it go (a deleted photo is 404). */
  remove(hash: string): Promise<void>;
}

const MANIFEST = 'photo.json';
const INCOMING = '.incoming-';

/** Where variants live: `DATA_DIR/media`. */
export function getMediaDir(): string {
  return path.join(getDataDir(), 'media');
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function isTaken(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EEXIST' || code === 'ENOTEMPTY';
}

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw new Error(`미디어 파일을 읽을 수 없습니다: ${file}`, { cause: error });
  }
}

function toManifest(photo: PhotoVariants): PhotoManifest {
  return {
    hash: photo.hash,
    width: photo.width,
    height: photo.height,
    frames: photo.frames,
    variants: photo.variants.map(({ width, height, format, data }) => ({
      width,
      height,
      format,
      bytes: data.length,
    })),
    crops: photo.crops.map(({ aspect, width, height, data }) => ({ aspect, width, height, bytes: data.length })),
    placeholder: photo.placeholder,
  };
}

/** A store of variants in the folder `root` (made when the first photo is written). */
export function openVariantStore({ root }: { root: string }): VariantStore {
  return {
    root,
    async readManifest(hash) {
      const bytes = await readOrUndefined(path.join(root, hash, MANIFEST));
      if (!bytes) return undefined;
      const parsed = manifestSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      if (!parsed.success) {
        throw new Error(`사진 변환본의 photo.json이 올바르지 않습니다: ${hash}`, {
          cause: parsed.error,
        });
      }
      return parsed.data;
    },
    readVariant(hash, width, format) {
      return readOrUndefined(path.join(root, hash, variantFileName(width, format)));
    },
    readCrop(hash, aspect) {
      return readOrUndefined(path.join(root, hash, cropFileName(aspect)));
    },
    async write(photo) {
      const manifest = toManifest(photo);
      const target = path.join(root, photo.hash);
      const incoming = path.join(
        root,
        `${INCOMING}${photo.hash}-${randomBytes(6).toString('hex')}`,
      );
      try {
        await fs.mkdir(incoming, { recursive: true });
        for (const variant of photo.variants) {
          const name = variantFileName(variant.width, variant.format);
          await fs.writeFile(path.join(incoming, name), variant.data);
        }
        for (const crop of photo.crops) {
          await fs.writeFile(path.join(incoming, cropFileName(crop.aspect)), crop.data);
        }
        await fs.writeFile(path.join(incoming, MANIFEST), JSON.stringify(manifest));
        await fs.rename(incoming, target);
      } catch (error) {
        await fs.rm(incoming, { recursive: true, force: true }).catch(() => undefined);
        // Another process made the same photo first: identical bytes, nothing to do.
        if (isTaken(error)) return manifest;
        throw new Error(`사진 변환본을 저장할 수 없습니다: ${target}`, { cause: error });
      }
      return manifest;
    },
    async addVariants(hash, variants, crops = []) {
      const folder = path.join(root, hash);
      const known = await this.readManifest(hash);
      if (!known) throw new Error(`사진 변환본이 없어 더할 수 없습니다: ${folder}`);
      const listed = new Set(known.variants.map((v) => variantFileName(v.width, v.format)));
      const added = variants.filter((v) => !listed.has(variantFileName(v.width, v.format)));
      const addedCrops = crops.filter((crop) => !known.crops.some((c) => c.aspect === crop.aspect));
      if (added.length === 0 && addedCrops.length === 0) return known;
      const order = (format: VariantFormat) => VARIANT_FORMATS.indexOf(format);
      const manifest: PhotoManifest = {
        ...known,
        variants: [
          ...known.variants,
          ...added.map(({ width, height, format, data }) => ({ width, height, format, bytes: data.length })),
        ].sort((a, b) => b.width - a.width || order(a.format) - order(b.format)),
        crops: [
          ...known.crops,
          ...addedCrops.map(({ aspect, width, height, data }) => ({ aspect, width, height, bytes: data.length })),
        ].sort((a, b) => CROP_ASPECTS.indexOf(a.aspect) - CROP_ASPECTS.indexOf(b.aspect)),
      };
      const suffix = `${INCOMING}${randomBytes(6).toString('hex')}`;
      const files: [string, Buffer][] = [
        ...added.map((v): [string, Buffer] => [variantFileName(v.width, v.format), v.data]),
        ...addedCrops.map((c): [string, Buffer] => [cropFileName(c.aspect), c.data]),
      ];
      try {
        for (const [name, data] of files) {
          const file = path.join(folder, name);
          await fs.writeFile(`${file}${suffix}`, data);
          await fs.rename(`${file}${suffix}`, file);
        }
        const file = path.join(folder, MANIFEST);
        await fs.writeFile(`${file}${suffix}`, JSON.stringify(manifest));
        await fs.rename(`${file}${suffix}`, file);
      } catch (error) {
        // Nothing half-written stays behind (a full disk would stay full): the temporary files go.
        await Promise.all(
          [...files.map(([name]) => name), MANIFEST].map((name) =>
            fs.rm(path.join(folder, `${name}${suffix}`), { force: true }).catch(() => {}),
          ),
        );
        const reason = (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
        throw new Error(`사진 변환본을 저장할 수 없습니다 (${reason}): ${folder}`, { cause: error });
      }
      return manifest;
    },
    async remove(hash) {
      if (!isHash(hash)) return;
      await fs.rm(path.join(root, hash), { recursive: true, force: true });
    },
    async sweepIncoming(olderThanMs = 60 * 60 * 1000) {
      let names: string[];
      try {
        names = await fs.readdir(root);
      } catch (error) {
        if (isMissing(error)) return 0;
        throw error;
      }
      let removed = 0;
      for (const name of names.filter((entry) => entry.startsWith(INCOMING))) {
        const folder = path.join(root, name);
        const { mtimeMs } = await fs.stat(folder);
        if (Date.now() - mtimeMs < olderThanMs) continue;
        await fs.rm(folder, { recursive: true, force: true });
        removed += 1;
      }
      return removed;
    },
  };
}

let processStore: VariantStore | undefined;

/** This process's store, in `getMediaDir()`. */
export function getVariantStore(): VariantStore {
  processStore ??= openVariantStore({ root: getMediaDir() });
  return processStore;
}
