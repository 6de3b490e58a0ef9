// The board as of an instant, replayed from stage history, equals the board as it was
// loaded at that instant (a snapshot taken in the test), after later moves, reopenings,
// deletions and creations; and over a generated history, each record's replayed stage is
// the one its own rows say.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { loadBoard } from "@/lib/board/queries";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord, deleteRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { boardAsOf } from "./board-as-of";
import { generateDealHistory, stageAt } from "./testing";

/** The database's clock now, so that every later transaction's now() is after it. */
const dbNow = (ctx: TenantContext) => withTenant(ctx, async (tx) => new Date(String((await tx.execute<{ t: string }>(sql`select clock_timestamp()::text as t`))[0]!.t)));

async function snapshot(ctx: TenantContext, pipelineId: string) {
  const board = await loadBoard(ctx, "DEAL", pipelineId, {}, { limit: 200 });
  return board.columns.map((c) => ({
    stageId: c.stageId,
    count: c.count,
    amount: c.totals.reduce((s, t) => s + Number(t.amount), 0).toFixed(2),
    ids: c.cards.map((x) => x.id).sort(),
  }));
}

const replayed = (b: Awaited<ReturnType<typeof boardAsOf>>) => b.stages.map((s) => ({ stageId: s.stageId, count: s.count, amount: s.amount, ids: s.records.map((r) => r.id).sort() }));

describe("boardAsOf", () => {
  it("replays the board as it was loaded at an earlier instant", async () => {
    const t = await makeTenant("As Of Co");
    const a = await createRecord(t.ctx, "DEAL", { name: "A", amount: "100.00" });
    const pipelineId = a.pipelineId as string;
    const board = await loadBoard(t.ctx, "DEAL", pipelineId, {}, { limit: 1 });
    const [, qualification, proposal, negotiation, won, lost] = board.pipeline.stages.map((s) => s.id);
    const b = await createRecord(t.ctx, "DEAL", { name: "B", amount: "250.50" });
    const c = await createRecord(t.ctx, "DEAL", { name: "C", amount: "40.00" });
    await moveRecord(t.ctx, "DEAL", a.id, { toStageId: proposal! });
    await moveRecord(t.ctx, "DEAL", b.id, { toStageId: won! });
    const before = await snapshot(t.ctx, pipelineId);
    const at = await dbNow(t.ctx);

    // after the snapshot: moves forward and back, a reopened deal, a deletion, a new deal
    await moveRecord(t.ctx, "DEAL", a.id, { toStageId: negotiation! });
    await moveRecord(t.ctx, "DEAL", a.id, { toStageId: qualification! });
    await moveRecord(t.ctx, "DEAL", b.id, { toStageId: proposal! });
    await moveRecord(t.ctx, "DEAL", c.id, { toStageId: lost!, lostReason: "budget" });
    await deleteRecord(t.ctx, "DEAL", c.id);
    await createRecord(t.ctx, "DEAL", { name: "D", amount: "9.00" });

    const asOf = await boardAsOf(t.ctx, "DEAL", { pipelineId, asOf: at.toISOString() });
    expect(replayed(asOf)).toEqual(before);
    expect(asOf.asOf).toBe(at.toISOString());
    // cards that moved since are marked, with where they are now
    const cards = asOf.stages.flatMap((s) => s.records);
    expect(cards.find((x) => x.id === a.id)).toMatchObject({ movedSince: true, stageIdNow: qualification, name: "A" });
    expect(cards.find((x) => x.id === c.id)).toMatchObject({ movedSince: true, stageIdNow: null });
    // and today's board is what the replay answers for now
    expect(replayed(await boardAsOf(t.ctx, "DEAL", { pipelineId }))).toEqual(await snapshot(t.ctx, pipelineId));
    // before anything existed: every stage, all empty
    const empty = await boardAsOf(t.ctx, "DEAL", { pipelineId, asOf: "2000-01-01T00:00:00Z" });
    expect(empty.stages).toHaveLength(6);
    expect(empty.stages.every((s) => s.count === 0 && s.amount === "0.00" && s.records.length === 0)).toBe(true);
  });

  it("places every generated record where its own history says, at many instants", async () => {
    const t = await makeTenant("Replay Co");
    const now = new Date();
    const world = await generateDealHistory(t.ctx, { seed: 7, count: 80, days: 200, now });
    for (const daysBack of [0.5, 10, 45, 100, 150, 199]) {
      const at = new Date(now.getTime() - daysBack * 86_400_000);
      for (const pipelineId of [world.mainPipelineId, world.otherPipelineId]) {
        const got = await boardAsOf(t.ctx, "DEAL", { pipelineId, asOf: at.toISOString(), limit: 200 });
        const stageIds = new Set(world.stages.filter((s) => s.pipelineId === pipelineId).map((s) => s.id));
        const want = new Map<string, string[]>();
        for (const d of world.deals) {
          if (d.createdAt >= at || (d.deletedAt && d.deletedAt <= at)) continue;
          const row = stageAt(d, at);
          if (row && stageIds.has(row.toStageId)) want.set(row.toStageId, [...(want.get(row.toStageId) ?? []), d.id]);
        }
        const byId = new Map(world.deals.map((d) => [d.id, d]));
        for (const s of got.stages) {
          expect(s.records.map((r) => r.id).sort(), `${daysBack} days back`).toEqual((want.get(s.stageId) ?? []).sort());
          expect(s.count).toBe(want.get(s.stageId)?.length ?? 0);
          // moved since: a history row after the instant, or deleted since
          for (const r of s.records) {
            const d = byId.get(r.id)!;
            expect(r.movedSince, `${daysBack} days back, ${r.id}`).toBe(!!d.deletedAt || d.rows[d.rows.length - 1]!.changedAt >= at);
          }
        }
      }
    }
  }, 60_000);

  it("is a 404 for an unknown pipeline or one of another type", async () => {
    const t = await makeTenant("Nf Co");
    const lead = await createRecord(t.ctx, "LEAD", { firstName: "L" });
    await expect(boardAsOf(t.ctx, "DEAL", { pipelineId: lead.pipelineId as string })).rejects.toMatchObject({ code: "not-found" });
    await expect(boardAsOf(t.ctx, "DEAL", { pipelineId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "not-found" });
    const leadsBoard = await boardAsOf(t.ctx, "LEAD", {});
    expect(leadsBoard.stages.flatMap((s) => s.records)).toEqual([expect.objectContaining({ id: lead.id, name: "L", amount: null, movedSince: false })]);
  });
});
