// Issue 18's aggregates (migrations analytics_aggregates, analytics_record_counts) against
// the raw computation: the stays equal a re-derivation from stage history and pipeline
// metrics from them equal the metrics from stage history itself; the activity daily counts
// answer activity widgets, and the record counts record widgets, as the raw query does —
// after moves, edits, deletions and restores, a time zone change, and under restricted
// access scopes.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { policyFor, world } from "@/db/testing/access-world";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createActivity, deleteActivity, updateActivity } from "@/lib/activities/service";
import { queryWidget } from "@/lib/dashboards/service";
import type { WidgetQueryInput } from "@/lib/dashboards/schemas";
import { shiftDay } from "@/lib/days";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord, deleteRecord, restoreRecord, updateRecord } from "@/lib/records/service";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { updateWorkspace } from "@/lib/workspace/service";
import { zonedDayOf } from "@/lib/workspace/zone";
import { computeBoardAsOf } from "./board-as-of";
import { verifyAnalyticsCounts } from "./verify";
import { computePipelineMetrics, type PipelineMetrics } from "./metrics";
import { generateDealHistory, prng } from "./testing";

/** The metrics with each stage's average days rounded to 2 places (open stays count up to each statement's now()). */
const comparable = (m: PipelineMetrics) => ({ ...m, stages: m.stages.map((s) => ({ ...s, averageDays: s.averageDays === null ? null : Math.round(s.averageDays * 100) / 100 })) });

async function expectSameMetrics(ctx: TenantContext, pipelineIds: string[], today: string, label: string) {
  const ranges = [{ from: shiftDay(today, -89), to: today }, { from: shiftDay(today, -179), to: shiftDay(today, -60) }, { from: shiftDay(today, -20), to: shiftDay(today, -20) }, {}];
  for (const pipelineId of pipelineIds) {
    for (const range of ranges) {
      const stays = await computePipelineMetrics(ctx, pipelineId, range, "stays");
      const raw = await computePipelineMetrics(ctx, pipelineId, range, "history");
      expect(comparable(stays), `${label} ${pipelineId} ${JSON.stringify(range)}`).toEqual(comparable(raw));
    }
  }
}

/** The board as of instants far enough back to be read from the stays, both ways (every card: limit 500). */
async function expectSameBoards(ctx: TenantContext, pipelineIds: string[], label: string) {
  for (const pipelineId of pipelineIds) {
    for (const days of [40, 95, 150, 199]) {
      const query = { pipelineId, asOf: new Date(Date.now() - days * 86_400_000).toISOString(), limit: 500 };
      const stays = await computeBoardAsOf(ctx, "DEAL", query, "stays");
      expect(stays, `${label} board ${days} days back`).toEqual(await computeBoardAsOf(ctx, "DEAL", query, "history"));
    }
  }
}

/** The tenant's stays as stored, and as derived from stage history and the records now. */
async function staysBothWays(tenantId: string) {
  const system: TenantContext = { tenantId, actor: systemActor() };
  return withTenant(system, async (tx) => {
    const stored = await tx.execute(sql`
      select history_id, entity_id, seq, is_first, pipeline_id, from_stage_id, stage_id, entered_at, exited_at, record_created_at, record_deleted_at
      from analytics_stays where tenant_id = ${tenantId}::uuid order by history_id`);
    const derived = await tx.execute(sql`
      select h.id as history_id, h.entity_id, h.seq, row_number() over w = 1 as is_first, h.pipeline_id, h.from_stage_id, h.to_stage_id as stage_id,
        h.changed_at as entered_at, lead(h.changed_at) over w as exited_at, d.created_at as record_created_at, d.deleted_at as record_deleted_at
      from stage_history h join deals d on d.tenant_id = h.tenant_id and d.id = h.entity_id
      where h.tenant_id = ${tenantId}::uuid and h.entity_type = 'DEAL'
      window w as (partition by h.entity_id order by h.seq) order by h.id`);
    return { stored, derived };
  });
}

describe("pipeline metrics and the board as of a date from the stays", () => {
  it("equal the raw computation from stage history, after moves, edits, deletions and restores, and for a rep who sees only their own deals", async () => {
    const t = await makeTenant("Stays Co");
    await updateWorkspace(t.ctx, { timeZone: "Europe/Berlin" });
    const world = await generateDealHistory(t.ctx, { seed: 46, count: 90, days: 200 });
    const today = zonedDayOf(new Date(), "Europe/Berlin");
    const pipelines = [world.mainPipelineId, world.otherPipelineId];
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
    const live = world.deals.filter((d) => !d.deletedAt);
    // a third of the live deals are the rep's
    for (const d of live.filter((_, i) => i % 3 === 0)) await updateRecord(t.ctx, "DEAL", d.id, { ownedByUserId: rep.userId });
    await policyFor(t.ctx, "sales_rep", "own", "own");

    let both = await staysBothWays(t.tenantId);
    expect(both.stored.length).toBeGreaterThan(world.deals.length);
    expect(both.stored).toEqual(both.derived);
    await expectSameMetrics(t.ctx, pipelines, today, "generated");
    await expectSameMetrics(rep.ctx, pipelines, today, "rep, own scope");
    await expectSameBoards(t.ctx, pipelines, "generated");

    // moves (forward, backward, to the other pipeline's stages are refused: within the pipeline), edits, deletions, restores
    const rnd = prng(7);
    const mainStages = world.stages.filter((s) => s.pipelineId === world.mainPipelineId);
    for (const d of live.slice(0, 12)) {
      const now = d.rows[d.rows.length - 1]!.toStageId;
      if (!mainStages.some((s) => s.id === now)) continue;
      const target = mainStages.filter((s) => s.id !== now)[Math.floor(rnd() * (mainStages.length - 1))]!;
      await moveRecord(t.ctx, "DEAL", d.id, { toStageId: target.id, override: true, reason: "test", lostReason: "test", wonReason: "test" });
    }
    await updateRecord(t.ctx, "DEAL", live[13]!.id, { amount: "123.45" });
    await deleteRecord(t.ctx, "DEAL", live[14]!.id);
    await deleteRecord(t.ctx, "DEAL", live[15]!.id);
    await restoreRecord(t.ctx, "DEAL", live[15]!.id);
    const fresh = await createRecord(t.ctx, "DEAL", { name: "Fresh", amount: "10.00" });
    // history rewritten by hand (an erasure, a correction): the record's stays are derived again
    await withTenant({ tenantId: t.tenantId, actor: systemActor() }, async (tx) => {
      await tx.execute(sql`delete from stage_history where tenant_id = ${t.tenantId}::uuid and entity_id = ${live[16]!.id}::uuid and seq = 1`);
      await tx.execute(sql`update stage_history set changed_at = changed_at - interval '3 days' where tenant_id = ${t.tenantId}::uuid and entity_id = ${live[17]!.id}::uuid`);
    });

    both = await staysBothWays(t.tenantId);
    expect(both.stored).toEqual(both.derived);
    expect(both.stored.some((s) => s.entity_id === fresh.id)).toBe(true);
    // the worker's daily check finds stays written past the triggers (one lost, one wrong, one
    // of no history row) and derives those records again
    expect(await verifyAnalyticsCounts(t.tenantId)).toBe(0);
    await withTenant({ tenantId: t.tenantId, actor: systemActor() }, async (tx) => {
      await tx.execute(sql`delete from analytics_stays where tenant_id = ${t.tenantId}::uuid and entity_id = ${live[18]!.id}::uuid and seq = 1`);
      await tx.execute(sql`update analytics_stays set exited_at = null where tenant_id = ${t.tenantId}::uuid and entity_id = ${live[19]!.id}::uuid and seq = 1`);
      await tx.execute(sql`insert into analytics_stays (tenant_id, history_id, entity_type, entity_id, seq, is_first, entered_at) values (${t.tenantId}::uuid, gen_random_uuid(), 'DEAL', ${live[20]!.id}::uuid, 99, false, now())`);
    });
    expect((await staysBothWays(t.tenantId)).stored).not.toEqual(both.derived);
    expect(await verifyAnalyticsCounts(t.tenantId)).toBe(3);
    both = await staysBothWays(t.tenantId);
    expect(both.stored).toEqual(both.derived);
    expect(await verifyAnalyticsCounts(t.tenantId)).toBe(0);
    expect(both.stored.some((s) => s.entity_id === live[14]!.id && s.record_deleted_at !== null)).toBe(true);
    await expectSameMetrics(t.ctx, pipelines, today, "after changes");
    await expectSameMetrics(rep.ctx, pipelines, today, "rep after changes");
    await expectSameBoards(t.ctx, pipelines, "after changes");
    await expectSameBoards(rep.ctx, pipelines, "rep after changes");
    // the rep's figures are their own: fewer records than the admin's
    const whole = await computePipelineMetrics(t.ctx, world.mainPipelineId, { from: shiftDay(today, -199), to: today });
    const theirs = await computePipelineMetrics(rep.ctx, world.mainPipelineId, { from: shiftDay(today, -199), to: today });
    expect(theirs.created).toBeLessThan(whole.created);
  }, 120_000);
});

const ACTIVITY_QUERIES: WidgetQueryInput[] = [
  { recordType: "activities", period: { field: "activityAt", preset: "last30Days" }, measure: { fn: "count" }, groupBy: [{ by: "activityType" }] },
  { recordType: "activities", measure: { fn: "count" }, groupBy: [{ by: "date", field: "activityAt", bucket: "day" }, { by: "owner" }] },
  { recordType: "activities", period: { field: "activityAt", preset: "thisMonth" }, measure: { fn: "count" }, groupBy: [] },
  { recordType: "activities", period: { field: "activityAt", preset: "last7Days" }, measure: { fn: "count" }, groupBy: [] },
  { recordType: "activities", measure: { fn: "count" }, groupBy: [{ by: "date", field: "activityAt", bucket: "week" }, { by: "group" }] },
];

async function expectSameWidgets(ctx: TenantContext, label: string) {
  for (const q of ACTIVITY_QUERIES) {
    expect(await queryWidget(ctx, q), `${label} ${JSON.stringify(q.groupBy)}`).toEqual(await queryWidget(ctx, q, undefined, { rollup: false }));
  }
}

describe("activity widgets from the daily counts", () => {
  it("equal the raw query after logging, edits, deletions and a time zone change; a rep whose scope is restricted gets the raw query", async () => {
    const t = await makeTenant("Days Co");
    await updateWorkspace(t.ctx, { timeZone: "Asia/Kolkata" });
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
    const contact = await createRecord(t.ctx, "CONTACT", { firstName: "Cora" });
    const theirs = await createRecord(t.ctx, "CONTACT", { firstName: "Rex", ownedByUserId: rep.userId });
    const rnd = prng(18);
    const types = ["CALL", "EMAIL", "MEETING", "NOTE", "TASK"] as const;
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const by = i % 4 === 0 ? rep.ctx : t.ctx;
      const a = await createActivity(by, {
        activityType: types[i % types.length]!,
        recordType: "CONTACT",
        recordId: i % 4 === 0 ? theirs.id : contact.id,
        subject: `Touch ${i}`,
        activityAt: new Date(Date.now() - rnd() * 40 * 86_400_000).toISOString(),
      });
      ids.push(a.id);
    }
    await expectSameWidgets(t.ctx, "logged");

    await updateActivity(t.ctx, ids[1]!, { activityAt: new Date(Date.now() - 35 * 86_400_000).toISOString() });
    await updateActivity(t.ctx, ids[2]!, { subject: "Renamed" });
    await deleteActivity(t.ctx, ids[3]!);
    await expectSameWidgets(t.ctx, "after edits");
    await updateWorkspace(t.ctx, { timeZone: "America/Los_Angeles" });
    await expectSameWidgets(t.ctx, "after a time zone change");

    // the daily counts are what answers: a count planted in them shows for a viewer who sees
    // everything, and not for a rep whose scope is their own records (the raw query)
    const today = zonedDayOf(new Date(), "America/Los_Angeles");
    await withTenant({ tenantId: t.tenantId, actor: systemActor() }, (tx) =>
      tx.execute(sql`insert into analytics_activity_days (tenant_id, day, activity_type, created_by_user_id, assigned_group_id, n) values (${t.tenantId}::uuid, ${today}::date, 'CALL', null, null, 1000)`),
    );
    const kpi = ACTIVITY_QUERIES[3]!;
    const planted = await queryWidget(t.ctx, kpi);
    const raw = await queryWidget(t.ctx, kpi, undefined, { rollup: false });
    expect(planted.rows[0]!.value).toBe(raw.rows[0]!.value! + 1000);
    await policyFor(t.ctx, "sales_rep", "own", "own");
    const repView = await queryWidget(rep.ctx, kpi);
    expect(repView).toEqual(await queryWidget(rep.ctx, kpi, undefined, { rollup: false }));
    expect(repView.rows[0]!.value).toBeLessThan(raw.rows[0]!.value!);
    // the database holds it too: the rep reads no counts even with no check in the query,
    // and still logs activities (the counts are kept past their scope)
    const read = () => withTenant(rep.ctx, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from analytics_activity_days`));
    expect((await read())[0]!.n).toBe(0);
    await createActivity(rep.ctx, { activityType: "CALL", recordType: "CONTACT", recordId: theirs.id, subject: "After the policy" });
    expect((await queryWidget(t.ctx, kpi)).rows[0]!.value).toBe(planted.rows[0]!.value! + 1);
    // the worker's daily check takes the planted count out again
    expect(await verifyAnalyticsCounts(t.tenantId)).toBe(1);
    expect(await queryWidget(t.ctx, kpi)).toEqual(await queryWidget(t.ctx, kpi, undefined, { rollup: false }));
    await expectSameWidgets(t.ctx, "after the check");
    expect(await verifyAnalyticsCounts(t.tenantId)).toBe(0);
  }, 60_000);
});

const RECORD_QUERIES: WidgetQueryInput[] = [
  { recordType: "contacts", measure: { fn: "count" }, groupBy: [{ by: "owner" }] },
  { recordType: "contacts", measure: { fn: "count" }, groupBy: [{ by: "tag" }] },
  { recordType: "contacts", measure: { fn: "count" }, groupBy: [{ by: "owner" }, { by: "tag" }] },
  { recordType: "companies", measure: { fn: "count" }, groupBy: [{ by: "group" }] },
  { recordType: "leads", measure: { fn: "count" }, groupBy: [] },
  { recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "tag" }, { by: "owner" }] },
  { recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "group" }] },
];

async function expectSameRecordWidgets(ctx: TenantContext, label: string) {
  for (const q of RECORD_QUERIES) {
    expect(await queryWidget(ctx, q), `${label} ${q.recordType} ${JSON.stringify(q.groupBy)}`).toEqual(await queryWidget(ctx, q, undefined, { rollup: false }));
  }
}

describe("record widgets from the record counts", () => {
  it("equal the raw query after creates, owner, group, assignee and tag changes, deletions and restores, for every scope", async () => {
    const { t, users, records } = await world();
    await policyFor(t.ctx, "sales_rep", "own", "own");
    await policyFor(t.ctx, "manager", "team", "team");
    const viewers: [TenantContext, string][] = [[t.ctx, "admin"], [users.sales_rep.ctx, "rep, own"], [users.manager.ctx, "manager, team"]];
    const check = async (label: string) => {
      for (const [ctx, who] of viewers) await expectSameRecordWidgets(ctx, `${label}, ${who}`);
    };
    await check("created");

    const [c0, c1, c2, c3, c4] = records.CONTACT;
    await updateRecord(t.ctx, "CONTACT", c0!.id, { tags: ["vip", "emea"] });
    await updateRecord(t.ctx, "CONTACT", c1!.id, { tags: ["vip"] });
    await updateRecord(t.ctx, "CONTACT", c2!.id, { ownedByUserId: users.sales_rep.userId, tags: ["emea"] });
    await updateRecord(t.ctx, "CONTACT", c1!.id, { tags: [] });
    await deleteRecord(t.ctx, "CONTACT", c3!.id);
    await deleteRecord(t.ctx, "CONTACT", c4!.id);
    await restoreRecord(t.ctx, "CONTACT", c4!.id);
    await updateRecord(t.ctx, "COMPANY", records.COMPANY[0]!.id, { ownedByGroupId: records.COMPANY[5]!.owners[1]! });
    const [d0, d1] = records.DEAL;
    await updateRecord(t.ctx, "DEAL", d0!.id, { assignedUserId: users.manager.userId, tags: ["big"] });
    await updateRecord(t.ctx, "DEAL", d1!.id, { ownedByUserId: null, tags: ["big", "renewal"] });
    await deleteRecord(t.ctx, "LEAD", records.LEAD[0]!.id);
    await createRecord(users.sales_rep.ctx, "CONTACT", { firstName: "Rex", tags: ["vip"] });
    // a hard delete (an erasure) leaves the counts as a soft one does
    await withTenant({ tenantId: t.tenantId, actor: systemActor() }, (tx) => tx.execute(sql`delete from contacts where tenant_id = ${t.tenantId}::uuid and id = ${records.CONTACT[6]!.id}::uuid`));
    await check("after changes");

    // the counts are what answers: a count planted in them shows; the rep's figures are fewer
    const kpi: WidgetQueryInput = { recordType: "leads", measure: { fn: "count" }, groupBy: [] };
    const raw = await queryWidget(t.ctx, kpi, undefined, { rollup: false });
    await withTenant({ tenantId: t.tenantId, actor: systemActor() }, (tx) =>
      tx.execute(sql`insert into analytics_record_counts (tenant_id, record_type, tagged, owned_by_user_id, n) values (${t.tenantId}::uuid, 'LEAD', false, ${users.manager.userId}::uuid, 1000)`),
    );
    expect((await queryWidget(t.ctx, kpi)).rows[0]!.value).toBe(raw.rows[0]!.value! + 1000);
    const repRaw = await queryWidget(users.sales_rep.ctx, kpi, undefined, { rollup: false });
    expect(repRaw.rows[0]!.value).toBeLessThan(raw.rows[0]!.value!);
    // the database holds the scope: the rep reads only their records' rows, with no check in the query
    expect((await queryWidget(users.sales_rep.ctx, kpi)).rows[0]!.value).toBe(repRaw.rows[0]!.value);
    const owners = await withTenant(users.sales_rep.ctx, (tx) => tx.execute<{ o: string | null; g: string | null }>(sql`select distinct owned_by_user_id::text as o, owned_by_group_id::text as g from analytics_record_counts where record_type = 'CONTACT'`));
    expect(owners.length).toBeGreaterThan(0);
    for (const r of owners) expect(r.o === users.sales_rep.userId || r.g !== null).toBe(true);

    // the worker's daily check finds the planted count and a lost one, and puts both right
    await withTenant({ tenantId: t.tenantId, actor: systemActor() }, (tx) =>
      tx.execute(sql`delete from analytics_record_counts where tenant_id = ${t.tenantId}::uuid and record_type = 'CONTACT' and tagged and tag = 'vip'`),
    );
    expect(await queryWidget(t.ctx, RECORD_QUERIES[1]!)).not.toEqual(await queryWidget(t.ctx, RECORD_QUERIES[1]!, undefined, { rollup: false }));
    expect(await verifyAnalyticsCounts(t.tenantId)).toBeGreaterThanOrEqual(2);
    await check("after the check");
    expect((await queryWidget(t.ctx, kpi)).rows[0]!.value).toBe(raw.rows[0]!.value);
    expect(await verifyAnalyticsCounts(t.tenantId)).toBe(0);
  }, 120_000);
});
