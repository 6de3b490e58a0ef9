// Security headers on every answer (lib/security/headers.ts). A page's CSP goes on the
// request too: that is where Next.js reads the nonce it stamps on its scripts.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { isApiPath, isEmailFramePath, isHttpsUrl, makeNonce, securityHeaders } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const pathname = request.nextUrl.pathname;
  const opts = { dev: env.NODE_ENV === "development", https: isHttpsUrl(env.AUTH_URL) };
  const page = !isApiPath(pathname) && !isEmailFramePath(pathname);
  const headers = securityHeaders(pathname, { ...opts, nonce: page ? makeNonce() : undefined });
  let response = NextResponse.next();
  if (page) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("Content-Security-Policy", headers.find(([name]) => name === "Content-Security-Policy")![1]);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

export const config = {
  // Build assets are scripts, styles and images with fixed types: no document to protect.
  // An import's upload (POST /api/v1/imports, up to 100 MB) is streamed by its route: the
  // proxy would buffer the whole body; that route sets the API's headers itself.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1/imports$).*)"],
};
