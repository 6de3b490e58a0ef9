// Issue 15, the access matrix: for each role × scope × record type, every read channel of
// the app — the services, the REST handler, search, export, the board, list members and
// counts, timelines, dry runs, tasks, watchers, notifications, the event stream (GET
// /events and the live board's check), the execution log, and a query on each child table
// that "forgets" its WHERE — and the write paths, compared with the scope computed apart
// (db/testing/access-world.ts). Then the matrix tests itself: with the visibility policy
// of any one table dropped (in this file's own database), it must notice.
import { NextRequest } from "next/server";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listCollectionRoute } from "@/app/api/v1/[collection]/route";
import { activities, automationActionExecutions, automationActions, notifications, publishedEvents, recordChanges, recordWatchers } from "@/db/schema";
import { expectedIds, policyFor, TITLE, visible, world, type Rec } from "@/db/testing/access-world";
import { createOwnDatabase, type OwnDatabase } from "@/db/testing/own-database";
import { createActivity } from "@/lib/activities/service";
import { myTasks } from "@/lib/activities/queries";
import { createApiKey } from "@/lib/api/keys";
import { dryRun } from "@/lib/automations/dry-run";
import { listExecutions } from "@/lib/automations/executions";
import { publishedSince } from "@/lib/automations/publish";
import { loadBoard } from "@/lib/board/queries";
import { exportCsv } from "@/lib/export/stream";
import { readableEventIds } from "@/lib/live/browser-stream";
import { getList, listMembers } from "@/lib/lists/queries";
import { addMembers } from "@/lib/lists/members";
import { createList } from "@/lib/lists/service";
import { listNotifications } from "@/lib/notifications/service";
import { listRecords } from "@/lib/records/queries";
import { RECORD_KINDS, type RecordKind } from "@/lib/records/registry";
import { getRecord, updateRecord } from "@/lib/records/service";
import { searchAll } from "@/lib/search/search";
import { recordTimeline } from "@/lib/timeline/queries";
import { countMatching } from "@/lib/views/table-query";
import { followRecord, listWatched } from "@/lib/watchers/service";
import { ACCESS_RECORD_TYPES, type AccessScope } from "./access-schemas";
import { systemActor, type TenantContext } from "./context";
import { withTenant } from "./with-tenant";

type World = Awaited<ReturnType<typeof world>>;
type User = World["users"]["manager"] & { key: string };
type Channels = Record<string, string[]>;

const ROLES = ["manager", "sales_rep", "readonly"] as const;
const SCOPES: AccessScope[] = ["own", "team", "all"];
const PIPELINE_KINDS = new Set<RecordKind>(["DEAL", "LEAD", "TICKET"]);
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** The child tables and how each names its record: a query on them that forgets every WHERE but the tenant's. */
const CHILD_TABLES: Record<string, string> = {
  activities: "select record_type::text as type, record_id as id from activities",
  record_changes: "select record_type::text, record_id from record_changes",
  stage_history: "select entity_type::text, entity_id from stage_history",
  record_watchers: "select record_type::text, record_id from record_watchers",
  notifications: "select record_type::text, record_id from notifications",
  domain_events: "select entity_type::text, entity_id from domain_events",
  published_events: "select entity_type::text, entity_id from published_events",
  automation_action_executions: "select entity_type::text, entity_id from automation_action_executions",
  list_memberships: "select member_type::text, member_id from list_memberships",
  list_membership_log: "select l.object_type::text, m.member_id from list_membership_log m join lists l on l.tenant_id = m.tenant_id and l.id = m.list_id",
};

let own: OwnDatabase;
let owner: postgres.Sql;
let w: World;
let users: Record<(typeof ROLES)[number], User>;
const listIds = {} as Record<RecordKind, string>;
const all = () => ACCESS_RECORD_TYPES.flatMap((k) => w.records[k]);

/** What the system writes about every record: tasks for each user, watchers, notifications, changes, published events, executions; and one list per type holding all its records. */
async function seedChildren() {
  const system: TenantContext = { tenantId: w.t.tenantId, actor: systemActor() };
  const recs = all();
  const people = Object.values(users);
  for (const kind of ACCESS_RECORD_TYPES) {
    const list = await createList(w.t.ctx, { name: `All ${kind}`, objectType: kind });
    await addMembers(w.t.ctx, list.id, { memberIds: w.records[kind].map((r) => r.id) });
    listIds[kind] = list.id;
  }
  await withTenant(system, async (tx) => {
    const tenantId = w.t.tenantId;
    const on = (r: Rec) => ({ tenantId, recordType: r.kind, recordId: r.id });
    await tx.insert(activities).values(recs.flatMap((r) => people.map((u) => ({ ...on(r), activityType: "TASK" as const, subject: `Call about ${r.id.slice(0, 6)}`, assignedUserId: u.userId, dueAt: new Date(Date.now() + 86_400_000) }))));
    await tx.insert(recordWatchers).values(recs.flatMap((r) => people.map((u) => ({ ...on(r), principalType: "USER" as const, principalId: u.userId }))));
    await tx.insert(notifications).values(recs.flatMap((r) => people.map((u) => ({ ...on(r), userId: u.userId, kind: "record.updated", title: "Changed" }))));
    await tx.insert(recordChanges).values(recs.map((r) => ({ ...on(r), source: "SYSTEM" as const, changes: { note: { from: null, to: "x" } } })));
    await tx.insert(publishedEvents).values(recs.map((r, i) => ({ tenantId, seq: i + 1, type: "custom.seen", entityType: r.kind, entityId: r.id })));
    const [action] = await tx
      .insert(automationActions)
      .values({ tenantId, name: "Log", entityType: "CONTACT", scopeType: "ENTITY", triggerEvent: "record.created", actionType: "EVENT", enabled: false })
      .returning({ id: automationActions.id });
    await tx.insert(automationActionExecutions).values(
      recs.map((r) => ({ tenantId, actionId: action!.id, entityType: r.kind, entityId: r.id, triggerEvent: "record.created", executionKey: `${action!.id}:${r.id}`, status: "SUCCEEDED" as const })),
    );
  });
}

/** Splits (type, id) pairs by record type into `${channel}:${kind}` channels. */
function byKind(out: Channels, channel: string, pairs: { type: unknown; id: unknown }[]) {
  for (const kind of ACCESS_RECORD_TYPES) out[`${channel}:${kind}`] = sorted(pairs.filter((p) => p.type === kind).map((p) => String(p.id)));
}

async function reachable(ids: string[], read: (id: string) => Promise<unknown>): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    try {
      await read(id);
      out.push(id);
    } catch (err) {
      if ((err as { code?: string }).code !== "not-found") throw err;
    }
  }
  return sorted(out);
}

async function csvIds(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const text = await new Response(stream).text();
  return sorted(text.split(/\r?\n/).slice(1).filter(Boolean).map((line) => line.split(",")[0]!.replace(/^\uFEFF/, "")));
}

/** Everything `u` reaches, channel by channel. */
async function walk(u: User): Promise<Channels> {
  const out: Channels = {};
  const hits = await searchAll(u.ctx, "zephyrine", { limit: 50 });
  for (const kind of ACCESS_RECORD_TYPES) {
    const ids = w.records[kind].map((r) => r.id);
    out[`list:${kind}`] = sorted((await listRecords(u.ctx, kind, { limit: 100 })).data.map((r) => r.id));
    out[`count:${kind}`] = [String((await countMatching(u.ctx, kind, null, undefined)).count)];
    out[`get:${kind}`] = await reachable(ids, (id) => getRecord(u.ctx, kind, id));
    out[`timeline:${kind}`] = await reachable(ids, (id) => recordTimeline(u.ctx, kind, id, { limit: 5 }));
    out[`dryRun:${kind}`] = await reachable(ids, (id) => dryRun(u.ctx, { entityType: kind, entityId: id, triggerEvent: "record.updated" }));
    out[`search:${kind}`] = sorted(hits.filter((h) => h.recordType === kind).map((h) => h.id));
    out[`export:${kind}`] = await csvIds(await exportCsv(u.ctx, kind, { selection: { all: true }, cols: null }));
    const res = await listCollectionRoute(new NextRequest(`http://localhost/api/v1/${RECORD_KINDS[kind].collection}?limit=100`, { headers: { authorization: `Bearer ${u.key}` } }), { params: Promise.resolve({ collection: RECORD_KINDS[kind].collection }) });
    expect(res.status, `REST ${kind}`).toBe(200);
    out[`rest:${kind}`] = sorted(((await res.json()) as { data: { id: string }[] }).data.map((r) => r.id));
    if (PIPELINE_KINDS.has(kind)) {
      const board = await loadBoard(u.ctx, kind as "DEAL", w.records[kind][0]!.pipelineId!);
      out[`board:${kind}`] = sorted(board.columns.flatMap((c) => c.cards.map((x) => x.id)));
      out[`boardCount:${kind}`] = [String(board.columns.reduce((n, c) => n + c.count, 0))];
    }
    out[`listMembers:${kind}`] = sorted((await listMembers(u.ctx, listIds[kind], { limit: 100 })).data.map((m) => m.memberId));
    out[`listCount:${kind}`] = [String((await getList(u.ctx, listIds[kind])).memberCount)];
  }
  const tasks = await myTasks(u.ctx);
  byKind(out, "myTasks", [...tasks.overdue, ...tasks.today, ...tasks.upcoming, ...tasks.noDueDate].map((t) => ({ type: t.recordType, id: t.recordId })));
  byKind(out, "watched", (await listWatched(u.ctx, "USER", u.userId)).map((x) => ({ type: x.recordType, id: x.recordId })));
  byKind(out, "notifications", (await listNotifications(u.ctx, { limit: 200 })).data.map((n) => ({ type: n.recordType, id: n.recordId })));
  byKind(out, "publishedEvents", (await publishedSince(u.ctx, 0, 500)).map((e) => ({ type: e.entityType, id: e.entityId })));
  byKind(out, "executions", (await listExecutions(u.ctx, { limit: 200 })).data.map((e) => ({ type: e.entityType, id: e.entityId })));
  // the live board's check (lib/live/browser-stream.ts): which of the tenant's events this reader may hear of
  const events = await owner<{ id: string; type: string | null; entityId: string | null }[]>`select id, entity_type::text as type, entity_id as "entityId" from domain_events where tenant_id = ${w.t.tenantId}`;
  const heard = await readableEventIds(u.ctx, events.map((e) => e.id));
  byKind(out, "liveEvents", events.filter((e) => heard.has(e.id)).map((e) => ({ type: e.type, id: e.entityId })));
  for (const [table, query] of Object.entries(CHILD_TABLES)) {
    const rows = await withTenant(u.ctx, (tx) => tx.execute<{ type: string; id: string }>(sql.raw(`select * from (${query}) x(type, id)`)));
    byKind(out, `raw:${table}`, [...rows]);
  }
  return out;
}

/** The same channels, computed from the fixture and the scope alone. */
function expectedChannels(u: User, scope: AccessScope, reached: Channels): Channels {
  const ids = expectedIds(u.userId, scope, w.groups);
  const out: Channels = {};
  for (const kind of ACCESS_RECORD_TYPES) {
    const want = visible(w.records[kind], ids);
    const staged = visible(w.records[kind].filter((r) => r.pipelineId), ids);
    for (const channel of Object.keys(reached).filter((c) => c.endsWith(`:${kind}`))) {
      const name = channel.slice(0, -kind.length - 1);
      if (name === "count" || name === "listCount" || name === "boardCount") out[channel] = [String(name === "boardCount" ? staged.length : want.length)];
      else out[channel] = name === "board" || name === "raw:stage_history" ? staged : want;
    }
  }
  return out;
}

/** The channels whose answer differs from the expected one. */
const mismatches = (got: Channels, want: Channels) => Object.keys(want).filter((c) => JSON.stringify(got[c]) !== JSON.stringify(want[c]));

// ~10 s each alone (22 s the file); more when the machine is shared
describe("the access matrix: every channel, every role × scope × record type", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    own = await createOwnDatabase("access_matrix");
    owner = postgres(own.ownerUrl, { max: 1, onnotice: () => {} });
    w = await world();
    const key = async (u: World["users"]["manager"]) => ({ ...u, key: (await createApiKey(w.t.ctx, { name: u.userId, userId: u.userId })).key });
    users = { manager: await key(w.users.manager), sales_rep: await key(w.users.sales_rep), readonly: await key(w.users.readonly) };
    await seedChildren();
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await own?.drop();
  });

  it("each user reaches exactly their scope through every read channel", async () => {
    const seen = new Set<string>();
    for (const role of ROLES) {
      const u = users[role];
      for (const scope of SCOPES) {
        await policyFor(w.t.ctx, role, scope, scope);
        const got = await walk(u);
        const want = expectedChannels(u, scope, got);
        const wrong = mismatches(got, want);
        expect(wrong.map((c) => `${role} ${scope} ${c}: got ${got[c]!.length}, want ${want[c]!.length}`), `${role} ${scope}`).toEqual([]);
        for (const c of Object.keys(got)) seen.add(c);
        // the fixture has records both in and out of every limited scope
        if (scope !== "all") for (const kind of ACCESS_RECORD_TYPES) expect(got[`list:${kind}`]!.length, `${role} ${scope} ${kind}`).toBeLessThan(w.records[kind].length);
      }
      await policyFor(w.t.ctx, role, "all", "all");
    }
    // every channel was walked for every type, and each found something
    for (const kind of ACCESS_RECORD_TYPES) {
      for (const c of ["list", "get", "timeline", "dryRun", "search", "export", "rest", "listMembers", "myTasks", "watched", "notifications", "publishedEvents", "executions", "liveEvents", ...Object.keys(CHILD_TABLES).map((t) => `raw:${t}`)]) {
        if (c === "raw:stage_history" && !PIPELINE_KINDS.has(kind)) continue;
        expect(seen.has(`${c}:${kind}`), `${c}:${kind} walked`).toBe(true);
      }
    }
  });

  it("writes: outside the write scope but readable a 403, outside the read scope a 404, inside they work; readonly writes nothing", async () => {
    for (const role of ["manager", "sales_rep"] as const) {
      const u = users[role];
      for (const scope of ["own", "team"] as const) {
        const ids = expectedIds(u.userId, scope, w.groups);
        for (const read of ["all", scope] as const) {
          await policyFor(w.t.ctx, role, read, scope);
          for (const kind of ACCESS_RECORD_TYPES) {
            const writable = visible(w.records[kind], ids);
            const inside = w.records[kind].find((r) => writable.includes(r.id))!;
            const outside = w.records[kind].find((r) => !writable.includes(r.id))!;
            const refusal = read === "all" ? "forbidden" : "not-found";
            const label = `${role} read ${read} write ${scope} ${kind}`;
            await expect(updateRecord(u.ctx, kind, inside.id, { [TITLE[kind]]: `Zephyrine ${kind.toLowerCase()} kept` }), label).resolves.toMatchObject({ id: inside.id });
            await expect(updateRecord(u.ctx, kind, outside.id, { [TITLE[kind]]: "Zephyrine nope" }), label).rejects.toMatchObject({ code: refusal });
            // an activity is a write of its record
            await expect(createActivity(u.ctx, { activityType: "NOTE", subject: "Seen", recordType: kind, recordId: inside.id }), label).resolves.toMatchObject({ recordId: inside.id });
            await expect(createActivity(u.ctx, { activityType: "NOTE", subject: "Nope", recordType: kind, recordId: outside.id }), label).rejects.toMatchObject({ code: refusal });
            // following and listing need only the read scope
            const follow = followRecord(u.ctx, { recordType: kind, recordId: outside.id, principalType: "USER", principalId: u.userId });
            if (read === "all") await expect(follow, label).resolves.toMatchObject({ watcher: { recordId: outside.id } });
            else {
              await expect(follow, label).rejects.toMatchObject({ code: "not-found" });
              await expect(addMembers(u.ctx, listIds[kind], { memberIds: [outside.id] }), label).rejects.toMatchObject({ code: "validation" });
            }
          }
        }
        await policyFor(w.t.ctx, role, "all", "all");
      }
    }
    const ro = users.readonly;
    // readonly never writes: refused by the database too, whatever the policy says (the routes refuse it before)
    for (const kind of ACCESS_RECORD_TYPES) {
      const any = w.records[kind][0]!;
      await expect(updateRecord(ro.ctx, kind, any.id, { [TITLE[kind]]: "Zephyrine nope" }), `readonly ${kind}`).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(createActivity(ro.ctx, { activityType: "NOTE", subject: "X", recordType: "CONTACT", recordId: w.records.CONTACT[0]!.id })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("costs nothing per row under the default policy: a child row's record is looked up only when its type is scoped", async () => {
    const rep = users.sales_rep;
    /** The plan's look-ups of records by the child policy, and whether each ran. */
    const lookups = async () => {
      const plan = await withTenant(rep.ctx, (tx) => tx.execute<{ "QUERY PLAN": string }>(sql`explain (analyze, costs off, timing off, summary off) select count(*) from activities where tenant_id = ${w.t.tenantId}`));
      return plan.map((r) => r["QUERY PLAN"]).filter((l) => / on (contacts|companies|leads|deals|tickets) p\b/.test(l));
    };
    await policyFor(w.t.ctx, "sales_rep", "all", "all");
    const free = await lookups();
    expect(free.length).toBeGreaterThan(0);
    expect(free.filter((l) => !l.includes("never executed"))).toEqual([]);
    await policyFor(w.t.ctx, "sales_rep", "own", "own");
    expect((await lookups()).filter((l) => !l.includes("never executed")).length).toBeGreaterThan(0);
    await policyFor(w.t.ctx, "sales_rep", "all", "all");
  });

  it("notices when any one table's visibility policy is missing (dropped in this file's own database, then restored)", async () => {
    const rep = users.sales_rep;
    await policyFor(w.t.ctx, "sales_rep", "own", "own");
    const baseline = await walk(rep);
    expect(mismatches(baseline, expectedChannels(rep, "own", baseline))).toEqual([]);
    for (const table of ["contacts", "deals", ...Object.keys(CHILD_TABLES)]) {
      const policies = await owner<{ name: string; cmd: string; qual: string | null; check: string | null }[]>`
        select policyname::text as name, cmd, qual, with_check as check from pg_policies
        where schemaname = 'public' and tablename = ${table} and permissive = 'RESTRICTIVE' and policyname like 'access_%'`;
      expect(policies.length, `${table} has access policies`).toBeGreaterThan(0);
      for (const p of policies) await owner.unsafe(`drop policy ${p.name} on ${table}`);
      try {
        const got = await walk(rep);
        const wrong = mismatches(got, expectedChannels(rep, "own", got));
        const parent = table === "contacts" ? ":CONTACT" : table === "deals" ? ":DEAL" : null;
        expect(wrong.length, `${table} without its policy: the matrix notices`).toBeGreaterThan(0);
        if (parent) expect(wrong.every((c) => c.endsWith(parent)), `${table}: only its type's channels (${wrong.join(", ")})`).toBe(true);
        else expect(wrong.some((c) => c.startsWith(`raw:${table}:`)), `${table}: its own rows leak (${wrong.join(", ")})`).toBe(true);
      } finally {
        for (const p of policies) {
          await owner.unsafe(
            `create policy ${p.name} on ${table} as restrictive for ${p.cmd}${p.qual ? ` using (${p.qual})` : ""}${p.check ? ` with check (${p.check})` : ""}`,
          );
        }
      }
    }
    const after = await walk(rep);
    expect(mismatches(after, expectedChannels(rep, "own", after))).toEqual([]);
    await policyFor(w.t.ctx, "sales_rep", "all", "all");
  });
});
