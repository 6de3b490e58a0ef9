import type { NextRequest } from "next/server";
import { handleClick } from "@/lib/email/public-routes";

export const dynamic = "force-dynamic";

/** GET /api/public/email/c/{token}: a tracked link; 302 to the link stored with the email, 404 for an unknown id (API.md "Email"). */
export async function GET(req: NextRequest, route: { params: Promise<{ token: string }> }) {
  return handleClick(req, (await route.params).token);
}
