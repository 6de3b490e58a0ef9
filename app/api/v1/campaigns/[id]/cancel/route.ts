import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { cancelCampaign } from "@/lib/campaigns/service";
import { campaignJson } from "@/lib/campaigns/view";

export const dynamic = "force-dynamic";

/** POST /campaigns/{id}/cancel → the campaign, CANCELLED. */
export const POST = apiRoute<{ id: string }>("campaigns.manage", async ({ ctx, params }) => campaignJson(await cancelCampaign(ctx, uuidParam(params.id, { singular: "Campaign" }))));
