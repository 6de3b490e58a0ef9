import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { listSuppressions, suppressByHand, suppressInputSchema, suppressionListQuerySchema } from "@/lib/email/suppression";

export const dynamic = "force-dynamic";

/** GET /email-suppressions?q=&limit=&cursor= → the suppression list, newest first (admins and managers). */
export const GET = apiRoute("emailSuppressions.read", async ({ ctx, query }) => {
  const q = parseQuery(suppressionListQuerySchema, query);
  return listSuppressions(ctx, { limit: q.limit, cursor: q.cursor ?? null, q: q.q ?? null });
});

/** POST /email-suppressions { email, reason, detail? } → 201 { added } (forever). */
export const POST = apiRoute("settings.manage", async ({ ctx, body }) => NextResponse.json(await suppressByHand(ctx, await body(suppressInputSchema)), { status: 201 }));
