import { apiRoute } from "@/lib/api/handler";
import { disqualifyLead } from "@/lib/leads/convert";
import { leadParam } from "@/lib/leads/route";
import { disqualifyLeadSchema } from "@/lib/leads/schemas";
import { serializeRecord } from "@/lib/records/service";

export const dynamic = "force-dynamic";

/** POST /api/v1/leads/{id}/disqualify { reason } → the lead (API.md, "Leads"). */
export const POST = apiRoute<{ collection: string; id: string }>("records.write", async ({ ctx, params, body }) => {
  return serializeRecord(await disqualifyLead(ctx, leadParam(params), await body(disqualifyLeadSchema)));
});
