import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { deleteAutomation, getAutomation, updateAutomation } from "@/lib/automations/service";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiRoute<P>("automations.read", async ({ ctx, params }) => getAutomation(ctx, params.id));

export const PATCH = apiRoute<P>("automations.manage", async ({ ctx, params, body }) => updateAutomation(ctx, params.id, await body(z.unknown())));

/** DELETE — 204; its execution log goes with it. */
export const DELETE = apiRoute<P>("automations.manage", async ({ ctx, params }) => {
  await deleteAutomation(ctx, params.id);
  return new NextResponse(null, { status: 204 });
});
