import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { removeSuppression } from "@/lib/email/suppression";

export const dynamic = "force-dynamic";

/** DELETE /email-suppressions/{id} → 204; 409 for an erased person's entry, which stays forever. */
export const DELETE = apiRoute<{ id: string }>("settings.manage", async ({ ctx, params }) => {
  await removeSuppression(ctx, params.id);
  return new NextResponse(null, { status: 204 });
});
