// Campaigns (issue 19): a draft is written, then sent — now or at a time. Sending only
// marks it and sets its first batch's time; the worker (lib/campaigns/run.ts) materialises
// the recipients from the list and sends them in batches.
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { campaigns, emailTemplates, lists, type Campaign } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, notFound, validationError } from "@/lib/errors";
import { usableMailbox } from "@/lib/email/mailboxes";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { campaignInputSchema, campaignSendSchema, campaignUpdateSchema, type CampaignInput, type CampaignSendInput, type CampaignUpdateInput } from "./schemas";

export async function loadCampaign(tx: Tx, ctx: TenantContext, id: string, lock = false): Promise<Campaign> {
  if (!isUuid(id)) throw notFound("Campaign");
  const q = tx.select().from(campaigns).where(and(eq(campaigns.tenantId, ctx.tenantId), eq(campaigns.id, id)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("Campaign");
  return row;
}

async function resolveContent(tx: Tx, ctx: TenantContext, v: Omit<ReturnType<typeof campaignUpdateSchema.parse>, "scheduledAt">) {
  await usableMailbox(tx, ctx, v.mailboxId);
  const [list] = await tx.select({ objectType: lists.objectType }).from(lists).where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, v.listId)));
  if (!list) throw validationError([{ path: "listId", message: "names no list" }]);
  if (list.objectType !== "CONTACT") throw validationError([{ path: "listId", message: "must be a list of contacts" }]);
  let subject = v.subject;
  let body = v.body;
  if (v.templateId) {
    const [t] = await tx.select().from(emailTemplates).where(and(eq(emailTemplates.tenantId, ctx.tenantId), eq(emailTemplates.id, v.templateId)));
    if (!t) throw validationError([{ path: "templateId", message: "names no template" }]);
    subject ??= t.subject;
    body ??= t.body;
  }
  return { subject: subject!, body: body! };
}

export async function createCampaign(ctx: TenantContext, input: CampaignInput | unknown): Promise<Campaign> {
  assertCan(ctx.actor.role, "campaigns.manage");
  const v = campaignInputSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const { subject, body } = await resolveContent(tx, ctx, v);
    const [row] = await tx
      .insert(campaigns)
      .values({ tenantId: ctx.tenantId, name: v.name, category: v.category, mailboxId: v.mailboxId, listId: v.listId, templateId: v.templateId ?? null, subject, body, subjectB: v.subjectB ?? null, splitPercent: v.subjectB ? v.splitPercent : 0, track: v.track, createdByUserId: ctx.actor.userId })
      .returning();
    return row!;
  });
}

const onlyDraft = (c: Campaign, verb: string) => {
  if (c.status !== "DRAFT") throw new AppError("conflict", `Only a draft campaign can be ${verb}; this one is ${c.status.toLowerCase()}`);
};

/** Whether a campaign may still be edited: a draft, or a scheduled one the worker has not started (it locks the row to start). */
export const isEditable = (c: Pick<Campaign, "status">) => c.status === "DRAFT" || c.status === "SCHEDULED";

/** Edits a draft, or a scheduled campaign before it starts sending (its time too); 409 once it is sending or done. */
export async function updateCampaign(ctx: TenantContext, id: string, input: CampaignUpdateInput | unknown): Promise<Campaign> {
  assertCan(ctx.actor.role, "campaigns.manage");
  const v = campaignUpdateSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const c = await loadCampaign(tx, ctx, id, true);
    if (!isEditable(c)) throw new AppError("conflict", `Only a draft or scheduled campaign can be edited; this one is ${c.status.toLowerCase()}`);
    if (v.scheduledAt && c.status !== "SCHEDULED") throw validationError([{ path: "scheduledAt", message: "is set by sending the draft (send later)" }]);
    if (v.scheduledAt && v.scheduledAt.getTime() <= Date.now()) throw validationError([{ path: "scheduledAt", message: "must be in the future" }]);
    const { subject, body } = await resolveContent(tx, ctx, v);
    const [row] = await tx
      .update(campaigns)
      .set({
        name: v.name,
        category: v.category,
        mailboxId: v.mailboxId,
        listId: v.listId,
        templateId: v.templateId ?? null,
        subject,
        body,
        subjectB: v.subjectB ?? null,
        splitPercent: v.subjectB ? v.splitPercent : 0,
        track: v.track,
        ...(v.scheduledAt ? { scheduledAt: v.scheduledAt, nextBatchAt: v.scheduledAt } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(campaigns.tenantId, ctx.tenantId), eq(campaigns.id, id)))
      .returning();
    return row!;
  });
}

export async function deleteCampaign(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "campaigns.manage");
  await withTenant(ctx, async (tx) => {
    onlyDraft(await loadCampaign(tx, ctx, id, true), "deleted");
    await tx.delete(campaigns).where(and(eq(campaigns.tenantId, ctx.tenantId), eq(campaigns.id, id)));
  });
}

/** Sends a draft: now, or at `scheduledAt`. The worker takes it from there. */
export async function sendCampaign(ctx: TenantContext, id: string, input: CampaignSendInput | unknown, opts: { publicOrigin: string }): Promise<Campaign> {
  assertCan(ctx.actor.role, "campaigns.manage");
  const v = campaignSendSchema.parse(input ?? {});
  return withTenant(ctx, async (tx) => {
    const c = await loadCampaign(tx, ctx, id, true);
    onlyDraft(c, "sent");
    await usableMailbox(tx, ctx, c.mailboxId);
    const later = v.scheduledAt && v.scheduledAt.getTime() > Date.now() ? v.scheduledAt : null;
    const [row] = await tx
      .update(campaigns)
      .set({ status: later ? "SCHEDULED" : "SENDING", scheduledAt: later, nextBatchAt: later ?? sql`now()`, publicOrigin: opts.publicOrigin, updatedAt: new Date() })
      .where(and(eq(campaigns.tenantId, ctx.tenantId), eq(campaigns.id, id)))
      .returning();
    return row!;
  });
}

/** Stops a scheduled or sending campaign: recipients not yet emailed stay unsent. */
export async function cancelCampaign(ctx: TenantContext, id: string): Promise<Campaign> {
  assertCan(ctx.actor.role, "campaigns.manage");
  return withTenant(ctx, async (tx) => {
    const c = await loadCampaign(tx, ctx, id, true);
    if (c.status !== "SCHEDULED" && c.status !== "SENDING") throw new AppError("conflict", `A ${c.status.toLowerCase()} campaign cannot be cancelled`);
    const [row] = await tx
      .update(campaigns)
      .set({ status: "CANCELLED", nextBatchAt: null, completedAt: sql`now()`, updatedAt: new Date() })
      .where(and(eq(campaigns.tenantId, ctx.tenantId), eq(campaigns.id, id)))
      .returning();
    return row!;
  });
}

export async function listCampaigns(ctx: TenantContext): Promise<Campaign[]> {
  assertCan(ctx.actor.role, "campaigns.read");
  return withTenant(ctx, (tx) => tx.select().from(campaigns).where(eq(campaigns.tenantId, ctx.tenantId)).orderBy(desc(campaigns.createdAt)).limit(500));
}

export async function getCampaign(ctx: TenantContext, id: string): Promise<Campaign> {
  assertCan(ctx.actor.role, "campaigns.read");
  return withTenant(ctx, (tx) => loadCampaign(tx, ctx, id));
}
