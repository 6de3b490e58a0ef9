import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deals, pipelines, pipelineStages } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { listBoardPipelines, loadBoard, loadColumnPage, pickPipeline } from "./queries";
import type { BoardData } from "./types";

async function salesPipeline(ctx: TenantContext, objectType: "DEAL" | "TICKET" = "DEAL") {
  return withTenant(ctx, async (tx) => {
    const [p] = await tx.select().from(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, objectType), eq(pipelines.isDefault, true)));
    const stages = await tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, p!.id)).orderBy(asc(pipelineStages.displayOrder));
    return { pipelineId: p!.id, byName: Object.fromEntries(stages.map((s) => [s.name, s])) };
  });
}

const column = (board: BoardData, stageId: string) => board.columns.find((c) => c.stageId === stageId)!;

describe("loadBoard", () => {
  it("counts, sums and weights amounts per stage (per currency) in SQL", async () => {
    const { ctx } = await makeTenant();
    const { pipelineId, byName } = await salesPipeline(ctx);
    await createRecord(ctx, "DEAL", { name: "A", amount: "1000.00" });
    await createRecord(ctx, "DEAL", { name: "B", amount: "250.50" });
    await createRecord(ctx, "DEAL", { name: "No amount" });
    const c = await createRecord(ctx, "DEAL", { name: "C", amount: "4000" });
    const d = await createRecord(ctx, "DEAL", { name: "D", amount: "100", currency: "EUR" });
    await moveRecord(ctx, "DEAL", c.id, { toStageId: byName.Qualification!.id });
    await moveRecord(ctx, "DEAL", d.id, { toStageId: byName.Qualification!.id });

    const board = await loadBoard(ctx, "DEAL", pipelineId);
    expect(board.columns.map((col) => col.stageId)).toEqual(Object.values(byName).map((s) => s.id));
    const prospecting = column(board, byName.Prospecting!.id);
    expect(prospecting.count).toBe(3);
    // 1250.50 × 0.10 = 125.05
    expect(prospecting.totals).toEqual([{ currency: "USD", amount: "1250.50", weighted: "125.05" }]);
    const qualification = column(board, byName.Qualification!.id);
    expect(qualification.count).toBe(2);
    expect(qualification.totals).toEqual([
      { currency: "EUR", amount: "100.00", weighted: "25.00" },
      { currency: "USD", amount: "4000.00", weighted: "1000.00" },
    ]);
    expect(column(board, byName.Proposal!.id)).toMatchObject({ count: 0, totals: [], cards: [], nextCursor: null });
  });

  it("sends key fields only; required-field presence only when some stage requires fields", async () => {
    const { ctx, userId } = await makeTenant();
    const { pipelineId, byName } = await salesPipeline(ctx);
    await createRecord(ctx, "DEAL", {
      name: "Key fields",
      amount: "10",
      closeDate: "2030-01-31",
      tags: ["vip"],
      dealType: "NEW",
    });
    // a bulky value the board must not carry
    await withTenant(ctx, (tx) => tx.update(deals).set({ customFields: { notes: "x".repeat(5000) }, lostReason: "y".repeat(300) }).where(eq(deals.tenantId, ctx.tenantId)));
    let board = await loadBoard(ctx, "DEAL", pipelineId);
    const [card] = column(board, byName.Prospecting!.id).cards;
    expect(Object.keys(card!).sort()).toEqual(
      ["amount", "closeDate", "currency", "daysInStage", "id", "ownerId", "ownerInitials", "stageEnteredAt", "stalled", "tags", "title"].sort(),
    );
    expect(card).toMatchObject({ title: "Key fields", amount: "10.00", currency: "USD", closeDate: "2030-01-31", ownerId: userId, tags: ["vip"], daysInStage: 0, stalled: false });
    expect(card!.ownerInitials).toMatch(/^[A-Z?]{1,2}$/);
    expect(card!.stageEnteredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(JSON.stringify(board)).not.toContain("xxxxx");
    expect(JSON.stringify(board)).not.toContain("yyyyy");

    await withTenant(ctx, (tx) => tx.update(pipelineStages).set({ requiredFields: ["amount", "closeDate", "customFields.budget"] }).where(eq(pipelineStages.id, byName.Proposal!.id)));
    board = await loadBoard(ctx, "DEAL", pipelineId);
    expect(column(board, byName.Prospecting!.id).cards[0]!.fields).toEqual({ amount: true, closeDate: true, customFields: { budget: null } });
  });

  it("marks stalled cards and gives cards in a DONE_FAILED stage the stage to return to", async () => {
    const { ctx } = await makeTenant();
    const { pipelineId, byName } = await salesPipeline(ctx);
    const stale = await createRecord(ctx, "DEAL", { name: "Stale" });
    const lost = await createRecord(ctx, "DEAL", { name: "Lost" });
    await withTenant(ctx, (tx) => tx.update(deals).set({ stageEnteredAt: sql`now() - interval '20 days'` }).where(eq(deals.id, stale.id)));
    await moveRecord(ctx, "DEAL", lost.id, { toStageId: byName.Proposal!.id });
    await moveRecord(ctx, "DEAL", lost.id, { toStageId: byName["Closed Lost"]!.id, lostReason: "Price" });
    const board = await loadBoard(ctx, "DEAL", pipelineId);
    // Prospecting expects 14 days
    expect(column(board, byName.Prospecting!.id).cards[0]).toMatchObject({ title: "Stale", daysInStage: 20, stalled: true });
    expect(column(board, byName["Closed Lost"]!.id).cards[0]).toMatchObject({ title: "Lost", returnStageId: byName.Proposal!.id });
    expect(column(board, byName.Prospecting!.id).cards[0]).not.toHaveProperty("returnStageId");
  });

  it("walks a column exactly once with load more, in board order (position nulls last, then newest)", async () => {
    const { ctx } = await makeTenant();
    const { pipelineId, byName } = await salesPipeline(ctx);
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push((await createRecord(ctx, "DEAL", { name: `Deal ${i}` })).id);
    // imported-looking data: some cards without a position, two sharing one
    await withTenant(ctx, async (tx) => {
      await tx.update(deals).set({ position: null }).where(sql`${deals.id} in (${sql.join(ids.slice(0, 5).map((id) => sql`${id}::uuid`), sql`, `)})`);
      await tx.update(deals).set({ position: "a0" }).where(sql`${deals.id} in (${ids[10]!}::uuid, ${ids[11]!}::uuid)`);
    });
    const expected = await withTenant(ctx, (tx) =>
      tx
        .select({ id: deals.id })
        .from(deals)
        .where(eq(deals.stageId, byName.Prospecting!.id))
        .orderBy(sql`${deals.position} asc nulls last`, sql`${deals.createdAt} desc`, sql`${deals.id} desc`),
    );
    const board = await loadBoard(ctx, "DEAL", pipelineId, {}, { limit: 4 });
    const first = column(board, byName.Prospecting!.id);
    expect(first.count).toBe(23);
    const seen = first.cards.map((c) => c.id);
    let cursor = first.nextCursor;
    let pages = 1;
    while (cursor) {
      const page = await loadColumnPage(ctx, "DEAL", { pipelineId, stageId: byName.Prospecting!.id, cursor, limit: 4 });
      seen.push(...page.cards.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(6);
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(new Set(seen).size).toBe(23);
  });

  it("keeps per-column counts that load more reached when asked (refetch after a live update)", async () => {
    const { ctx } = await makeTenant();
    const { pipelineId, byName } = await salesPipeline(ctx);
    for (let i = 0; i < 6; i++) await createRecord(ctx, "DEAL", { name: `Deal ${i}` });
    const board = await loadBoard(ctx, "DEAL", pipelineId, {}, { limit: 2, limits: { [byName.Prospecting!.id]: 5 } });
    expect(column(board, byName.Prospecting!.id).cards).toHaveLength(5);
    expect(column(board, byName.Prospecting!.id).nextCursor).not.toBeNull();
  });

  it("filters by owner (a user or me), tag, text and close date; counts follow the filters", async () => {
    const { ctx, tenantId } = await makeTenant();
    const rep = await makeMember(tenantId, "sales_rep", "Rita Rep");
    const { pipelineId, byName } = await salesPipeline(ctx);
    await createRecord(ctx, "DEAL", { name: "Alpha renewal", tags: ["renewal"], closeDate: "2030-01-10", amount: "100" });
    await createRecord(ctx, "DEAL", { name: "Beta", closeDate: "2030-03-01", amount: "200" });
    await createRecord(rep.ctx, "DEAL", { name: "Gamma renewal", tags: ["renewal", "vip"], amount: "300" });
    const titles = async (filters: Parameters<typeof loadBoard>[3], as = ctx) => {
      const board = await loadBoard(as, "DEAL", pipelineId, filters);
      const col = column(board, byName.Prospecting!.id);
      expect(col.count).toBe(col.cards.length);
      return col.cards.map((c) => c.title).sort();
    };
    expect(await titles({})).toEqual(["Alpha renewal", "Beta", "Gamma renewal"]);
    expect(await titles({ owner: "me" })).toEqual(["Alpha renewal", "Beta"]);
    expect(await titles({ owner: "me" }, rep.ctx)).toEqual(["Gamma renewal"]);
    expect(await titles({ owner: rep.userId })).toEqual(["Gamma renewal"]);
    expect(await titles({ tag: "renewal" })).toEqual(["Alpha renewal", "Gamma renewal"]);
    expect(await titles({ tag: "vip" })).toEqual(["Gamma renewal"]);
    expect(await titles({ q: "RENEW" })).toEqual(["Alpha renewal", "Gamma renewal"]);
    expect(await titles({ q: "100%" })).toEqual([]);
    expect(await titles({ closeFrom: "2030-01-01", closeTo: "2030-01-31" })).toEqual(["Alpha renewal"]);
    expect(await titles({ closeFrom: "2030-02-01" })).toEqual(["Beta"]);
    const board = await loadBoard(ctx, "DEAL", pipelineId, { tag: "renewal" });
    expect(column(board, byName.Prospecting!.id).totals).toEqual([{ currency: "USD", amount: "400.00", weighted: "40.00" }]);
    expect(board.members.map((m) => m.name)).toContain("Rita Rep");
    expect(board.members.find((m) => m.name === "Rita Rep")!.initials).toBe("RR");
  });

  it("never shows another tenant's records or pipelines", async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const pa = await salesPipeline(a.ctx);
    const pb = await salesPipeline(b.ctx);
    await createRecord(a.ctx, "DEAL", { name: "A's deal", amount: "1" });
    await createRecord(b.ctx, "DEAL", { name: "B's deal", amount: "1000" });
    const board = await loadBoard(a.ctx, "DEAL", pa.pipelineId);
    expect(JSON.stringify(board)).not.toContain("B's deal");
    expect(column(board, pa.byName.Prospecting!.id)).toMatchObject({ count: 1, totals: [{ amount: "1.00" }] });
    expect(board.members).toHaveLength(1);
    await expect(loadBoard(a.ctx, "DEAL", pb.pipelineId)).rejects.toMatchObject({ code: "not-found" });
    // load more with B's pipeline, stage and a real cursor of B's column: still not found for A
    await createRecord(b.ctx, "DEAL", { name: "B's other deal" });
    const bBoard = await loadBoard(b.ctx, "DEAL", pb.pipelineId, {}, { limit: 1 });
    const cursor = column(bBoard, pb.byName.Prospecting!.id).nextCursor!;
    expect(cursor).toBeTruthy();
    await expect(loadColumnPage(a.ctx, "DEAL", { pipelineId: pb.pipelineId, stageId: pb.byName.Prospecting!.id, cursor })).rejects.toMatchObject({ code: "not-found" });
    // and A's own column walked with B's cursor finds none of B's cards
    const page = await loadColumnPage(a.ctx, "DEAL", { pipelineId: pa.pipelineId, stageId: pa.byName.Prospecting!.id, cursor });
    expect(JSON.stringify(page)).not.toContain("B's");
    expect((await listBoardPipelines(a.ctx, "DEAL")).map((p) => p.id)).toEqual([pa.pipelineId]);
  });

  it("lists active pipelines and picks the requested, else the default", async () => {
    const { ctx } = await makeTenant();
    const { pipelineId } = await salesPipeline(ctx, "TICKET");
    const options = await listBoardPipelines(ctx, "TICKET");
    expect(options).toEqual([{ id: pipelineId, name: "Support", isDefault: true }]);
    expect(pickPipeline(options, "nope")?.id).toBe(pipelineId);
    expect(pickPipeline([], null)).toBeNull();
  });

  it("keeps a column-heavy board small: 8 columns of 2,000 deals each stay under 150 KB", async () => {
    const { ctx, userId } = await makeTenant();
    const { pipelineId, byName } = await salesPipeline(ctx);
    await withTenant(ctx, async (tx) => {
      await tx.insert(pipelineStages).values([
        { tenantId: ctx.tenantId, pipelineId, name: "Legal review", displayOrder: 6, probability: "0.80", requiredFields: ["amount", "closeDate"] },
        { tenantId: ctx.tenantId, pipelineId, name: "Procurement", displayOrder: 7, probability: "0.90", expectedDays: 7 },
      ]);
      // 16,000 deals with long names, tags and a bulky custom field the board must not send
      await tx.execute(sql`
        insert into deals (tenant_id, name, amount, currency, close_date, tags, custom_fields, pipeline_id, stage_id, stage_entered_at, position, owned_by_user_id)
        select ${ctx.tenantId}::uuid, 'Enterprise platform expansion for customer number ' || g, (g % 997) * 100.5, 'USD',
          current_date + (g % 90), array['enterprise', 'q' || (g % 4 + 1), 'renewal'], jsonb_build_object('notes', repeat('x', 400)),
          ${pipelineId}::uuid, s.id, now() - ((g % 40) || ' days')::interval, 'a' || lpad(g::text, 6, '0'), ${userId}::uuid
        from generate_series(1, 2000) g cross join pipeline_stages s where s.pipeline_id = ${pipelineId}::uuid`);
    });
    const started = performance.now();
    const board = await loadBoard(ctx, "DEAL", pipelineId);
    const ms = performance.now() - started;
    const bytes = Buffer.byteLength(JSON.stringify(board));
    console.info(`[board payload] 8 columns × 2,000 deals: ${(bytes / 1024).toFixed(1)} KB JSON, loaded in ${ms.toFixed(0)} ms`);
    expect(board.columns).toHaveLength(8);
    expect(board.columns.every((c) => c.count === 2000 && c.cards.length === 25 && c.nextCursor)).toBe(true);
    expect(column(board, byName.Prospecting!.id).totals[0]!.amount).toBe("99799816.50");
    expect(bytes).toBeLessThan(150 * 1024);
  });

  it("gives ticket cards their priority and no money", async () => {
    const { ctx } = await makeTenant();
    const { pipelineId, byName } = await salesPipeline(ctx, "TICKET");
    await createRecord(ctx, "TICKET", { subject: "Printer", priority: "urgent" });
    const board = await loadBoard(ctx, "TICKET", pipelineId);
    const col = column(board, byName.New!.id);
    expect(col).toMatchObject({ count: 1, totals: [] });
    expect(col.cards[0]).toMatchObject({ title: "Printer", priority: "urgent" });
    expect(col.cards[0]).not.toHaveProperty("amount");
  });
});
