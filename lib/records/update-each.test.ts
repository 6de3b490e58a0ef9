// updateEachIn: many records, each with its own values, through the one write path —
// the checks per record, one UPDATE per set of changed columns, record_changes and
// record.updated events for exactly the records that changed.
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { domainEvents, recordChanges, tags } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createCustomField } from "@/lib/custom-fields/service";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createRecord, getRecord, lockLiveRecords, updateEachIn } from "./service";

describe("updateEachIn", () => {
  it("writes each record's own values, refuses one alone, and records changes and events only for the changed", async () => {
    const t = await makeTenant();
    await createCustomField(t.ctx, { objectType: "CONTACT", label: "Budget", key: "budget", fieldType: "NUMBER" });
    await createCustomField(t.ctx, { objectType: "CONTACT", label: "Region", key: "region", fieldType: "TEXT" });
    const ada = await createRecord(t.ctx, "CONTACT", { firstName: "Ada", email: "ada@x.test", customFields: { budget: 5, region: "EU" } });
    const bob = await createRecord(t.ctx, "CONTACT", { firstName: "Bob", jobTitle: "CTO", tags: ["Old"] });
    const cy = await createRecord(t.ctx, "CONTACT", { firstName: "Cy" });
    const dee = await createRecord(t.ctx, "CONTACT", { firstName: "Dee", jobTitle: "CFO" });
    const eve = await createRecord(t.ctx, "CONTACT", { firstName: "Eve", jobTitle: "VP" });

    const outcomes = await withTenant(t.ctx, async (tx) => {
      const locked = new Map((await lockLiveRecords(tx, t.ctx, "CONTACT", [ada.id, bob.id, cy.id, dee.id, eve.id])).map((r) => [r.id, r]));
      return updateEachIn(tx, t.ctx, "CONTACT", [
        // a custom field changed, the other kept
        { before: locked.get(ada.id)!, data: { customFields: { budget: 9 } } },
        // tags made as needed; the job title in the same UPDATE as another row's
        { before: locked.get(bob.id)!, data: { jobTitle: "CEO", tags: ["Old", "new tag"] } },
        // no name and no email left: refused alone
        { before: locked.get(cy.id)!, data: { firstName: null } },
        // the value it has: no change
        { before: locked.get(dee.id)!, data: { jobTitle: "CFO" } },
        // the same column as Bob's job title, another value
        { before: locked.get(eve.id)!, data: { jobTitle: "COO", tags: ["NEW TAG"] } },
      ]);
    });
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, true, true]);
    expect(outcomes[2]).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await getRecord(t.ctx, "CONTACT", ada.id)).toMatchObject({ customFields: { budget: 9, region: "EU" } });
    expect(await getRecord(t.ctx, "CONTACT", bob.id)).toMatchObject({ jobTitle: "CEO", tags: ["Old", "new tag"] });
    expect(await getRecord(t.ctx, "CONTACT", cy.id)).toMatchObject({ firstName: "Cy" });
    expect(await getRecord(t.ctx, "CONTACT", eve.id)).toMatchObject({ jobTitle: "COO", tags: ["new tag"] });
    const ids = [ada.id, bob.id, cy.id, dee.id, eve.id];
    const changes = await withTenant(t.ctx, (tx) => tx.select().from(recordChanges).where(and(inArray(recordChanges.recordId, ids), eq(recordChanges.tenantId, t.tenantId))));
    expect(new Map(changes.map((c) => [c.recordId, c.changes]))).toEqual(
      new Map<string, unknown>([
        [ada.id, { "customFields.budget": { from: 5, to: 9 } }],
        [bob.id, { jobTitle: { from: "CTO", to: "CEO" }, tags: { from: ["Old"], to: ["Old", "new tag"] } }],
        [eve.id, { jobTitle: { from: "VP", to: "COO" }, tags: { from: [], to: ["new tag"] } }],
      ]),
    );
    const events = await withTenant(t.ctx, (tx) => tx.select().from(domainEvents).where(and(inArray(domainEvents.entityId, ids), eq(domainEvents.eventType, "record.updated"))));
    expect(events.map((e) => e.entityId).sort()).toEqual([ada.id, bob.id, eve.id].sort());
    const tagRows = await withTenant(t.ctx, (tx) => tx.select({ name: tags.name }).from(tags).where(eq(tags.tenantId, t.tenantId)));
    expect(tagRows.map((r) => r.name).sort()).toEqual(["Old", "new tag"]);
  });
});
