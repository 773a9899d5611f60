import os from 'node:os';

/** How much less CPU share a bulk thread gets than the event loop, in nice steps (Linux: 10 ≈ a tenth). */
export const BACKGROUND_NICE_STEPS = 10;

/**
 * Lowers the calling thread's scheduling priority, for a thread that works in bulk behind the
 * server (reading the archive, writing the search index): on a busy machine the event loop that
 * answers readers comes first, and the bulk work takes what is left. Linux only, where the nice
 * value is each thread's own; elsewhere `setpriority` would lower the whole server. Where the system
 * refuses, the thread runs as it is.
 */
export function runInBackground(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(Math.min(19, os.getPriority() + BACKGROUND_NICE_STEPS));
  } catch {
    // Not allowed here (a sandbox without setpriority): the thread keeps the server's priority.
  }
}
