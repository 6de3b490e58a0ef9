import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { removeMember } from "@/lib/lists/members";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/lists/{id}/members/{memberId} — STATIC only (204; 404 when not a member). */
export const DELETE = apiRoute<{ id: string; memberId: string }>("lists.write", async ({ ctx, params }) => {
  await removeMember(ctx, params.id, params.memberId);
  return new NextResponse(null, { status: 204 });
});
