import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { campaignFigures } from "@/lib/campaigns/queries";
import { campaignUpdateSchema } from "@/lib/campaigns/schemas";
import { deleteCampaign, updateCampaign } from "@/lib/campaigns/service";
import { campaignJson } from "@/lib/campaigns/view";

export const dynamic = "force-dynamic";

type P = { id: string };
const idOf = (p: P) => uuidParam(p.id, { singular: "Campaign" });

/** GET /campaigns/{id} → the campaign with its figures (total and per variant) and progress. */
export const GET = apiRoute<P>("campaigns.read", async ({ ctx, params }) => {
  const { campaign, figures } = await campaignFigures(ctx, idOf(params));
  return { ...campaignJson(campaign), figures };
});

/** PATCH /campaigns/{id} (a DRAFT, or a SCHEDULED one not yet sending, with `scheduledAt?`; the whole input again) → the campaign. */
export const PATCH = apiRoute<P>("campaigns.manage", async ({ ctx, params, body }) => campaignJson(await updateCampaign(ctx, idOf(params), await body(campaignUpdateSchema))));

/** DELETE /campaigns/{id} (a DRAFT) → 204. */
export const DELETE = apiRoute<P>("campaigns.manage", async ({ ctx, params }) => {
  await deleteCampaign(ctx, idOf(params));
  return new Response(null, { status: 204 });
});
