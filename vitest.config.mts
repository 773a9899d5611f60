import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  // A file's first render starts a render worker (lib/render/render-pool.ts) that loads the
  // pipeline through tsx: seconds, on a loaded two-core machine, not the default 5.
  test: { include: ['lib/**/*.test.ts'], environment: 'node', testTimeout: 20_000 },
});
