"use server";
// Server actions of /campaigns.
import "server-only";
import { z } from "zod";
import { publicOrigin } from "@/lib/public-origin";
import { tenantAction } from "@/lib/safe-action";
import { campaignFigures, campaignRecipientsPage } from "./queries";
import { campaignInputSchema, campaignSendSchema, campaignUpdateSchema } from "./schemas";
import { cancelCampaign, createCampaign, deleteCampaign, sendCampaign, updateCampaign } from "./service";
import { campaignJson } from "./view";

export const createCampaignAction = tenantAction
  .metadata({ permission: "campaigns.manage" })
  .inputSchema(campaignInputSchema)
  .action(async ({ parsedInput, ctx }) => campaignJson(await createCampaign(ctx.tenant, parsedInput)));

export const updateCampaignAction = tenantAction
  .metadata({ permission: "campaigns.manage" })
  .inputSchema(z.object({ id: z.uuid(), input: campaignUpdateSchema }))
  .action(async ({ parsedInput, ctx }) => campaignJson(await updateCampaign(ctx.tenant, parsedInput.id, parsedInput.input)));

export const deleteCampaignAction = tenantAction
  .metadata({ permission: "campaigns.manage" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    await deleteCampaign(ctx.tenant, parsedInput.id);
  });

export const sendCampaignAction = tenantAction
  .metadata({ permission: "campaigns.manage" })
  .inputSchema(campaignSendSchema.extend({ id: z.uuid() }))
  .action(async ({ parsedInput: { id, ...input }, ctx }) => campaignJson(await sendCampaign(ctx.tenant, id, input, { publicOrigin: await publicOrigin() })));

export const cancelCampaignAction = tenantAction
  .metadata({ permission: "campaigns.manage" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => campaignJson(await cancelCampaign(ctx.tenant, parsedInput.id)));

/** The detail page's poll while a campaign sends: its state, figures and first recipients. */
export const campaignStatusAction = tenantAction
  .metadata({ permission: "campaigns.read" })
  .inputSchema(z.object({ id: z.uuid() }))
  .action(async ({ parsedInput, ctx }) => {
    const [{ campaign, figures }, recipients] = await Promise.all([campaignFigures(ctx.tenant, parsedInput.id), campaignRecipientsPage(ctx.tenant, parsedInput.id, { limit: 200 })]);
    return { campaign: campaignJson(campaign), figures, recipients: recipients.data.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null })) };
  });
