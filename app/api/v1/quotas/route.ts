import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { quotaCreateSchema, quotaListQuerySchema } from "@/lib/quotas/schemas";
import { createQuota, listQuotas } from "@/lib/quotas/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/quotas?userId=&groupId= — sales quotas (API.md "Analytics"). */
export const GET = apiRoute("users.read", async ({ ctx, query }) => ({ data: await listQuotas(ctx, parseQuery(quotaListQuerySchema, query)), nextCursor: null }));

export const POST = apiRoute("quotas.manage", async ({ ctx, body }) => NextResponse.json(await createQuota(ctx, await body(quotaCreateSchema)), { status: 201 }));
