// Input schemas of campaigns, shared by the server actions and the REST API.
import { z } from "zod";
import { CAMPAIGN_CATEGORIES } from "@/db/schema/campaigns";

const subject = z.string().trim().min(1, "is required").max(500);

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200),
    category: z.enum(CAMPAIGN_CATEGORIES).default("MARKETING"),
    mailboxId: z.uuid(),
    listId: z.uuid(),
    /** With a template, its subject and body are the defaults for those left out. */
    templateId: z.uuid().nullable().optional(),
    subject: subject.optional(),
    body: z.string().min(1, "is required").max(100_000).optional(),
    /** The A/B test: a second subject, sent to `splitPercent` % of the recipients. */
    subjectB: subject.nullable().optional(),
    splitPercent: z.number().int().min(0).max(100).default(0),
    track: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.subjectB && (v.splitPercent < 1 || v.splitPercent > 99)) ctx.addIssue({ code: "custom", path: ["splitPercent"], message: "must be between 1 and 99 with a subject B" });
    if (!v.subjectB && v.splitPercent) ctx.addIssue({ code: "custom", path: ["subjectB"], message: "is required with a split" });
    if (!v.templateId && !v.subject) ctx.addIssue({ code: "custom", path: ["subject"], message: "is required" });
    if (!v.templateId && !v.body) ctx.addIssue({ code: "custom", path: ["body"], message: "is required" });
  });
export type CampaignInput = z.input<typeof campaignInputSchema>;

/**
 * An edit (PATCH /campaigns/{id}, the edit form): the whole input again, and for a SCHEDULED
 * campaign optionally a new time to send it (later than now).
 */
export const campaignUpdateSchema = z.intersection(campaignInputSchema, z.object({ scheduledAt: z.coerce.date().optional() }));
export type CampaignUpdateInput = z.input<typeof campaignUpdateSchema>;

export const campaignSendSchema = z.object({
  /** Send later; the send window and the hourly limit still apply. */
  scheduledAt: z.coerce.date().nullable().optional(),
});
export type CampaignSendInput = z.input<typeof campaignSendSchema>;
