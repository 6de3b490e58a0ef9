"use server";
// Server actions of a lead's record page: the Convert dialog (what will happen, then the
// conversion) and Disqualify.
import "server-only";
import { z } from "zod";
import { listPipelines } from "@/lib/pipelines/queries";
import { tenantAction } from "@/lib/safe-action";
import { convertLead, disqualifyLead, previewConversion } from "./convert";
import { convertLeadSchema, disqualifyLeadSchema } from "./schemas";

const leadId = z.uuid();

/** What converting the lead would do, and the deal pipelines to choose from. */
export const previewConversionAction = tenantAction
  .metadata({ permission: "records.write" })
  .inputSchema(z.object({ id: leadId }))
  .action(async ({ parsedInput, ctx }) => {
    const { lead, ...plan } = await previewConversion(ctx.tenant, parsedInput.id);
    const pipelines = (await listPipelines(ctx.tenant, "DEAL"))
      .filter((p) => p.isActive)
      .map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault, movementMode: p.movementMode, stages: p.stages.map((s) => ({ id: s.id, name: s.name, stageState: s.stageState })) }));
    return { ...plan, pipelines, leadStatus: String(lead.status) };
  });

export const convertLeadAction = tenantAction
  .metadata({ permission: "records.write" })
  .inputSchema(z.object({ id: leadId, input: convertLeadSchema }))
  .action(async ({ parsedInput, ctx }) => {
    const out = await convertLead(ctx.tenant, parsedInput.id, parsedInput.input);
    return { contactId: out.contact.id, companyId: out.company?.id ?? null, dealId: out.deal?.id ?? null };
  });

export const disqualifyLeadAction = tenantAction
  .metadata({ permission: "records.write" })
  .inputSchema(z.object({ id: leadId, input: disqualifyLeadSchema }))
  .action(async ({ parsedInput, ctx }) => {
    await disqualifyLead(ctx.tenant, parsedInput.id, parsedInput.input);
  });
