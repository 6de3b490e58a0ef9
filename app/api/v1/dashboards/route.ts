import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { dashboardInputSchema } from "@/lib/dashboards/schemas";
import { createDashboard, listDashboards } from "@/lib/dashboards/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/dashboards — the dashboards the caller sees (API-ADDITIONS.md "Dashboards"). */
export const GET = apiRoute("dashboards.read", async ({ ctx }) => ({ data: await listDashboards(ctx), nextCursor: null }));

export const POST = apiRoute("dashboards.write", async ({ ctx, body }) => NextResponse.json(await createDashboard(ctx, await body(dashboardInputSchema)), { status: 201 }));
