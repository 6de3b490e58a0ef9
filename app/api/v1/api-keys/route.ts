import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { createApiKey, listApiKeys } from "@/lib/api/keys";
import { apiKeyCreateSchema } from "@/lib/tenancy/schemas";

export const dynamic = "force-dynamic";

/** GET /api/v1/api-keys — the tenant's keys (never the key itself, only its prefix). */
export const GET = apiRoute("apiKeys.manage", async ({ ctx }) => ({ data: await listApiKeys(ctx), nextCursor: null }));

/** POST /api/v1/api-keys — `{ name, role }` → 201 with `key`, shown this once only. */
export const POST = apiRoute("apiKeys.manage", async ({ ctx, body }) => {
  const created = await createApiKey(ctx, await body(apiKeyCreateSchema));
  return NextResponse.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
