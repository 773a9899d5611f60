import { NextResponse, type NextRequest } from 'next/server';

/**
 * Answers 400 to a path that is not valid percent-encoding: Next cannot decode its dynamic
 * segments and, with no pages/_error in an App Router build, would answer a bare 500.
 */
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse('Bad Request', { status: 400 });
  }
  return NextResponse.next();
}

export const config = {
  // Only paths that may not decode: the proxy costs each request it sees about half of the
  // server's throughput (bench/RESULTS.md), and most paths surely decode. Those are paths whose
  // every `%` starts an ASCII escape or a well-formed two- or three-byte UTF-8 sequence (all of
  // Hangul); anything else (four-byte sequences included) is checked. Next needs a literal here.
  matcher: [
    '/((?!(?:[^%]|%[0-7][0-9a-fA-F]|%(?:[cC][2-9a-fA-F]|[dD][0-9a-fA-F])%[89abAB][0-9a-fA-F]|%[eE]0%[abAB][0-9a-fA-F]%[89abAB][0-9a-fA-F]|%[eE][1-9a-cA-CeEfF]%[89abAB][0-9a-fA-F]%[89abAB][0-9a-fA-F]|%[eE][dD]%[89][0-9a-fA-F]%[89abAB][0-9a-fA-F])*$).*)',
  ],
};
