// A synced email's body as a document of its own, for the sandboxed frame of its dialog
// (components/email/synced-email.tsx). The HTML was sanitised when it was stored; this
// answer's CSP (lib/security/headers.ts, EMAIL_FRAME_CSP) runs no script and is framed by
// this app only. Remote images stay held back unless `?images=1` ("Show images").
import { getSession } from "@/lib/auth/session";
import { withRemoteImages } from "@/lib/email/sanitize";
import { escapeHtml } from "@/lib/email/tracking-rules";
import { getSyncedEmail } from "@/lib/email/sync-service";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const page = (body: string, status = 200) =>
  new Response(
    `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{font-family:system-ui,sans-serif;font-size:14px;margin:8px;color:#0f172a;overflow-wrap:anywhere}img{max-width:100%}pre{white-space:pre-wrap;font-family:inherit}</style></head><body>${body}</body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "private, no-store" } },
  );

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const s = await getSession();
  if (!s) return page("<p>Sign in to read this email.</p>", 401);
  try {
    const e = await getSyncedEmail(s.ctx, (await params).id);
    const images = new URL(req.url).searchParams.get("images") === "1";
    if (e.html) return page(images ? withRemoteImages(e.html) : e.html);
    return page(`<pre>${escapeHtml(e.text ?? "")}</pre>`);
  } catch (err) {
    if (err instanceof AppError) return page("<p>This email is not available.</p>", 404);
    throw err;
  }
}
