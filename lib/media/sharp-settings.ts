/** How this process runs libvips: set once, before the first photo. */
import sharp from 'sharp';

let configured = false;

/**
 * One libvips thread per image and no operation cache: photos are made one at a time in the
 * background, and on a two-core server the other core stays with the requests.
 */
export function configureSharp(): void {
  if (configured) return;
  configured = true;
  sharp.concurrency(1);
  sharp.cache(false);
}
