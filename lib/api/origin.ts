// /api/v1 also accepts the browser session cookie (the app's own fetches). A cookie rides
// along on requests other sites make (a same-site form POST carries a Lax cookie), so a
// cookie-authenticated write must come from a page of this app. Requests with an API key
// are not affected: a browser never adds an Authorization header by itself.
//
// What counts as "from this app", in order:
// 1. `Origin`, when present, names this app's host (like Next's own server-action check,
//    the host the client addressed: X-Forwarded-Host behind a proxy, else Host). "null"
//    (sandboxed frames, no-referrer forms) is refused.
// 2. Without Origin, `Sec-Fetch-Site` is `same-origin` (or `none`: typed by the user).
// 3. Without either, `Referer` names this app's host.
// 4. With none of the three the request is let through: browsers send Origin on every
//    request whose method is not GET or HEAD (Fetch standard), so such a request is not
//    one a page made the browser send — it is a script holding the cookie, which gains
//    nothing it could not do anyway (scripts should use an API key).

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

function appHost(req: Request): string {
  const forwarded = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || req.headers.get("host") || new URL(req.url).host).toLowerCase();
}

/** Why a cookie-authenticated request must be refused as cross-site, or null when it may go on. */
export function crossSiteRefusal(req: Request): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const own = appHost(req);
  const origin = req.headers.get("origin");
  if (origin !== null) return hostOf(origin) === own ? null : "the request comes from another site (Origin)";
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none" ? null : "the request comes from another site (Sec-Fetch-Site)";
  const referer = req.headers.get("referer");
  if (referer !== null) return hostOf(referer) === own ? null : "the request comes from another site (Referer)";
  return null;
}
