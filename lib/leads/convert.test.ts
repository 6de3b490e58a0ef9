import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, contacts, domainEvents, listMemberships, pipelineStages, recordWatchers, stageHistory } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createActivity } from "@/lib/activities/service";
import { addMembers } from "@/lib/lists/members";
import { createList } from "@/lib/lists/service";
import { createRecord, getRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { recordTimeline } from "@/lib/timeline/queries";
import { followRecord } from "@/lib/watchers/service";
import { convertLead, disqualifyLead, previewConversion } from "./convert";

const rows = <T>(ctx: TenantContext, fn: Parameters<typeof withTenant<T>>[1]) => withTenant(ctx, fn);

describe("converting a lead", () => {
  it("creates a contact, a company and a deal, moves the lead to its won stage and says lead.converted", async () => {
    const { ctx, tenantId } = await makeTenant();
    const lead = await createRecord(ctx, "LEAD", { firstName: "Ada", lastName: "Lovelace", email: "ada@analytical.io", phone: "+44 1", jobTitle: "CTO", companyName: "Analytical Engines", budget: "12,500" });

    const preview = await previewConversion(ctx, lead.id, {});
    expect(preview.contact).toMatchObject({ action: "create", title: "Ada Lovelace" });
    expect(preview.company).toMatchObject({ action: "create", title: "Analytical Engines", values: { domain: "analytical.io" } });
    expect(preview.deal).toMatchObject({ amount: "12500" });

    const out = await convertLead(ctx, lead.id, { deal: { amount: "5000.00", closeDate: "2030-01-31" } });
    expect(out.company).toMatchObject({ name: "Analytical Engines", domain: "analytical.io" });
    expect(out.contact).toMatchObject({ firstName: "Ada", lastName: "Lovelace", email: "ada@analytical.io", phone: "+44 1", jobTitle: "CTO", companyId: out.company!.id });
    expect(out.deal).toMatchObject({ amount: "5000.00", closeDate: "2030-01-31", companyId: out.company!.id, contactId: out.contact.id, leadId: lead.id });
    expect(out.lead).toMatchObject({ status: "converted", convertedContactId: out.contact.id, convertedCompanyId: out.company!.id, convertedDealId: out.deal!.id });
    expect(out.lead.convertedAt).toBeInstanceOf(Date);
    const [won] = await rows(ctx, (tx) => tx.select().from(pipelineStages).where(and(eq(pipelineStages.tenantId, tenantId), eq(pipelineStages.id, out.lead.stageId as string))));
    expect(won!.stageState).toBe("DONE_SUCCESS");
    const history = await rows(ctx, (tx) => tx.select().from(stageHistory).where(and(eq(stageHistory.tenantId, tenantId), eq(stageHistory.entityId, lead.id))));
    expect(history.map((h) => h.toStageId)).toContain(won!.id);
    const events = await rows(ctx, (tx) => tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, tenantId), eq(domainEvents.eventType, "lead.converted"))));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: "LEAD", entityId: lead.id, payload: expect.objectContaining({ contactId: out.contact.id, dealId: out.deal!.id }) });
  });

  it("reuses the contact by email and the company by domain, filling only their empty fields", async () => {
    const { ctx } = await makeTenant();
    const company = await createRecord(ctx, "COMPANY", { name: "Initech Holdings", domain: "initech.com", industry: "Software" });
    const contact = await createRecord(ctx, "CONTACT", { firstName: "Peter", email: "Peter@Initech.com", jobTitle: "Engineer" });
    const lead = await createRecord(ctx, "LEAD", { firstName: "Pete", lastName: "Gibbons", email: "peter@initech.com", phone: "555-0100", jobTitle: "Manager", companyName: "Initech" });

    const preview = await previewConversion(ctx, lead.id);
    expect(preview.contact).toEqual({ action: "reuse", id: contact.id, title: "Peter", fill: { lastName: "Gibbons", phone: "555-0100" } });
    expect(preview.company).toEqual({ action: "reuse", id: company.id, title: "Initech Holdings", fill: {} });

    const out = await convertLead(ctx, lead.id, { deal: null });
    expect(out.deal).toBeNull();
    expect(out.contact).toMatchObject({ id: contact.id, firstName: "Peter", lastName: "Gibbons", email: "peter@initech.com", phone: "555-0100", jobTitle: "Engineer", companyId: company.id });
    expect(out.company).toMatchObject({ id: company.id, name: "Initech Holdings", industry: "Software" });
    expect(await rows(ctx, (tx) => tx.select().from(contacts).where(eq(contacts.tenantId, ctx.tenantId)))).toHaveLength(1);
  });

  it("reuses a company by name, and never matches one by a free-mail domain", async () => {
    const { ctx } = await makeTenant();
    const gmailCo = await createRecord(ctx, "COMPANY", { name: "Google Mail Fans", domain: "gmail.com" });
    const byName = await createRecord(ctx, "COMPANY", { name: "Hooli" });
    const lead = await createRecord(ctx, "LEAD", { firstName: "Gavin", email: "gavin@gmail.com", companyName: "hooli" });
    const out = await convertLead(ctx, lead.id, {});
    expect(out.company!.id).toBe(byName.id);
    expect(out.company!.id).not.toBe(gmailCo.id);
    // the free-mail domain is not written on the reused company either
    expect(out.company!.domain).toBeNull();

    const solo = await createRecord(ctx, "LEAD", { firstName: "Solo", email: "solo@gmail.com" });
    const plain = await convertLead(ctx, solo.id, {});
    expect(plain.company).toBeNull();
    expect(plain.contact.companyId).toBeNull();
  });

  it("carries activities, tags, watchers and list memberships to the contact, and shows the activities on the deal", async () => {
    const { ctx, tenantId, userId } = await makeTenant();
    const lead = await createRecord(ctx, "LEAD", { firstName: "Lin", email: "lin@acme.dev", tags: ["webinar"] });
    await createActivity(ctx, { activityType: "CALL", recordType: "LEAD", recordId: lead.id, subject: "Intro call" });
    await followRecord(ctx, { recordType: "LEAD", recordId: lead.id, principalType: "USER", principalId: userId });
    await addMembers(ctx, (await createList(ctx, { name: "Event", objectType: "LEAD" })).id, { memberIds: [lead.id] });
    const contactsList = await createList(ctx, { name: "Event", objectType: "CONTACT" });

    const out = await convertLead(ctx, lead.id, { deal: { name: "Acme pilot" } });

    const acts = await rows(ctx, (tx) => tx.select().from(activities).where(eq(activities.tenantId, tenantId)));
    expect(acts.map((a) => [a.recordType, a.recordId])).toEqual([["CONTACT", out.contact.id]]);
    expect((await getRecord(ctx, "CONTACT", out.contact.id)).tags).toEqual(["webinar"]);
    const watchers = await rows(ctx, (tx) => tx.select().from(recordWatchers).where(eq(recordWatchers.tenantId, tenantId)));
    expect(watchers.map((w) => [w.recordType, w.recordId, w.principalId])).toEqual([["CONTACT", out.contact.id, userId]]);
    const member = await rows(ctx, (tx) => tx.select().from(listMemberships).where(and(eq(listMemberships.tenantId, tenantId), eq(listMemberships.memberId, out.contact.id))));
    expect(member.map((m) => m.listId)).toEqual([contactsList.id]);
    const dealTimeline = await recordTimeline(ctx, "DEAL", out.deal!.id);
    expect(dealTimeline.data.filter((e) => e.kind === "activity").map((e) => (e.kind === "activity" ? e.activity.subject : ""))).toEqual(["Intro call"]);
  });

  it("refuses a converted or disqualified lead (409) and another tenant's ids (422)", async () => {
    const { ctx } = await makeTenant();
    const other = await makeTenant();
    const foreign = await createRecord(other.ctx, "CONTACT", { firstName: "Foreign" });
    const lead = await createRecord(ctx, "LEAD", { firstName: "Twice" });
    await expect(convertLead(ctx, lead.id, { contactId: foreign.id })).rejects.toMatchObject({ code: "validation", status: 422 });
    await convertLead(ctx, lead.id, {});
    await expect(convertLead(ctx, lead.id, {})).rejects.toMatchObject({ code: "conflict", status: 409 });
    await expect(disqualifyLead(ctx, lead.id, { reason: "no" })).rejects.toMatchObject({ code: "conflict" });

    const dq = await createRecord(ctx, "LEAD", { firstName: "Nope" });
    const out = await disqualifyLead(ctx, dq.id, { reason: "No budget" });
    expect(out).toMatchObject({ status: "unqualified", disqualifiedReason: "No budget" });
    expect(out.disqualifiedAt).toBeInstanceOf(Date);
    const [lost] = await rows(ctx, (tx) => tx.select().from(pipelineStages).where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelineStages.id, out.stageId as string))));
    expect(lost!.stageState).toBe("DONE_FAILED");
    await expect(convertLead(ctx, dq.id, {})).rejects.toMatchObject({ code: "conflict" });
    await expect(disqualifyLead(ctx, dq.id, { reason: "" })).rejects.toThrow();
  });

  it("ten concurrent conversions of one lead make one contact", async () => {
    const { ctx, tenantId } = await makeTenant();
    const lead = await createRecord(ctx, "LEAD", { firstName: "Race", email: "race@condition.dev", companyName: "Condition" });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => convertLead(ctx, lead.id, { deal: {} })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(9).fill("conflict"));
    expect(await rows(ctx, (tx) => tx.select().from(contacts).where(eq(contacts.tenantId, tenantId)))).toHaveLength(1);
  });
});
