import { NextResponse, type NextRequest } from 'next/server';

const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Turns requests the app cannot mean into 4xx before routing: a path that is not valid
 * percent-encoding (Next would answer 500), and methods a read-only news site never takes.
 */
export function proxy(request: NextRequest) {
  if (!ALLOWED_METHODS.has(request.method)) {
    return new NextResponse('Method Not Allowed', { status: 405, headers: { Allow: 'GET, HEAD, OPTIONS' } });
  }
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse('Bad Request', { status: 400 });
  }
  return NextResponse.next();
}

export const config = {
  // Static assets never need the check; everything routed does.
  matcher: ['/((?!_next/static|_next/image|images/|favicon.ico).*)'],
};
