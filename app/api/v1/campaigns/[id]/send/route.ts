import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { campaignSendSchema } from "@/lib/campaigns/schemas";
import { sendCampaign } from "@/lib/campaigns/service";
import { campaignJson } from "@/lib/campaigns/view";
import { originFrom } from "@/lib/public-origin";

export const dynamic = "force-dynamic";

/** POST /campaigns/{id}/send { scheduledAt? } → the campaign, SENDING or SCHEDULED. */
export const POST = apiRoute<{ id: string }>("campaigns.manage", async ({ ctx, params, body, req }) =>
  campaignJson(await sendCampaign(ctx, uuidParam(params.id, { singular: "Campaign" }), await body(campaignSendSchema), { publicOrigin: originFrom(req.headers) })),
);
