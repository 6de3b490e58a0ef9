import type { NextRequest } from "next/server";
import { handleUnsubscribeGet, handleUnsubscribePost } from "@/lib/email/public-routes";

export const dynamic = "force-dynamic";

/** GET /api/public/email/u/{token}: the footer's unsubscribe link, to its confirmation page (API.md "Email"). */
export async function GET(req: NextRequest, route: { params: Promise<{ token: string }> }) {
  return handleUnsubscribeGet(req, (await route.params).token);
}

/** POST /api/public/email/u/{token}: RFC 8058 one-click unsubscribe, and the confirmation page's button. */
export async function POST(req: NextRequest, route: { params: Promise<{ token: string }> }) {
  return handleUnsubscribePost(req, (await route.params).token);
}
