import type { NextRequest } from "next/server";
import { handleOpen } from "@/lib/email/public-routes";

export const dynamic = "force-dynamic";

/** GET /api/public/email/o/{token}: a tracked email's open pixel (API.md "Email"). */
export async function GET(req: NextRequest, route: { params: Promise<{ token: string }> }) {
  return handleOpen(req, (await route.params).token);
}
