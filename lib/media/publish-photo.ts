/**
 * A photo from content to disk: read, hashed, and its variants made in the background queue
 * unless they are already there (made before a restart, or by another instance on shared disk).
 * WebP and JPEG come first, so the photo is on its page in about a second; its AVIFs (most of
 * the work) and the crops for structured data follow as a second job, and the manifest lists them
 * once they are on disk.
 */
import fs from 'node:fs/promises';

import { PHOTO_LIMITS } from './photo-limits';
import { probePhoto, type PhotoInfo } from './probe';
import { getVariantStore, type PhotoManifest, type VariantStore } from './variant-store';
import type { VariantFormat } from './variant-spec';
import { makeProbedVariants, photoHash } from './variants';
import { createWorkQueue, type WorkQueue } from './work-queue';

export type PublishResult =
  | { ok: true; manifest: PhotoManifest }
  /** `retryLater`: the queue was full or the disk failed; the photo itself may be fine. */
  | { ok: false; message: string; retryLater: boolean };

/** Photos waiting beyond the one being made; a path costs a few bytes while it waits. */
export const MAX_WAITING_PHOTOS = 64;

/** The formats a page needs to show a photo at once; AVIF (and the crops) are made after them. */
const FIRST_FORMATS: readonly VariantFormat[] = ['webp', 'jpg'];

interface PublishContext {
  store: VariantStore;
  queue: WorkQueue<PublishResult>;
  /** Told when a photo's AVIFs are on disk, with the manifest that lists them. */
  onUpgrade?: (manifest: PhotoManifest) => void;
}

function failure(error: unknown): PublishResult {
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, message: detail, retryLater: true };
}

/** Whether a still photo's AVIFs and crops are still to be made (an animation has neither). */
function lacksAvif(manifest: PhotoManifest): boolean {
  return manifest.frames === 1 && !manifest.variants.some((v) => v.format === 'avif');
}

/**
 * Queues the AVIFs and crops of a photo whose other variants are in place. A full queue skips
 * them: the photo shows in WebP and JPEG, and the next publish of the same file queues them again.
 */
function queueAvif(photo: PhotoInfo, original: Buffer, manifest: PhotoManifest, context: PublishContext): void {
  void context.queue.enqueue(`avif:${manifest.hash}`, async () => {
    const made = await makeProbedVariants(photo, original, { formats: ['avif'] });
    if (!made.ok) return { ...made, retryLater: false };
    try {
      const upgraded = await context.store.addVariants(manifest.hash, made.photo.variants, made.photo.crops);
      context.onUpgrade?.(upgraded);
      return { ok: true, manifest: upgraded };
    } catch (error) {
      return failure(error);
    }
  });
}

/** The bytes of a photo within the size limit, or undefined: probePhoto then says what is wrong. */
async function readWithinLimit(input: Buffer | string): Promise<Buffer | undefined> {
  if (typeof input !== 'string') return input;
  try {
    const { size } = await fs.stat(input);
    return size <= PHOTO_LIMITS.maxFileBytes ? await fs.readFile(input) : undefined;
  } catch {
    return undefined;
  }
}

async function publish(input: Buffer | string, context: PublishContext): Promise<PublishResult> {
  const { store } = context;
  const bytes = await readWithinLimit(input);
  let manifest: PhotoManifest | undefined;
  try {
    // Made before (a restart, another instance on shared disk): the same bytes were accepted then,
    // so they need no decoding now.
    manifest = bytes && (await store.readManifest(photoHash(bytes)));
  } catch (error) {
    return failure(error);
  }
  if (manifest && !lacksAvif(manifest)) return { ok: true, manifest };
  const probe = await probePhoto(bytes ?? input);
  if (!probe.ok) return { ...probe, retryLater: false };
  if (!manifest) {
    const made = await makeProbedVariants(probe.photo, probe.original, { formats: FIRST_FORMATS, crops: false });
    if (!made.ok) return { ...made, retryLater: false };
    try {
      manifest = await store.write(made.photo);
    } catch (error) {
      return failure(error);
    }
  }
  if (lacksAvif(manifest)) queueAvif(probe.photo, probe.original, manifest, context);
  return { ok: true, manifest };
}

/**
 * Queues a photo (its bytes or its path) and resolves when its first variants (WebP, JPEG, crops)
 * are on disk, or with the Korean reason it was refused; `onUpgrade` hears when its AVIFs follow.
 * Never runs on the caller's turn of the event loop.
 */
export function publishPhoto(
  input: Buffer | string,
  {
    store = getVariantStore(),
    queue = getPhotoQueue(),
    onUpgrade,
  }: {
    store?: VariantStore;
    queue?: WorkQueue<PublishResult>;
    onUpgrade?: (manifest: PhotoManifest) => void;
  } = {},
): Promise<PublishResult> {
  const key = typeof input === 'string' ? `path:${input}` : `hash:${photoHash(input)}`;
  const queued = queue.enqueue(key, () => publish(input, { store, queue, onUpgrade }));
  if (queued) return queued;
  return Promise.resolve({
    ok: false,
    message: `사진 처리 대기열이 가득 찼습니다 (${queue.maxWaiting}장 대기 중): 잠시 뒤 다시 처리합니다`,
    retryLater: true,
  });
}

let processQueue: WorkQueue<PublishResult> | undefined;

/** This process's photo queue: one photo at a time, `MAX_WAITING_PHOTOS` waiting. */
export function getPhotoQueue(): WorkQueue<PublishResult> {
  processQueue ??= createWorkQueue<PublishResult>({
    concurrency: 1,
    maxWaiting: MAX_WAITING_PHOTOS,
  });
  return processQueue;
}
