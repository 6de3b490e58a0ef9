import { and, asc, eq, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { deals, domainEvents, tickets, pipelines, pipelineStages, stageHistory } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord, serializeRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { moveRecord } from "./move-record";

async function stagesOf(ctx: TenantContext, objectType: "DEAL" | "TICKET") {
  return withTenant(ctx, async (tx) => {
    const [p] = await tx.select().from(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, objectType), eq(pipelines.isDefault, true)));
    const stages = await tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, p!.id)).orderBy(asc(pipelineStages.displayOrder));
    return { pipeline: p!, byName: Object.fromEntries(stages.map((s) => [s.name, s])) };
  });
}

async function historyOf(ctx: TenantContext, id: string) {
  return withTenant(ctx, (tx) => tx.select().from(stageHistory).where(eq(stageHistory.entityId, id)).orderBy(asc(stageHistory.changedAt)));
}

async function eventsOf(ctx: TenantContext, id: string) {
  return withTenant(ctx, (tx) => tx.select().from(domainEvents).where(and(eq(domainEvents.entityId, id), eq(domainEvents.eventType, "stage.changed"))));
}

describe("moveRecord in the FLEXIBLE sales pipeline", () => {
  it("moves a deal, writes one history row and one event, updates probability, status and close date", async () => {
    const { ctx } = await makeTenant();
    const { byName } = await stagesOf(ctx, "DEAL");
    const deal = await createRecord(ctx, "DEAL", { name: "Big one", amount: "50000" });
    expect(deal.stageId).toBe(byName.Prospecting!.id);
    expect(deal.forecastProbability).toBe("0.1000");

    const { record } = await moveRecord(ctx, "DEAL", deal.id, { toStageId: byName.Negotiation!.id });
    expect(record).toMatchObject({ stageId: byName.Negotiation!.id, forecastProbability: "0.7500", status: "open" });
    expect((record.stageEnteredAt as Date).getTime()).toBeGreaterThanOrEqual((deal.stageEnteredAt as Date).getTime());

    const won = await moveRecord(ctx, "DEAL", deal.id, { toStageId: byName["Closed Won"]!.id, wonReason: "Best fit" });
    expect(won.record).toMatchObject({ status: "won", forecastProbability: "1.0000", wonReason: "Best fit" });
    expect(won.record.closeDate).toBe(new Date().toISOString().slice(0, 10));

    const history = await historyOf(ctx, deal.id);
    expect(history.map((h) => [h.fromStageId, h.toStageId, h.source])).toEqual([
      [null, byName.Prospecting!.id, "USER"],
      [byName.Prospecting!.id, byName.Negotiation!.id, "USER"],
      [byName.Negotiation!.id, byName["Closed Won"]!.id, "USER"],
    ]);
    expect(await eventsOf(ctx, deal.id)).toHaveLength(2);
  });

  it("asks for a lost reason when moving to a DONE_FAILED stage, and changes nothing until given", async () => {
    const { ctx } = await makeTenant();
    const { byName } = await stagesOf(ctx, "DEAL");
    const deal = await createRecord(ctx, "DEAL", { name: "Lost cause" });
    await expect(moveRecord(ctx, "DEAL", deal.id, { toStageId: byName["Closed Lost"]!.id })).rejects.toMatchObject({
      code: "required-fields-missing",
      extensions: { missingFields: ["lostReason"] },
    });
    expect(await historyOf(ctx, deal.id)).toHaveLength(1);
    const { record } = await moveRecord(ctx, "DEAL", deal.id, { toStageId: byName["Closed Lost"]!.id, lostReason: "Budget cut" });
    expect(record).toMatchObject({ status: "lost", lostReason: "Budget cut", forecastProbability: "0.0000" });
  });

  it("refuses a move into a stage whose required fields the deal lacks, naming them", async () => {
    const { ctx } = await makeTenant();
    const { byName } = await stagesOf(ctx, "DEAL");
    await withTenant(ctx, (tx) => tx.update(pipelineStages).set({ requiredFields: ["amount", "closeDate"] }).where(eq(pipelineStages.id, byName.Proposal!.id)));
    const deal = await createRecord(ctx, "DEAL", { name: "Needs data", amount: "10" });
    await expect(moveRecord(ctx, "DEAL", deal.id, { toStageId: byName.Proposal!.id })).rejects.toMatchObject({ code: "required-fields-missing", extensions: { missingFields: ["closeDate"] } });
    const fetched = await withTenant(ctx, (tx) => tx.select().from(stageHistory).where(eq(stageHistory.entityId, deal.id)));
    expect(fetched).toHaveLength(1);
  });
});

describe("moveRecord in the ENFORCED support pipeline", () => {
  it("refuses a skip with the allowed stages, allows one step, and the return from a failed stage", async () => {
    const { ctx } = await makeTenant();
    const { byName } = await stagesOf(ctx, "TICKET");
    const ticket = await createRecord(ctx, "TICKET", { subject: "Printer on fire" });
    await expect(moveRecord(ctx, "TICKET", ticket.id, { toStageId: byName.Resolved!.id })).rejects.toMatchObject({
      code: "movement-not-allowed",
      extensions: { allowedStageIds: [byName["In Progress"]!.id, byName["Closed Unresolved"]!.id] },
    });
    await moveRecord(ctx, "TICKET", ticket.id, { toStageId: byName["In Progress"]!.id });
    await moveRecord(ctx, "TICKET", ticket.id, { toStageId: byName["Closed Unresolved"]!.id });
    await expect(moveRecord(ctx, "TICKET", ticket.id, { toStageId: byName.New!.id })).rejects.toMatchObject({
      code: "movement-not-allowed",
      extensions: { allowedStageIds: [byName["In Progress"]!.id] },
    });
    const back = await moveRecord(ctx, "TICKET", ticket.id, { toStageId: byName["In Progress"]!.id });
    expect(back.record.stageId).toBe(byName["In Progress"]!.id);
  });

  it("refuses a create that names a later stage", async () => {
    const { ctx } = await makeTenant();
    const { byName } = await stagesOf(ctx, "TICKET");
    await expect(createRecord(ctx, "TICKET", { subject: "Skip", stageId: byName.Resolved!.id })).rejects.toMatchObject({ code: "movement-not-allowed" });
  });

  it("lets only an admin force a refused move, with a reason, and records the override", async () => {
    const { ctx, tenantId } = await makeTenant();
    const rep = await makeMember(tenantId, "sales_rep");
    const { byName } = await stagesOf(ctx, "TICKET");
    const ticket = await createRecord(ctx, "TICKET", { subject: "Escalate" });
    await expect(moveRecord(rep.ctx, "TICKET", ticket.id, { toStageId: byName.Resolved!.id, override: true, reason: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(moveRecord(ctx, "TICKET", ticket.id, { toStageId: byName.Resolved!.id, override: true })).rejects.toMatchObject({ code: "validation" });
    // without override an admin is refused like everyone else
    await expect(moveRecord(ctx, "TICKET", ticket.id, { toStageId: byName.Resolved!.id })).rejects.toMatchObject({ code: "movement-not-allowed" });
    await moveRecord(ctx, "TICKET", ticket.id, { toStageId: byName.Resolved!.id, override: true, reason: "Customer confirmed by phone" });
    const last = (await historyOf(ctx, ticket.id)).at(-1)!;
    expect(last).toMatchObject({ toStageId: byName.Resolved!.id, isOverride: true, overrideReason: "Customer confirmed by phone" });
  });

  it("serialises concurrent moves of one record: exactly one of two racing skips from the same stage succeeds", async () => {
    const { ctx } = await makeTenant();
    const { byName } = await stagesOf(ctx, "TICKET");
    const ticket = await createRecord(ctx, "TICKET", { subject: "Race" });
    // both ask New → In Progress; after the first commits, the second is a move to the current stage
    const results = await Promise.allSettled([
      moveRecord(ctx, "TICKET", ticket.id, { toStageId: byName["In Progress"]!.id }),
      moveRecord(ctx, "TICKET", ticket.id, { toStageId: byName["In Progress"]!.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await historyOf(ctx, ticket.id)).toHaveLength(2);
  });

  it("returns exactly the row it wrote, and the event carries the same record (deal won, ticket resolved, reorder)", async () => {
    const { ctx } = await makeTenant();
    const deals_ = await stagesOf(ctx, "DEAL");
    const deal = await createRecord(ctx, "DEAL", { name: "Exact", amount: "10", customFields: {} });
    const readBack = async (id: string, table: typeof deals | typeof tickets) =>
      (await withTenant(ctx, (tx) => tx.select().from(table).where(eq(table.id, id))))[0]!;
    for (const [stage, extra] of [["Negotiation", {}], ["Closed Won", { wonReason: "Fit" }]] as const) {
      const { record } = await moveRecord(ctx, "DEAL", deal.id, { toStageId: deals_.byName[stage]!.id, ...extra });
      expect(record).toEqual(await readBack(deal.id, deals));
      const event = (await eventsOf(ctx, deal.id)).sort((x, y) => x.seq - y.seq).at(-1)!;
      expect(event.payload.record).toEqual(JSON.parse(JSON.stringify(serializeRecord(record))));
    }
    const t = await stagesOf(ctx, "TICKET");
    const ticket = await createRecord(ctx, "TICKET", { subject: "Exact" });
    await moveRecord(ctx, "TICKET", ticket.id, { toStageId: t.byName["In Progress"]!.id });
    await moveRecord(ctx, "TICKET", ticket.id, { toStageId: t.byName["Waiting on Customer"]!.id });
    const resolved = await moveRecord(ctx, "TICKET", ticket.id, { toStageId: t.byName.Resolved!.id });
    expect(resolved.record.resolvedAt).toBeInstanceOf(Date);
    expect(resolved.record).toEqual(await readBack(ticket.id, tickets));
    // re-ordering within the column: position only, no history
    const other = await createRecord(ctx, "TICKET", { subject: "Neighbour" });
    const reorder = await moveRecord(ctx, "TICKET", other.id, { toStageId: t.byName.New!.id, afterId: null, beforeId: null });
    expect(reorder).toMatchObject({ moved: false, historyId: null });
    expect(reorder.record).toEqual(await readBack(other.id, tickets));
    // dropped after or before a neighbour: a key on that side of the neighbour's
    const third = await createRecord(ctx, "TICKET", { subject: "Third" });
    const pos = async (id: string) => (await readBack(id, tickets)).position!;
    const after = await moveRecord(ctx, "TICKET", other.id, { toStageId: t.byName.New!.id, afterId: third.id });
    expect(after.record.position! > (await pos(third.id))).toBe(true);
    const before = await moveRecord(ctx, "TICKET", other.id, { toStageId: t.byName.New!.id, beforeId: third.id });
    expect(before.record.position! < (await pos(third.id))).toBe(true);
    expect(before.record).toEqual(await readBack(other.id, tickets));
  });

  it("100 concurrent moves of one deal: every success is one history row and one event, in an unbroken chain, none lost", async () => {
    const { ctx } = await makeTenant();
    const { byName } = await stagesOf(ctx, "DEAL");
    const open = ["Prospecting", "Qualification", "Proposal", "Negotiation"].map((n) => byName[n]!.id);
    const deal = await createRecord(ctx, "DEAL", { name: "Contested" });
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => moveRecord(ctx, "DEAL", deal.id, { toStageId: open[i % open.length]! })));
    const moved = results.filter((r) => r.status === "fulfilled");
    // a move can only fail by asking for the stage the deal is already in
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "movement-not-allowed" });
    expect(moved.length).toBeGreaterThan(0);

    const history = await historyOf(ctx, deal.id);
    expect(history).toHaveLength(moved.length + 1); // + the create
    const events = (await eventsOf(ctx, deal.id)).sort((x, y) => x.seq - y.seq); // seq follows the row lock
    expect(events).toHaveLength(moved.length);
    let at = byName.Prospecting!.id;
    for (const e of events) {
      expect(e.payload.fromStageId).toBe(at);
      expect(e.payload.toStageId).not.toBe(at);
      at = e.payload.toStageId as string;
    }
    const [row] = await withTenant(ctx, (tx) => tx.select().from(deals).where(eq(deals.id, deal.id)));
    expect(row!.stageId).toBe(at);
  });

  it("cannot move another tenant's record (not found)", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const { byName } = await stagesOf(b.ctx, "DEAL");
    const deal = await createRecord(b.ctx, "DEAL", { name: "B's deal" });
    await expect(moveRecord(a.ctx, "DEAL", deal.id, { toStageId: byName.Qualification!.id })).rejects.toMatchObject({ code: "not-found" });
  });
});

describe("moves that arrive together (one transaction, each move checked on its own)", () => {
  it("writes the allowed ones, one history row and one event each, and nothing for the refused ones", async () => {
    const { ctx } = await makeTenant();
    const { byName } = await stagesOf(ctx, "TICKET"); // ENFORCED
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => createRecord(ctx, "TICKET", { subject: `Together ${i}` })));
    // even ones take one step (allowed); odd ones skip to Resolved (refused)
    const to = (i: number) => (i % 2 ? byName.Resolved! : byName["In Progress"]!).id;
    const results = await Promise.allSettled(all.map((t, i) => moveRecord(ctx, "TICKET", t.id, { toStageId: to(i) })));
    const events: (typeof domainEvents.$inferSelect)[] = [];
    for (const [i, t] of all.entries()) {
      const [row] = await withTenant(ctx, (tx) => tx.select().from(tickets).where(eq(tickets.id, t.id)));
      if (i % 2) {
        expect(results[i]).toMatchObject({ status: "rejected", reason: { code: "movement-not-allowed" } });
        expect(row!.stageId).toBe(byName.New!.id);
        expect(await historyOf(ctx, t.id)).toHaveLength(1);
        expect(await eventsOf(ctx, t.id)).toHaveLength(0);
      } else {
        expect(results[i]).toMatchObject({ status: "fulfilled", value: { moved: true, record: { id: t.id, stageId: to(i) } } });
        expect(row!.stageId).toBe(to(i));
        const history = await historyOf(ctx, t.id);
        expect(history.map((h) => [h.fromStageId, h.toStageId])).toEqual([[null, byName.New!.id], [byName.New!.id, to(i)]]);
        const own = await eventsOf(ctx, t.id);
        expect(own).toHaveLength(1);
        expect(own[0]!.payload).toMatchObject({ fromStageId: byName.New!.id, toStageId: to(i), record: { id: t.id } });
        events.push(own[0]!);
      }
    }
    // moves that waited for a running transaction went together in the next one (the events'
    // xmin: the transaction that wrote them — two transactions may share a now() to the
    // microsecond on a busy machine), and drops at the top of one column in one transaction
    // each got a place of their own
    const writers = await withTenant(ctx, (tx) =>
      tx.select({ id: domainEvents.id, xid: sql<string>`xmin::text` }).from(domainEvents).where(inArray(domainEvents.id, events.map((e) => e.id))),
    );
    const xidOf = new Map(writers.map((w) => [w.id, w.xid]));
    const together = new Map<string, string[]>();
    for (const e of events) together.set(xidOf.get(e.id)!, [...(together.get(xidOf.get(e.id)!) ?? []), (e.payload.record as { position: string }).position]);
    const largest = [...together.values()].sort((a, b) => b.length - a.length)[0]!;
    expect(largest.length).toBeGreaterThan(1);
    expect(new Set(largest).size).toBe(largest.length);
  });

  it("a move whose write fails fails alone; the others it went with are written", async () => {
    const { ctx } = await makeTenant();
    const { byName } = await stagesOf(ctx, "DEAL");
    const all = await Promise.all(Array.from({ length: 8 }, (_, i) => createRecord(ctx, "DEAL", { name: `Batch ${i}` })));
    const doomed = all[5]!;
    const owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
    const fn = `refuse_${doomed.id.replace(/-/g, "")}`;
    try {
      await owner.unsafe(`create function ${fn}() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`);
      await owner.unsafe(`create trigger ${fn} before update on deals for each row when (old.id = '${doomed.id}') execute function ${fn}()`);
      const results = await Promise.allSettled(all.map((d) => moveRecord(ctx, "DEAL", d.id, { toStageId: byName.Qualification!.id })));
      for (const [i, d] of all.entries()) {
        if (d === doomed) {
          expect(results[i]).toMatchObject({ status: "rejected", reason: { message: "refused by the test" } });
          expect(await historyOf(ctx, d.id)).toHaveLength(1);
          expect(await eventsOf(ctx, d.id)).toHaveLength(0);
        } else {
          expect(results[i]).toMatchObject({ status: "fulfilled", value: { moved: true } });
          expect(await historyOf(ctx, d.id)).toHaveLength(2);
          expect(await eventsOf(ctx, d.id)).toHaveLength(1);
        }
      }
    } finally {
      await owner.unsafe(`drop trigger if exists ${fn} on deals; drop function if exists ${fn}()`);
      await owner.end();
    }
  });
});
