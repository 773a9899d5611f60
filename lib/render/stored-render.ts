/**
 * The one path between a render and what is kept of it on disk: a body this build rendered before
 * (this process or an earlier one) is read from the store, any other is rendered on the pool and
 * put there as the pool gave it. Stamped with the render thread (lib/code-stamp.ts RENDER_VERSION),
 * so nothing unstamped stands between a render and the store.
 */
import path from 'node:path';

import type { BodyFormat } from '@/lib/content/types';
import { processWide } from '@/lib/process-wide';
import { runtimeVersion } from '@/lib/runtime-version';
import { getDataDir } from '@/lib/site';

import type { RenderedBody, RenderOptions } from './pipeline';
import { getRenderPool } from './render-pool';
import { openRenderStore, type RenderStore } from './render-store';

/**
 * The process's store of rendered bodies on disk (render-store.ts), for a built server only: tests,
 * tools and `next dev` (whose code changes under the stamp) render every time they start. Its
 * version is the build's stamp and the runtime's (lib/runtime-version.ts).
 */
function getRenderStore(): RenderStore | undefined {
  return processWide('hangul-news.render-store', () => {
    const version = process.env.RENDER_VERSION;
    if (!version || process.env.NODE_ENV !== 'production') return undefined;
    return openRenderStore({
      file: path.join(getDataDir(), 'render-cache', 'renders.sqlite'),
      version: `${version}:${runtimeVersion()}`,
    });
  });
}

/**
 * Renders off the main thread, within the pool's time budget and its fair share for `file`; a
 * body this build rendered before is read from disk instead.
 */
export async function renderBody(
  file: string,
  source: string,
  format: BodyFormat,
  options: RenderOptions,
): Promise<RenderedBody> {
  const store = getRenderStore();
  if (!store) return getRenderPool().render(source, format, options, file);
  const key = store.keyOf(source, format, options);
  const kept = store.get(key);
  if (kept) return kept;
  const body = await getRenderPool().render(source, format, options, file);
  store.put(key, body);
  return body;
}
