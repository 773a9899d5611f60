/**
 * Runs once when the server starts: refuse a placeholder or short secret, then watch content/
 * from the first moment, not the first render.
 */
export async function register() {
  if (
    process.env.NEXT_RUNTIME === 'nodejs' &&
    process.env.NEXT_PHASE !== 'phase-production-build'
  ) {
    const { checkSecretsOrExit } = await import('@/lib/secrets.mjs');
    checkSecretsOrExit();
    // Then, before any request: who each request came from (lib/client-address), and a wrong
    // TRUSTED_PROXIES said in the log at start.
    const { getTrustedProxies, installPeerTracking } = await import('@/lib/client-address');
    installPeerTracking();
    getTrustedProxies();
    // Photos: a wrong REMOTE_IMAGES is said at start, and so is an image library that will not
    // load (photos are then published without variants: pages show no photo, never an error).
    const { getRemoteImagesSetting } = await import('@/lib/site');
    getRemoteImagesSetting();
    try {
      await import('sharp');
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      console.error(
        `[media] 사진 라이브러리(sharp)를 불러올 수 없어 사진 변환본을 만들지 않습니다: ${detail} (npm ci로 다시 설치하세요)`,
      );
    }
    const { startContentWatch } = await import('@/lib/content/process-store');
    startContentWatch();
    // IndexNow (INDEXNOW_KEY): a wrong key is said here, once, and the feature stays off.
    const { startIndexNow } = await import('@/lib/indexnow/follow');
    startIndexNow();
    // Build the search index in the background, in chunks that leave requests room to run.
    const { warmSearchIndex } = await import('@/lib/search');
    setTimeout(warmSearchIndex, 1000).unref();
  }
}
