import { NextResponse, type NextRequest } from "next/server";

// Optimistic only: sends visitors without a session cookie to sign-in early. Every page
// and action still checks the session, membership and role itself (lib/auth/).
const PUBLIC = [/^\/signin/, /^\/signup/, /^\/invite\//, /^\/forgot-password/, /^\/reset-password\//, /^\/verify-email\//, /^\/api\//, /^\/_next\//, /^\/favicon/, /^\/icon\.svg/];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((p) => p.test(pathname))) return NextResponse.next();
  const hasCookie = request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  if (hasCookie) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
