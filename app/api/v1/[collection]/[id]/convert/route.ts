import { apiRoute } from "@/lib/api/handler";
import { convertLead } from "@/lib/leads/convert";
import { leadParam } from "@/lib/leads/route";
import { convertLeadSchema } from "@/lib/leads/schemas";
import { serializeRecord } from "@/lib/records/service";

export const dynamic = "force-dynamic";

/** POST /api/v1/leads/{id}/convert → { lead, contact, company, deal } (API.md, "Leads"). */
export const POST = apiRoute<{ collection: string; id: string }>("records.write", async ({ ctx, params, body }) => {
  const out = await convertLead(ctx, leadParam(params), await body(convertLeadSchema));
  return {
    lead: serializeRecord(out.lead),
    contact: serializeRecord(out.contact),
    company: out.company && serializeRecord(out.company),
    deal: out.deal && serializeRecord(out.deal),
  };
});
