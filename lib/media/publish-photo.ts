/**
 * A photo from content to disk: read, hashed, and its variants made in the background queue
 * unless they are already there (made before a restart, or by another instance on shared disk).
 */
import { probePhoto } from './probe';
import { getVariantStore, type PhotoManifest, type VariantStore } from './variant-store';
import { makeProbedVariants, photoHash } from './variants';
import { createWorkQueue, type WorkQueue } from './work-queue';

export type PublishResult =
  | { ok: true; manifest: PhotoManifest }
  /** `retryLater`: the queue was full or the disk failed; the photo itself may be fine. */
  | { ok: false; message: string; retryLater: boolean };

/** Photos waiting beyond the one being made; a path costs a few bytes while it waits. */
export const MAX_WAITING_PHOTOS = 64;

async function publish(input: Buffer | string, store: VariantStore): Promise<PublishResult> {
  const probe = await probePhoto(input);
  if (!probe.ok) return { ...probe, retryLater: false };
  const known = await store.readManifest(photoHash(probe.original));
  if (known) return { ok: true, manifest: known };
  const made = await makeProbedVariants(probe.photo, probe.original);
  if (!made.ok) return { ...made, retryLater: false };
  try {
    return { ok: true, manifest: await store.write(made.photo) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: detail, retryLater: true };
  }
}

/**
 * Queues a photo (its bytes or its path) and resolves when its variants are on disk, or with the
 * Korean reason it was refused. Never runs on the caller's turn of the event loop.
 */
export function publishPhoto(
  input: Buffer | string,
  {
    store = getVariantStore(),
    queue = getPhotoQueue(),
  }: { store?: VariantStore; queue?: WorkQueue<PublishResult> } = {},
): Promise<PublishResult> {
  const key = typeof input === 'string' ? `path:${input}` : `hash:${photoHash(input)}`;
  const queued = queue.enqueue(key, () => publish(input, store));
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
