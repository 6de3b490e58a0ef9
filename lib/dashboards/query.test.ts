// The widget query builder against Postgres: each measure and each group-by, compared with
// the same figure computed in plain TypeScript over the rows the test inserts; buckets in the
// workspace's time zone (Los Angeles); a drill-down filter finds exactly the group's records;
// a rep whose role reads "own" records counts only theirs; bad definitions are 422s.
import { startOfISOWeek, format, parseISO } from "date-fns";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, deals, leads, pipelines, pipelineStages } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { policyFor } from "@/db/testing/access-world";
import { createCustomField } from "@/lib/custom-fields/service";
import { compileFilter } from "@/lib/filters/compile";
import { createGroup } from "@/lib/tenancy/groups";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { updateWorkspace } from "@/lib/workspace/service";
import { zonedDayOf } from "@/lib/workspace/zone";
import { drillFilter } from "./drill";
import { queryWidget } from "./service";
import { widgetQuerySchema, type WidgetQueryInput } from "./schemas";

const TZ = "America/Los_Angeles";
const NOW = new Date("2026-03-15T18:00:00Z");

interface Row {
  id: string;
  owner: string | null;
  group: string | null;
  stageId: string;
  pipelineId: string;
  amount: number | null;
  prob: number | null;
  dealType: string | null;
  tags: string[];
  createdAt: Date;
  closeDate: string | null;
  segment?: string;
  regions?: string[];
  seats?: number | string;
  deleted: boolean;
}

let t: Awaited<ReturnType<typeof makeTenant>>;
let rep: Awaited<ReturnType<typeof makeMember>>;
let other: Awaited<ReturnType<typeof makeMember>>;
let groupId: string;
const rows: Row[] = [];
const stageProb = new Map<string, number>();
const stageName = new Map<string, string>();
const leadRows: { source: string | null; owner: string | null }[] = [];
const actRows: { type: string; at: Date }[] = [];

beforeAll(async () => {
  t = await makeTenant("Widget Co");
  await updateWorkspace(t.ctx, { timeZone: TZ });
  rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
  other = await makeMember(t.tenantId, "sales_rep", "Olaf Other");
  groupId = (await createGroup(t.ctx, { name: "West", memberUserIds: [other.userId] })).id;
  await createCustomField(t.ctx, { objectType: "DEAL", label: "Segment", key: "segment", fieldType: "SELECT", options: ["SMB", "ENT"] });
  await createCustomField(t.ctx, { objectType: "DEAL", label: "Regions", key: "regions", fieldType: "MULTI_SELECT", options: ["EU", "US", "APAC"] });
  await createCustomField(t.ctx, { objectType: "DEAL", label: "Seats", key: "seats", fieldType: "NUMBER" });
  await withTenant(t.ctx, async (tx) => {
    const ps = await tx.select().from(pipelineStages).where(eq(pipelineStages.tenantId, t.tenantId));
    const [pipe] = await tx.select().from(pipelines).where(and(eq(pipelines.tenantId, t.tenantId), eq(pipelines.objectType, "DEAL")));
    const stages = ps.filter((s) => s.pipelineId === pipe!.id);
    for (const s of ps) {
      stageProb.set(s.id, Number(s.probability));
      stageName.set(s.id, s.name);
    }
    const owners = [t.userId, rep.userId, other.userId, null];
    const tagSets = [[], ["hot"], ["hot", "vip"], ["vip"]];
    // created at instants around LA's month and week edges
    const instants = ["2026-01-01T07:59:00Z", "2026-01-01T08:00:00Z", "2026-02-01T07:30:00Z", "2026-02-14T12:00:00Z", "2026-03-02T08:00:00Z", "2026-03-02T07:00:00Z", "2026-03-15T12:00:00Z", "2025-12-20T00:00:00Z"];
    for (let i = 0; i < 24; i++) {
      const r: Row = {
        id: "",
        owner: owners[i % 4]!,
        group: i % 5 === 0 ? groupId : null,
        stageId: stages[i % stages.length]!.id,
        pipelineId: pipe!.id,
        amount: i % 7 === 6 ? null : 100 * (i + 1) + 0.5,
        prob: i % 3 === 0 ? null : (i % 10) / 10,
        dealType: i % 6 === 5 ? null : ["NEW", "RENEWAL", "UPSELL"][i % 3]!,
        tags: tagSets[i % 4]!,
        createdAt: new Date(instants[i % instants.length]!),
        closeDate: i % 4 === 3 ? null : `2026-0${1 + (i % 3)}-${String(1 + i).padStart(2, "0")}`,
        segment: i % 3 === 2 ? undefined : i % 2 ? "ENT" : "SMB",
        regions: i % 4 === 0 ? undefined : [["EU"], ["EU", "US"], ["APAC"]][i % 3],
        seats: i % 5 === 4 ? "12" : i % 5 === 3 ? undefined : i,
        deleted: i === 23,
      };
      const custom: Record<string, unknown> = {};
      if (r.segment) custom.segment = r.segment;
      if (r.regions) custom.regions = r.regions;
      if (r.seats !== undefined) custom.seats = r.seats;
      const [d] = await tx
        .insert(deals)
        .values({
          tenantId: t.tenantId,
          name: `D${i}`,
          ownedByUserId: r.owner,
          ownedByGroupId: r.group,
          pipelineId: r.pipelineId,
          stageId: r.stageId,
          amount: r.amount === null ? null : r.amount.toFixed(2),
          forecastProbability: r.prob === null ? null : r.prob.toFixed(2),
          dealType: r.dealType as "NEW" | null,
          tags: r.tags,
          createdAt: r.createdAt,
          closeDate: r.closeDate,
          customFields: custom,
          deletedAt: r.deleted ? new Date() : null,
        })
        .returning({ id: deals.id });
      r.id = d!.id;
      rows.push(r);
    }
    for (const [i, source] of ["web", "web", "event", null, "", "referral", "web"].entries()) {
      leadRows.push({ source, owner: i % 2 ? rep.userId : null });
      await tx.insert(leads).values({ tenantId: t.tenantId, firstName: `L${i}`, source, ownedByUserId: i % 2 ? rep.userId : null });
    }
    for (const [i, type] of (["CALL", "CALL", "EMAIL", "MEETING", "NOTE", "CALL"] as const).entries()) {
      const at = new Date(NOW.getTime() - i * 86_400_000 * 20);
      actRows.push({ type, at });
      await tx.insert(activities).values({ tenantId: t.tenantId, activityType: type, subject: type, activityAt: at, createdByUserId: t.userId });
    }
  });
});

const live = () => rows.filter((r) => !r.deleted);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const r2 = (v: number) => Math.round(v * 100) / 100;
const seatsOf = (r: Row) => (r.seats === undefined ? null : Number(r.seats));

async function run(q: WidgetQueryInput, ctx = t.ctx) {
  return queryWidget(ctx, q, NOW);
}
/** key1 (and key2) → value, from the query. */
const byKey = (res: Awaited<ReturnType<typeof run>>) => Object.fromEntries(res.rows.map((r) => [r.key2 === null && res.dimensions.length < 2 ? String(r.key1) : `${r.key1}|${r.key2}`, r.value]));
function groupTs<T>(xs: T[], keys: (x: T) => (string | null)[], value: (g: T[]) => number | null): Record<string, number | null> {
  const m = new Map<string, T[]>();
  for (const x of xs) for (const k of keys(x)) m.set(String(k), [...(m.get(String(k)) ?? []), x]);
  return Object.fromEntries([...m].map(([k, g]) => [k, value(g)]));
}

describe("widget query builder", () => {
  it("measures: count, sum, avg, min, max of a column and of a custom number, weighted", async () => {
    const amounts = live().flatMap((r) => (r.amount === null ? [] : [r.amount]));
    const kpi = async (measure: WidgetQueryInput["measure"]) => (await run({ recordType: "deals", measure })).rows[0]!.value;
    expect(await kpi({ fn: "count" })).toBe(live().length);
    expect(await kpi({ fn: "sum", field: "amount" })).toBe(r2(sum(amounts)));
    expect(await kpi({ fn: "avg", field: "amount" })).toBe(r2(sum(amounts) / amounts.length));
    expect(await kpi({ fn: "min", field: "amount" })).toBe(Math.min(...amounts));
    expect(await kpi({ fn: "max", field: "amount" })).toBe(Math.max(...amounts));
    const seats = live().flatMap((r) => (seatsOf(r) === null ? [] : [seatsOf(r)!]));
    expect(await kpi({ fn: "sum", field: "customFields.seats" })).toBe(sum(seats));
    const weighted = sum(live().map((r) => (r.amount ?? 0) * (r.prob ?? stageProb.get(r.stageId)!)));
    expect(await kpi({ fn: "weighted" })).toBe(r2(weighted));
  });

  it("group-bys: owner, group, stage, pipeline, tag, deal type, custom select and multi-select", async () => {
    const count = (g: Row[]) => g.length;
    const amount = (g: Row[]) => r2(sum(g.map((r) => r.amount ?? 0)));
    expect(byKey(await run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "owner" }] }))).toEqual(groupTs(live(), (r) => [r.owner], count));
    expect(byKey(await run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "group" }] }))).toEqual(groupTs(live(), (r) => [r.group], count));
    expect(byKey(await run({ recordType: "deals", measure: { fn: "sum", field: "amount" }, groupBy: [{ by: "stage" }] }))).toEqual(groupTs(live(), (r) => [r.stageId], amount));
    expect(byKey(await run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "pipeline" }] }))).toEqual(groupTs(live(), (r) => [r.pipelineId], count));
    expect(byKey(await run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "tag" }] }))).toEqual(groupTs(live(), (r) => (r.tags.length ? r.tags : [null]), count));
    expect(byKey(await run({ recordType: "deals", measure: { fn: "sum", field: "amount" }, groupBy: [{ by: "dealType" }] }))).toEqual(groupTs(live(), (r) => [r.dealType], amount));
    expect(byKey(await run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "custom", field: "customFields.segment" }] }))).toEqual(groupTs(live(), (r) => [r.segment ?? null], count));
    expect(byKey(await run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "custom", field: "customFields.regions" }] }))).toEqual(groupTs(live(), (r) => (r.regions?.length ? r.regions : [null]), count));
    // two at once, and labels from the stages
    const two = await run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "stage" }, { by: "owner" }] });
    expect(byKey(two)).toEqual(groupTs(live(), (r) => [`${r.stageId}|${r.owner}`], count));
    expect(two.rows.every((r) => r.label1 === stageName.get(r.key1!))).toBe(true);
    expect(two.rows.find((r) => r.key2 === rep.userId)?.label2).toBe("Rita Rep");
    // leads by source (empty counts as none), activities by type
    expect(byKey(await run({ recordType: "leads", measure: { fn: "count" }, groupBy: [{ by: "source" }] }))).toEqual(groupTs(leadRows, (l) => [l.source || null], (g) => g.length));
    expect(byKey(await run({ recordType: "activities", measure: { fn: "count" }, groupBy: [{ by: "activityType" }] }))).toEqual(groupTs(actRows, (a) => [a.type], (g) => g.length));
  });

  it("date group-bys bucket by day, week, month and quarter in the workspace's time zone", async () => {
    const bucketOf = (at: Date, bucket: string) => {
      const day = zonedDayOf(at, TZ);
      if (bucket === "day") return day;
      if (bucket === "week") return format(startOfISOWeek(parseISO(day)), "yyyy-MM-dd");
      if (bucket === "month") return `${day.slice(0, 7)}-01`;
      const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
      return `${day.slice(0, 4)}-${String(q).padStart(2, "0")}-01`;
    };
    for (const bucket of ["day", "week", "month", "quarter"] as const) {
      const res = await run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "date", field: "createdAt", bucket }] });
      expect(byKey(res), bucket).toEqual(groupTs(live(), (r) => [bucketOf(r.createdAt, bucket)], (g) => g.length));
    }
    // a `date` column buckets by its calendar day
    const close = await run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "date", field: "closeDate", bucket: "month" }] });
    expect(byKey(close)).toEqual(groupTs(live(), (r) => [r.closeDate ? `${r.closeDate.slice(0, 7)}-01` : null], (g) => g.length));
    expect(close.rows[0]!.label1).toBe("Jan 2026");
  });

  it("a filter and a period narrow the records; each row's drill-down filter finds exactly its records", async () => {
    const q: WidgetQueryInput = {
      recordType: "deals",
      filter: { all: [{ field: "tags", op: "hasAny", value: ["hot"] }] },
      period: { field: "createdAt", preset: "thisQuarter" },
      measure: { fn: "count" },
      groupBy: [{ by: "date", field: "createdAt", bucket: "month" }, { by: "owner" }],
    };
    const res = await run(q);
    // this quarter in LA: 2026-01-01 00:00 PST = 08:00Z
    const inQuarter = (r: Row) => r.createdAt >= new Date("2026-01-01T08:00:00Z") && r.createdAt < new Date("2026-04-01T07:00:00Z");
    const expected = live().filter((r) => r.tags.includes("hot") && inQuarter(r));
    expect(sum(res.rows.map((r) => r.value ?? 0))).toBe(expected.length);
    const parsed = widgetQuerySchema.parse(q);
    for (const row of res.rows) {
      const filter = drillFilter(parsed, row, TZ, NOW);
      const ids = await withTenant(t.ctx, async (tx) => {
        const where = compileFilter("DEAL", filter, { tenantId: t.tenantId, userId: t.userId, now: NOW });
        return (await tx.execute<{ id: string }>(sql`select id from deals where deals.tenant_id = ${t.tenantId}::uuid and deleted_at is null and ${where}`)).map((x) => x.id);
      });
      expect(ids.length, `${row.label1} / ${row.label2}`).toBe(row.value);
      expect(row.href).toMatch(/^\/dashboards\/records\/deals\?filter=/);
    }
  });

  it("counts only what the reader may see: a rep with 'own' scope counts only their deals", async () => {
    await policyFor(t.ctx, "sales_rep", "own", "own");
    const res = await run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "owner" }] }, rep.ctx);
    expect(byKey(res)).toEqual({ [rep.userId]: live().filter((r) => r.owner === rep.userId).length });
    const mine = live().filter((r) => r.owner === rep.userId);
    expect((await run({ recordType: "deals", measure: { fn: "sum", field: "amount" } }, rep.ctx)).rows[0]!.value).toBe(r2(sum(mine.map((r) => r.amount ?? 0))));
    await policyFor(t.ctx, "sales_rep", "all", "all");
  });

  it("refuses fields outside the whitelist with the node's path", async () => {
    await expect(run({ recordType: "deals", measure: { fn: "sum", field: "name" } })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "query.measure.field" }] } });
    await expect(run({ recordType: "contacts", measure: { fn: "weighted" } })).rejects.toMatchObject({ code: "validation" });
    await expect(run({ recordType: "contacts", measure: { fn: "count" }, groupBy: [{ by: "dealType" }] })).rejects.toMatchObject({ extensions: { errors: [{ path: "query.groupBy[0].by" }] } });
    await expect(run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "date", field: "name" }] })).rejects.toMatchObject({ code: "validation" });
    await expect(run({ recordType: "deals", measure: { fn: "count" }, filter: { all: [{ field: "nope", op: "eq", value: 1 }] } })).rejects.toMatchObject({ extensions: { errors: [{ path: "query.filter.all[0].field" }] } });
    await expect(run({ recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "owner" }, { by: "stage" }, { by: "tag" }] } as never)).rejects.toMatchObject({ code: "validation" });
    await expect(run({ recordType: "deals; drop table deals", measure: { fn: "count" } } as never)).rejects.toMatchObject({ code: "validation" });
  });
});
