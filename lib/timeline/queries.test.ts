import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, deals, pipelineStages, recordChanges, stageHistory } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createActivity } from "@/lib/activities/service";
import { createRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { recordTimeline } from "./queries";
import type { TimelineEntry } from "./types";

const T0 = new Date("2026-02-01T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function stageByName(ctx: TenantContext, name: string) {
  const [s] = await withTenant(ctx, (tx) => tx.select().from(pipelineStages).where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelineStages.name, name))));
  return s!;
}

/** Walks every page; answers the entries in order and the number of pages. */
async function walk(ctx: TenantContext, dealId: string, limit: number) {
  const out: TimelineEntry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await recordTimeline(ctx, "DEAL", dealId, { limit, cursor });
    out.push(...page.data);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10_000);
  return { entries: out, pages };
}

describe("recordTimeline", () => {
  it("merges activities, stage moves, field changes and the creation, newest first, ids breaking ties", async () => {
    const { ctx, userId } = await makeTenant();
    const deal = await createRecord(ctx, "DEAL", { name: "Timeline deal" });
    const prospecting = await stageByName(ctx, "Prospecting");
    const proposal = await stageByName(ctx, "Proposal");
    const call = await createActivity(ctx, { activityType: "CALL", recordType: "DEAL", recordId: deal.id, subject: "Discovery", activityAt: at(1).toISOString() });
    const task = await createActivity(ctx, { activityType: "TASK", recordType: "DEAL", recordId: deal.id, subject: "Send proposal", dueAt: at(60 * 24).toISOString() });
    const note = await createActivity(ctx, { activityType: "NOTE", recordType: "DEAL", recordId: deal.id, subject: "Same minute as the change", activityAt: at(2).toISOString() });
    const { change, move } = await withTenant(ctx, async (tx) => {
      await tx.update(deals).set({ createdAt: T0 }).where(and(eq(deals.tenantId, ctx.tenantId), eq(deals.id, deal.id)));
      await tx.update(stageHistory).set({ changedAt: T0 }).where(and(eq(stageHistory.tenantId, ctx.tenantId), eq(stageHistory.entityId, deal.id)));
      await tx.update(activities).set({ activityAt: at(4) }).where(eq(activities.id, task.id));
      const [c] = await tx
        .insert(recordChanges)
        .values({ tenantId: ctx.tenantId, recordType: "DEAL", recordId: deal.id, changedByUserId: userId, changes: { amount: { from: null, to: "5000.00" } }, changedAt: at(2) })
        .returning();
      const [m] = await tx
        .insert(stageHistory)
        .values({ tenantId: ctx.tenantId, entityType: "DEAL", entityId: deal.id, fromStageId: prospecting.id, toStageId: proposal.id, changedByUserId: userId, changedAt: at(3) })
        .returning();
      return { change: c!, move: m! };
    });
    // another record's entries never show
    const other = await createRecord(ctx, "DEAL", { name: "Other" });
    await createActivity(ctx, { activityType: "NOTE", recordType: "DEAL", recordId: other.id, subject: "Not mine" });

    const { data, nextCursor } = await recordTimeline(ctx, "DEAL", deal.id);
    expect(nextCursor).toBeNull();
    const [tieFirst, tieSecond] = [change.id, note.id].sort().reverse();
    expect(data.map((e) => [e.kind, e.id])).toEqual([
      ["activity", task.id],
      ["stage", move.id],
      [tieFirst === change.id ? "change" : "activity", tieFirst],
      [tieSecond === change.id ? "change" : "activity", tieSecond],
      ["activity", call.id],
      ["created", deal.id],
    ]);
    const byId = Object.fromEntries(data.map((e) => [e.id, e]));
    expect(byId[move.id]).toMatchObject({ kind: "stage", stage: { fromStageName: "Prospecting", toStageName: "Proposal", source: "USER" }, actor: { id: userId } });
    expect(byId[change.id]).toMatchObject({ kind: "change", changes: { amount: { from: null, to: "5000.00" } } });
    expect(byId[task.id]).toMatchObject({ kind: "activity", activity: { activityType: "TASK", subject: "Send proposal", completedAt: null, assignedUserId: userId } });
    expect((byId[task.id] as Extract<TimelineEntry, { kind: "activity" }>).activity.dueAt?.toISOString()).toBe(at(60 * 24).toISOString());
    // the stage it was created in is told by the creation entry, not as a move
    expect(data.at(-1)).toMatchObject({ kind: "created", at: T0, stageName: "Prospecting", actor: { id: userId } });

    // pages of 2 walk the same entries in the same order
    const walked = await walk(ctx, deal.id, 2);
    expect(walked.entries.map((e) => e.id)).toEqual(data.map((e) => e.id));
    expect(walked.pages).toBe(3);
  });

  it("is 404 for another tenant's record and refuses a forged cursor", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const theirs = await createRecord(b.ctx, "DEAL", { name: "B deal" });
    await expect(recordTimeline(a.ctx, "DEAL", theirs.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(recordTimeline(b.ctx, "DEAL", theirs.id, { cursor: "bm9wZQ" })).rejects.toMatchObject({ code: "bad-request" });
  });

  it("pages through 5,000 entries with shared timestamps exactly once, in order, each page fast", async () => {
    const { ctx, userId } = await makeTenant();
    const deal = await createRecord(ctx, "DEAL", { name: "Busy deal" });
    const [s1, s2] = [await stageByName(ctx, "Prospecting"), await stageByName(ctx, "Qualification")];
    // Times repeat across the three sources (i % 700 seconds), and some differ by a microsecond only.
    const time = (i: string) => sql.raw(`timestamptz '2026-01-01' + (${i} % 700) * interval '1 second' + (${i} % 3) * interval '1 microsecond'`);
    await withTenant(ctx, async (tx) => {
      await tx.execute(sql`insert into ${activities} (tenant_id, activity_type, subject, record_type, record_id, activity_at, created_by_user_id)
        select ${ctx.tenantId}, 'NOTE', 'note ' || i, 'DEAL', ${deal.id}, ${time("i")}, ${userId} from generate_series(1, 2000) i`);
      await tx.execute(sql`insert into ${recordChanges} (tenant_id, record_type, record_id, changed_by_user_id, changes, changed_at)
        select ${ctx.tenantId}, 'DEAL', ${deal.id}, ${userId}, jsonb_build_object('amount', jsonb_build_object('from', i, 'to', i + 1)), ${time("i")} from generate_series(1, 2000) i`);
      await tx.execute(sql`insert into ${stageHistory} (tenant_id, entity_type, entity_id, from_stage_id, to_stage_id, changed_by_user_id, changed_at)
        select ${ctx.tenantId}, 'DEAL', ${deal.id}, ${s1.id}, ${s2.id}, ${userId}, ${time("i")} from generate_series(1, 999) i`);
      await tx.execute(sql`analyze ${activities}`);
    });
    // The oracle: every entry's exact time (microseconds) and id, sorted in JS.
    const expected = await withTenant(ctx, async (tx) => {
      const rows = await tx.execute<{ id: string; micros: string }>(sql`
        select id, ((extract(epoch from activity_at) * 1000000)::bigint)::text as micros from ${activities} where tenant_id = ${ctx.tenantId} and record_id = ${deal.id}
        union all select id, ((extract(epoch from changed_at) * 1000000)::bigint)::text from ${recordChanges} where tenant_id = ${ctx.tenantId} and record_id = ${deal.id}
        union all select id, ((extract(epoch from changed_at) * 1000000)::bigint)::text from ${stageHistory} where tenant_id = ${ctx.tenantId} and entity_id = ${deal.id} and from_stage_id is not null
        union all select id, ((extract(epoch from created_at) * 1000000)::bigint)::text from ${deals} where tenant_id = ${ctx.tenantId} and id = ${deal.id}`);
      return [...rows].sort((x, y) => (BigInt(y.micros) === BigInt(x.micros) ? (y.id > x.id ? 1 : -1) : BigInt(y.micros) > BigInt(x.micros) ? 1 : -1)).map((r) => r.id);
    });
    expect(expected).toHaveLength(5000);

    const { entries, pages } = await walk(ctx, deal.id, 50);
    expect(entries.map((e) => e.id)).toEqual(expected);
    expect(new Set(entries.map((e) => e.id)).size).toBe(5000);
    expect(pages).toBe(Math.ceil(5000 / 50));
    // Speed is measured by `npm run bench` (timeline), not asserted here.
  });
});
