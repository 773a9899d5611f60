import { getVariantResponse } from '@/lib/media/variant-response';
import { getVariantStore } from '@/lib/media/variant-store';

// Read from DATA_DIR per request: variants appear while the server runs.
export const dynamic = 'force-dynamic';

/** One variant of a content photo, from disk only (lib/media/variant-response.ts). */
export async function GET(request: Request, { params }: RouteContext<'/media/[hash]/[file]'>) {
  const { hash, file } = await params;
  return getVariantResponse(getVariantStore(), hash, file, request.headers.get('if-none-match'));
}
