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
    const { startContentWatch } = await import('@/lib/content/process-store');
    startContentWatch();
    // Build the search index in the background, in chunks that leave requests room to run.
    const { warmSearchIndex } = await import('@/lib/search');
    setTimeout(warmSearchIndex, 1000).unref();
  }
}
