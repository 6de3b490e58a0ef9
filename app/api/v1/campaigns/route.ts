import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { campaignInputSchema } from "@/lib/campaigns/schemas";
import { createCampaign, listCampaigns } from "@/lib/campaigns/service";
import { campaignJson } from "@/lib/campaigns/view";

export const dynamic = "force-dynamic";

/** GET /campaigns → every campaign, newest first (API-ADDITIONS.md "Campaigns"). */
export const GET = apiRoute("campaigns.read", async ({ ctx }) => ({ data: (await listCampaigns(ctx)).map(campaignJson), nextCursor: null }));

/** POST /campaigns → 201 a DRAFT. */
export const POST = apiRoute("campaigns.manage", async ({ ctx, body }) => NextResponse.json(campaignJson(await createCampaign(ctx, await body(campaignInputSchema))), { status: 201 }));
