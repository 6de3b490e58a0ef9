// moveRecord with `fields`: the values a stage requires, written with the move in one
// transaction through the record service; refusals name fields by label.
import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deals, domainEvents, pipelines, pipelineStages, recordChanges, stageHistory } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createCustomField } from "@/lib/custom-fields/service";
import { createRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { moveRecord } from "./move-record";

async function setup(required: Record<string, string[]> = {}) {
  const t = await makeTenant();
  const { ctx } = t;
  await createCustomField(ctx, { objectType: "DEAL", label: "PO number", key: "po", fieldType: "TEXT" });
  const byName = await withTenant(ctx, async (tx) => {
    const [p] = await tx.select().from(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, "DEAL"), eq(pipelines.isDefault, true)));
    for (const [name, fields] of Object.entries(required)) {
      await tx
        .update(pipelineStages)
        .set({ requiredFields: fields })
        .where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelineStages.pipelineId, p!.id), eq(pipelineStages.name, name)));
    }
    const stages = await tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, p!.id)).orderBy(asc(pipelineStages.displayOrder));
    return Object.fromEntries(stages.map((s) => [s.name, s.id]));
  });
  return { ...t, byName };
}

/** What a deal's rows say: the deal, its history rows, its events (type and transaction), its change rows. */
async function trail(ctx: TenantContext, id: string) {
  return withTenant(ctx, async (tx) => ({
    deal: (await tx.select().from(deals).where(eq(deals.id, id)))[0]!,
    history: await tx.select().from(stageHistory).where(eq(stageHistory.entityId, id)).orderBy(asc(stageHistory.seq)),
    events: await tx
      .select({ type: domainEvents.eventType, xmin: sql<string>`${domainEvents}.xmin::text` })
      .from(domainEvents)
      .where(and(eq(domainEvents.entityId, id), sql`${domainEvents.eventType} <> 'record.created'`)),
    changes: await tx.select().from(recordChanges).where(eq(recordChanges.recordId, id)),
  }));
}

describe("moveRecord with the fields its stage requires", () => {
  it("writes the values and the stage change in one transaction: one history row, record.updated and stage.changed together", async () => {
    const { ctx, byName } = await setup({ Proposal: ["amount", "closeDate", "customFields.po"] });
    const deal = await createRecord(ctx, "DEAL", { name: "Acme renewal" });

    const { record, historyId } = await moveRecord(ctx, "DEAL", deal.id, {
      toStageId: byName.Proposal!,
      fields: { amount: "12500", closeDate: "2030-03-31", customFields: { po: "PO-77" } },
    });
    expect(record).toMatchObject({ stageId: byName.Proposal, amount: "12500.00", closeDate: "2030-03-31", customFields: { po: "PO-77" }, forecastProbability: "0.5000" });
    expect(historyId).toEqual(expect.any(String));

    const t = await trail(ctx, deal.id);
    expect(t.deal).toMatchObject({ stageId: byName.Proposal, amount: "12500.00", closeDate: "2030-03-31", customFields: { po: "PO-77" } });
    expect(t.history.map((h) => [h.fromStageId, h.toStageId, h.source])).toEqual([
      [null, byName.Prospecting, "USER"],
      [byName.Prospecting, byName.Proposal, "USER"],
    ]);
    expect(t.events.map((e) => e.type).sort()).toEqual(["record.updated", "stage.changed"]);
    expect(new Set(t.events.map((e) => e.xmin)).size).toBe(1); // one transaction wrote both
    expect(t.changes).toHaveLength(1);
    expect(Object.keys(t.changes[0]!.changes as object).sort()).toEqual(["amount", "closeDate", "customFields.po"]);
  });

  it("asks a lost deal for its reason and the stage's fields in the same move", async () => {
    const { ctx, byName } = await setup({ "Closed Lost": ["amount"] });
    const deal = await createRecord(ctx, "DEAL", { name: "Gone" });
    await expect(moveRecord(ctx, "DEAL", deal.id, { toStageId: byName["Closed Lost"]! })).rejects.toMatchObject({
      code: "required-fields-missing",
      message: "Closed Lost requires: Amount, Lost reason",
      extensions: { missingFields: ["amount", "lostReason"] },
    });
    const { record } = await moveRecord(ctx, "DEAL", deal.id, { toStageId: byName["Closed Lost"]!, lostReason: "Budget cut", fields: { amount: "300" } });
    expect(record).toMatchObject({ status: "lost", lostReason: "Budget cut", amount: "300.00" });
  });

  it("an invalid value is a field error under fields., in labels, and nothing is written", async () => {
    const { ctx, byName } = await setup({ Proposal: ["amount", "closeDate"] });
    const deal = await createRecord(ctx, "DEAL", { name: "Typo" });
    const before = await trail(ctx, deal.id);

    const refused = await moveRecord(ctx, "DEAL", deal.id, { toStageId: byName.Proposal!, fields: { amount: "12500", closeDate: "2030-02-30" } }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "validation", extensions: { errors: [{ path: "fields.closeDate", message: expect.any(String) }] } });
    expect((refused as Error).message).toMatch(/^Close date: /);
    expect((refused as Error).message).not.toContain("closeDate");

    const after = await trail(ctx, deal.id);
    expect(after.deal).toMatchObject({ stageId: byName.Prospecting, amount: null, closeDate: null, updatedAt: before.deal.updatedAt });
    expect(after.history).toHaveLength(1);
    expect(after.events).toEqual([]);
    expect(after.changes).toEqual([]);
  });

  it("a custom field's value is checked by its definition", async () => {
    const { ctx, byName } = await setup({ Proposal: ["customFields.po"] });
    const deal = await createRecord(ctx, "DEAL", { name: "Custom" });
    await expect(moveRecord(ctx, "DEAL", deal.id, { toStageId: byName.Proposal!, fields: { customFields: { po: 42 } } })).rejects.toMatchObject({
      code: "validation",
      message: expect.stringMatching(/^PO number: /),
      extensions: { errors: [{ path: "fields.customFields.po" }] },
    });
    expect((await trail(ctx, deal.id)).history).toHaveLength(1);
  });

  it("values that do not complete the stage's requirements write nothing, and the refusal names the fields by label", async () => {
    const { ctx, byName } = await setup({ Proposal: ["amount", "closeDate", "customFields.po"] });
    const deal = await createRecord(ctx, "DEAL", { name: "Half done" });
    await expect(moveRecord(ctx, "DEAL", deal.id, { toStageId: byName.Proposal!, fields: { amount: "10" } })).rejects.toMatchObject({
      code: "required-fields-missing",
      message: "Proposal requires: Close date, PO number",
      extensions: { missingFields: ["closeDate", "customFields.po"] },
    });
    const t = await trail(ctx, deal.id);
    expect(t.deal.amount).toBeNull();
    expect(t.changes).toEqual([]);
  });

  it("refuses a field the stage does not require (that is an update), and a move the rules refuse rolls the values back", async () => {
    const { ctx, byName } = await setup({ Prospecting: ["amount"], Proposal: ["amount"] });
    const deal = await createRecord(ctx, "DEAL", { name: "Sneaky" });
    await expect(moveRecord(ctx, "DEAL", deal.id, { toStageId: byName.Proposal!, fields: { amount: "5", name: "Renamed" } })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "fields.name", message: "is not a field Proposal requires" }] },
    });
    // into the stage it is in: the rules refuse, after the value was written in the transaction
    await expect(moveRecord(ctx, "DEAL", deal.id, { toStageId: byName.Prospecting!, fields: { amount: "5" } })).rejects.toMatchObject({ code: "movement-not-allowed" });
    const t = await trail(ctx, deal.id);
    expect(t.deal).toMatchObject({ name: "Sneaky", amount: null });
    expect(t.changes).toEqual([]);
  });
});
