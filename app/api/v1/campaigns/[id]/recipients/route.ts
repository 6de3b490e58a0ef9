import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/query";
import { uuidParam } from "@/lib/api/records-route";
import { campaignRecipientsPage } from "@/lib/campaigns/queries";

export const dynamic = "force-dynamic";

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).optional(), cursor: z.uuid().optional() });

/** GET /campaigns/{id}/recipients?limit=&cursor= → { data: [{ contactId, email, variant, status, … }], nextCursor } */
export const GET = apiRoute<{ id: string }>("campaigns.read", async ({ ctx, params, query }) => {
  const q = parseQuery(querySchema, query);
  return campaignRecipientsPage(ctx, uuidParam(params.id, { singular: "Campaign" }), { limit: q.limit, cursor: q.cursor ?? null });
});
