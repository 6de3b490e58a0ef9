// A contact's personal data: the export holds what is stored about them; the erase
// scrubs it (record, activities, field changes, events, audit) and suppresses the email.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, auditLog, domainEvents, recordChanges } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createActivity } from "@/lib/activities/service";
import { addMembers } from "@/lib/lists/members";
import { createList } from "@/lib/lists/service";
import { createRecord, getRecord, updateRecord } from "@/lib/records/service";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { followRecord } from "@/lib/watchers/service";
import { eraseContact, exportContactData } from "./contact-data";

async function contactWithHistory() {
  const t = await makeTenant();
  const c = await createRecord(t.ctx, "CONTACT", { firstName: "Jane", lastName: "Doe", email: "Jane.Doe@example.test", phone: "+44 20 7946 0000" });
  await updateRecord(t.ctx, "CONTACT", c.id, { jobTitle: "Head of Data" });
  const deal = await createRecord(t.ctx, "DEAL", { name: "Jane's deal", contactId: c.id });
  const ticket = await createRecord(t.ctx, "TICKET", { subject: "Login", contactId: c.id });
  const note = await createActivity(t.ctx, { recordType: "CONTACT", recordId: c.id, activityType: "NOTE", subject: "Call notes", body: "Jane's home number is 555-0100" } as never);
  const list = await createList(t.ctx, { name: "VIPs", objectType: "CONTACT", processingType: "STATIC" });
  await addMembers(t.ctx, list.id, { memberIds: [c.id] });
  await followRecord(t.ctx, { recordType: "CONTACT", recordId: c.id, principalType: "USER", principalId: t.userId });
  return { t, c, deal, ticket, note, list };
}

describe("exportContactData", () => {
  it("holds the contact and its activities, deals, tickets, list memberships, stage history, watchers and audit entries", async () => {
    const { t, c, deal, ticket, note, list } = await contactWithHistory();
    const out = await exportContactData(t.ctx, c.id);
    expect(out.contact).toMatchObject({ id: c.id, email: "jane.doe@example.test", jobTitle: "Head of Data" });
    expect(out.deals.map((d) => d.id)).toEqual([deal.id]);
    expect(out.tickets.map((x) => x.id)).toEqual([ticket.id]);
    expect(out.activities).toEqual([expect.objectContaining({ id: note.id, body: "Jane's home number is 555-0100" })]);
    expect(out.listMemberships).toEqual([expect.objectContaining({ listId: list.id, listName: "VIPs" })]);
    expect(out.stageHistory.map((h) => h.entityId).sort()).toEqual([deal.id, ticket.id].sort());
    expect(out.watchers).toEqual([expect.objectContaining({ principalId: t.userId })]);
    expect(out.auditEntries.map((e) => e.action)).toEqual(["record.created", "record.updated", "export"]);
    expect(JSON.stringify(out)).not.toContain(t.tenantId);
  });
});

describe("eraseContact", () => {
  it("replaces personal fields, removes activity bodies, scrubs past values and suppresses the email", async () => {
    const { t, c, note } = await contactWithHistory();
    await eraseContact(t.ctx, c.id);
    const after = await getRecord(t.ctx, "CONTACT", c.id);
    expect(after).toMatchObject({ firstName: "erased", lastName: "erased", email: "erased", phone: "erased", jobTitle: "erased" });
    const stored = await withTenant(t.ctx, async (tx) => ({
      activity: (await tx.select().from(activities).where(eq(activities.id, note.id)))[0],
      changes: await tx.select().from(recordChanges).where(eq(recordChanges.recordId, c.id)),
      events: await tx.select().from(domainEvents).where(eq(domainEvents.entityId, c.id)),
      audit: await tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.recordId, c.id))).orderBy(auditLog.seq),
    }));
    expect(stored.activity!.body).toBeNull();
    const everything = JSON.stringify(stored);
    for (const personal of ["Jane", "Doe", "example.test", "7946", "Head of Data", "555-0100"]) expect(everything).not.toContain(personal);
    expect(stored.audit.map((e) => e.action)).toEqual(["record.created", "record.updated", "record.erased"]);
    expect(stored.audit[1]!.changes).toEqual({ jobTitle: ["erased", "erased"] });

    // the email, in any case, cannot come back through the contacts create service
    await expect(createRecord(t.ctx, "CONTACT", { firstName: "New", email: "jane.doe@EXAMPLE.test" })).rejects.toMatchObject({ code: "validation", message: expect.stringContaining("erased contact") });
    // another workspace is not affected
    const other = await makeTenant();
    await expect(createRecord(other.ctx, "CONTACT", { email: "jane.doe@example.test" })).resolves.toMatchObject({ email: "jane.doe@example.test" });
  });

  it("is for admins only; a manager is refused and nothing changes", async () => {
    const t = await makeTenant();
    const manager = await makeMember(t.tenantId, "manager");
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "Jane", email: "jane@example.test" });
    await expect(eraseContact(manager.ctx, c.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await getRecord(t.ctx, "CONTACT", c.id)).toMatchObject({ firstName: "Jane", email: "jane@example.test" });
  });
});
