import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { listSuppressions, suppressByHand, suppressInputSchema } from "@/lib/email/suppression";

export const dynamic = "force-dynamic";

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).optional(), cursor: z.string().max(200).optional() });

/** GET /email-suppressions?limit=&cursor= → the suppression list, newest first. */
export const GET = apiRoute("settings.manage", async ({ ctx, query }) => {
  const q = parseQuery(querySchema, query);
  return listSuppressions(ctx, { limit: q.limit, cursor: q.cursor ?? null });
});

/** POST /email-suppressions { email, reason, detail? } → 201 { added } (forever). */
export const POST = apiRoute("settings.manage", async ({ ctx, body }) => NextResponse.json(await suppressByHand(ctx, await body(suppressInputSchema)), { status: 201 }));
