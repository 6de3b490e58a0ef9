import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { quotaPatchSchema } from "@/lib/quotas/schemas";
import { deleteQuota, getQuota, updateQuota } from "@/lib/quotas/service";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("users.read", async ({ ctx, params }) => getQuota(ctx, params.id));

export const PATCH = apiRoute<{ id: string }>("quotas.manage", async ({ ctx, params, body }) => updateQuota(ctx, params.id, await body(quotaPatchSchema)));

export const DELETE = apiRoute<{ id: string }>("quotas.manage", async ({ ctx, params }) => {
  await deleteQuota(ctx, params.id);
  return new NextResponse(null, { status: 204 });
});
