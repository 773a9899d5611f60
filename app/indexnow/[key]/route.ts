import { getIndexNowSetting } from '@/lib/site';

// The key is read from the environment per request (two variables, a constant cost).
export const dynamic = 'force-dynamic';

const TEXT = 'text/plain; charset=utf-8';

/**
 * IndexNow's key file: `/<key>.txt` (next.config.ts rewrites it here) answers the key as text, so
 * an engine can check that whoever announces our URLs holds it. Every other name is 404, no work.
 */
export async function GET(_request: Request, { params }: RouteContext<'/indexnow/[key]'>) {
  const setting = getIndexNowSetting();
  const { key } = await params;
  if (!setting || key !== setting.key) {
    return new Response('Not Found', { status: 404, headers: { 'Content-Type': TEXT, 'Cache-Control': 'no-store' } });
  }
  return new Response(setting.key, { headers: { 'Content-Type': TEXT, 'Cache-Control': 'public, max-age=3600' } });
}
