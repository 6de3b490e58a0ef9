import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { dashboardPatchSchema } from "@/lib/dashboards/schemas";
import { deleteDashboard, getDashboard, updateDashboard } from "@/lib/dashboards/service";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("dashboards.read", async ({ ctx, params }) => getDashboard(ctx, params.id));

export const PATCH = apiRoute<{ id: string }>("dashboards.write", async ({ ctx, params, body }) => updateDashboard(ctx, params.id, await body(dashboardPatchSchema)));

export const DELETE = apiRoute<{ id: string }>("dashboards.write", async ({ ctx, params }) => {
  await deleteDashboard(ctx, params.id);
  return new NextResponse(null, { status: 204 });
});
