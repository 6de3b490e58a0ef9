import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { createAutomation, listAutomations } from "@/lib/automations/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/automations — by priority, with target label, last run and 7-day success rate. */
export const GET = apiRoute("automations.read", async ({ ctx }) => ({ data: await listAutomations(ctx), nextCursor: null }));

/** POST /api/v1/automations — 201; a WEBHOOK's signing secret is in `webhookSecret`, this once. */
export const POST = apiRoute("automations.manage", async ({ ctx, body }) => {
  const { automation, webhookSecret } = await createAutomation(ctx, await body(z.unknown()));
  return NextResponse.json({ ...automation, ...(webhookSecret ? { webhookSecret } : {}) }, { status: 201 });
});
