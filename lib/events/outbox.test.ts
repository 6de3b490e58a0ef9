// The outbox, end to end against the real worker (its relay, and graphile-worker for the
// dispatch jobs queued before the relay): an event committed with its data is dispatched
// to each consumer exactly once — across worker stops and restarts, racing dispatchers
// and a failing first attempt — and a rolled-back one never.
//
// This file runs in its own database (created from the test cluster and migrated with
// the real migrations): its worker then only sees its own jobs, and it never dispatches
// another test file's events behind that file's back.
import type { Runner } from "graphile-worker";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { companies, notifications, recordWatchers, tenantGroupMembers, tenantGroups, type DomainEvent } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createCompany } from "@/lib/records/create-company";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { startWorker } from "@/lib/worker";
import { dispatchPending, registerConsumer, type EventConsumer } from "./dispatcher";
import { BULK_LANE, emitEvent, emitEvents } from "./emit";
import { createOwnDatabase, type OwnDatabase } from "@/db/testing/own-database";

const CONSUMER = "outbox-test-counter";
const WAIT = { timeout: 15_000, interval: 50 };

/** Tenants of this file, with the user the test consumer's effect rows belong to. */
const ownTenants = new Map<string, string>();
/** Event id → how many times the test consumer's handle() ran (committed or not). */
const attempts = new Map<string, number>();

/**
 * Records each delivery as a notification row (its transactional effect) and counts
 * calls in memory. A company named "fail-once…" makes the first attempt throw after
 * writing its row, so that row must roll back with the delivery.
 */
const counter: EventConsumer = {
  name: CONSUMER,
  handles: (e) => ownTenants.has(e.tenantId),
  async handle(tx, ctx, event: DomainEvent) {
    const n = (attempts.get(event.id) ?? 0) + 1;
    attempts.set(event.id, n);
    await tx.insert(notifications).values({
      tenantId: ctx.tenantId,
      userId: ownTenants.get(event.tenantId)!,
      kind: "outbox-test",
      title: event.eventType,
      recordType: event.entityType,
      recordId: event.entityId,
      eventId: event.id,
    });
    const record = (event.payload as { record?: { name?: string } }).record;
    // the first job runs it twice (all consumers together, then each in its savepoint): fail both
    if (n <= 2 && record?.name?.startsWith("fail-once")) throw new Error("outbox test: consumer fails on purpose (first job)");
  },
};

describe("outbox → worker → consumers", () => {
  let db: OwnDatabase;
  let owner: postgres.Sql;
  let runner: Runner | null = null;
  let unregister: () => void = () => {};
  let tenant: Awaited<ReturnType<typeof makeTenant>>;

  const startRunner = async () => {
    runner = await startWorker({ ownerUrl: db.ownerUrl, pollInterval: 100, concurrency: 4 });
  };
  const stopRunner = async () => {
    const r = runner;
    runner = null;
    await r?.stop();
  };

  /** The consumer's committed effect rows for an event. */
  const effects = async (eventId: string) =>
    (await owner<{ n: number }[]>`select count(*)::int as n from notifications where event_id = ${eventId} and kind = 'outbox-test'`)[0]!.n;
  const deliveries = async (eventId: string, consumer = CONSUMER) =>
    (await owner<{ n: number }[]>`select count(*)::int as n from event_deliveries where event_id = ${eventId} and consumer = ${consumer}`)[0]!.n;
  /** Whether the event is marked dispatched. */
  const dispatched = async (eventId: string) =>
    (await owner<{ done: boolean }[]>`select dispatched_at is not null as done from domain_events where id = ${eventId}`)[0]!.done;
  /** Queued jobs (any state) that would dispatch this event (only ever queued by hand now). */
  const jobsFor = async (eventId: string) =>
    (await owner<{ n: number }[]>`select count(*)::int as n from graphile_worker._private_jobs where payload->>'eventId' = ${eventId}`)[0]!.n;
  const eventIdOf = async (companyId: string) =>
    (await owner<{ id: string }[]>`select id from domain_events where entity_id = ${companyId} and event_type = 'record.created'`)[0]!.id;

  /** Commits a company and waits until its record.created event is fully dispatched. */
  const dispatchedCompany = async (name: string) => {
    const company = await createCompany(tenant.ctx, { name });
    const eventId = await eventIdOf(company.id);
    await vi.waitFor(async () => {
      expect(await effects(eventId)).toBe(1);
      expect(await dispatched(eventId)).toBe(true);
    }, WAIT);
    return eventId;
  };

  beforeAll(async () => {
    // Everything in this file (services, factories, the worker's dispatch) uses this database.
    db = await createOwnDatabase("outbox_test");
    owner = postgres(db.ownerUrl, { max: 2, onnotice: () => {} });
    unregister = registerConsumer(counter);
    tenant = await makeTenant("Outbox Co");
    ownTenants.set(tenant.tenantId, tenant.userId);
    await startRunner();
  });

  afterAll(async () => {
    await stopRunner();
    unregister();
    await owner?.end();
    await db?.drop();
  });

  it("a rolled-back transaction leaves no event, and nothing is ever dispatched", async () => {
    let eventId = "";
    const rollback = new Error("roll back on purpose");
    await expect(
      withTenant(tenant.ctx, async (tx) => {
        // What createCompany does, then the transaction fails after the event was written.
        const [row] = await tx.insert(companies).values({ tenantId: tenant.tenantId, name: "Rolled back", createdByUserId: tenant.userId }).returning();
        eventId = await emitEvent(tx, tenant.ctx, { type: "record.created", entityType: "COMPANY", entityId: row!.id, payload: { record: row } });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(eventId).not.toBe("");
    const [gone] = await owner`
      select (select count(*)::int from domain_events where id = ${eventId}) as events,
             (select count(*)::int from companies where tenant_id = ${tenant.tenantId} and name = 'Rolled back') as companies`;
    expect(gone).toEqual({ events: 0, companies: 0 });

    // A failing service (duplicate domain) rolls back its event too.
    await createCompany(tenant.ctx, { name: "Dup 1", domain: "dup.example" });
    const [before] = await owner`select count(*)::int as n from domain_events where tenant_id = ${tenant.tenantId}`;
    await expect(createCompany(tenant.ctx, { name: "Dup 2", domain: "dup.example" })).rejects.toMatchObject({ code: "conflict" });
    const [after] = await owner`select count(*)::int as n from domain_events where tenant_id = ${tenant.tenantId}`;
    expect(after!.n).toBe(before!.n);

    // Once a later committed event has gone through, the rolled-back one has still never been seen.
    await dispatchedCompany("Barrier after rollback");
    expect(attempts.has(eventId)).toBe(false);
  });

  it("(a) an event committed while the worker is stopped is dispatched once it starts; (b) a restart re-runs nothing", async () => {
    await stopRunner();
    const company = await createCompany(tenant.ctx, { name: "While stopped" });
    const eventId = await eventIdOf(company.id);
    // Committed, pending (no dispatched_at), not yet dispatched.
    expect(await dispatched(eventId)).toBe(false);
    expect(attempts.has(eventId)).toBe(false);
    expect(await effects(eventId)).toBe(0);

    await startRunner(); // its first sweep finds the event (no notification was heard)
    await vi.waitFor(async () => {
      expect(await effects(eventId)).toBe(1);
      expect(await dispatched(eventId)).toBe(true);
    }, WAIT);
    expect(attempts.get(eventId)).toBe(1);
    expect(await deliveries(eventId)).toBe(1);

    // (b) restarting the worker after processing re-runs nothing.
    await stopRunner();
    await startRunner();
    await dispatchedCompany("Barrier after restart");
    expect(attempts.get(eventId)).toBe(1);
    expect(await effects(eventId)).toBe(1);
  });

  it("(c) a duplicate job for an already dispatched event is a no-op (inbox)", async () => {
    const eventId = await dispatchedCompany("Duplicated later");
    const [job] = await owner<{ id: string }[]>`
      select (graphile_worker.add_job('dispatch_event', json_build_object('tenantId', ${tenant.tenantId}::uuid, 'eventId', ${eventId}::uuid))).id::text as id`;
    // The job ran and succeeded (a failed job would stay queued with its error).
    await vi.waitFor(async () => {
      const [left] = await owner`select count(*)::int as n from graphile_worker._private_jobs where id = ${job!.id}`;
      expect(left!.n).toBe(0);
    }, WAIT);
    expect(attempts.get(eventId)).toBe(1);
    expect(await effects(eventId)).toBe(1);
    expect(await deliveries(eventId)).toBe(1);
  });

  it("(c) dispatch jobs racing the relay for a fresh event still deliver it once", async () => {
    await stopRunner();
    const company = await createCompany(tenant.ctx, { name: "Duplicated early" });
    const eventId = await eventIdOf(company.id);
    for (let i = 0; i < 3; i++) {
      await owner`select graphile_worker.add_job('dispatch_event', json_build_object('tenantId', ${tenant.tenantId}::uuid, 'eventId', ${eventId}::uuid))`;
    }
    expect(await jobsFor(eventId)).toBe(3);
    await startRunner(); // the relay and three jobs (concurrency 4) may run side by side
    await vi.waitFor(async () => {
      expect(await jobsFor(eventId)).toBe(0);
      expect(await dispatched(eventId)).toBe(true);
    }, WAIT);
    expect(attempts.get(eventId)).toBe(1);
    expect(await effects(eventId)).toBe(1);
    expect(await deliveries(eventId)).toBe(1);
  });

  it("two workers draining one tenant's backlog deliver every event exactly once, in batches", async () => {
    await stopRunner();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await eventIdOf((await createCompany(tenant.ctx, { name: `Backlog ${i}` })).id));
    await startRunner();
    const second = await startWorker({ ownerUrl: db.ownerUrl, pollInterval: 100, concurrency: 4 });
    try {
      await vi.waitFor(async () => {
        const [n] = await owner<{ n: number }[]>`select count(*)::int as n from domain_events where id = any(${ids}) and dispatched_at is null`;
        expect(n!.n).toBe(0);
      }, WAIT);
    } finally {
      await second.stop();
    }
    for (const id of ids) expect(attempts.get(id)).toBe(1);
    const [counts] = await owner<{ effects: number; deliveries: number }[]>`
      select (select count(*)::int from notifications where event_id = any(${ids}) and kind = 'outbox-test') as effects,
             (select count(*)::int from event_deliveries where event_id = any(${ids}) and consumer = ${CONSUMER}) as deliveries`;
    expect(counts).toEqual({ effects: 60, deliveries: 60 });
  });

  it("events written many at once (an import's, a campaign's) are dispatched after a single edit's, oldest first in each lane", async () => {
    await stopRunner();
    try {
      const company = await createCompany(tenant.ctx, { name: "Lanes" });
      while ((await dispatchPending(tenant.ctx.tenantId, 100)) > 0);
      const bulk = await withTenant(tenant.ctx, (tx) =>
        emitEvents(tx, tenant.ctx, Array.from({ length: BULK_LANE }, (_, i) => ({ type: "record.updated" as const, entityType: "COMPANY" as const, entityId: company.id, payload: { i } }))),
      );
      const few = await withTenant(tenant.ctx, (tx) => emitEvents(tx, tenant.ctx, Array.from({ length: BULK_LANE - 1 }, () => ({ type: "record.updated" as const, entityType: "COMPANY" as const, entityId: company.id }))));
      const lanes = await owner<{ bulk: boolean; n: number }[]>`select bulk, count(*)::int as n from domain_events where id = any(${[...bulk, ...few]}) group by bulk order by bulk`;
      expect(lanes).toEqual([
        { bulk: false, n: BULK_LANE - 1 },
        { bulk: true, n: BULK_LANE },
      ]);
      // the later, smaller write goes first; then the bulk lane, oldest first
      expect(await dispatchPending(tenant.ctx.tenantId, BULK_LANE - 1)).toBe(BULK_LANE - 1);
      for (const id of few) expect(await dispatched(id)).toBe(true);
      for (const id of bulk) expect(await dispatched(id)).toBe(false);
      expect(await dispatchPending(tenant.ctx.tenantId, 10)).toBe(10);
      const done = await owner<{ id: string }[]>`select id from domain_events where id = any(${bulk}) and dispatched_at is not null`;
      expect(done.map((r) => r.id).sort()).toEqual(bulk.slice(0, 10).sort());
      expect(await dispatchPending(tenant.ctx.tenantId, 100)).toBe(BULK_LANE - 10);
      // a write of more than one statement's worth (500 a statement) is bulk to its last event
      const big = await withTenant(tenant.ctx, (tx) => emitEvents(tx, tenant.ctx, Array.from({ length: 505 }, () => ({ type: "record.updated" as const, entityType: "COMPANY" as const, entityId: company.id }))));
      const [lane] = await owner<{ bulk: number; n: number }[]>`select count(*) filter (where bulk)::int as bulk, count(*)::int as n from domain_events where id = any(${big})`;
      expect(lane).toEqual({ bulk: 505, n: 505 });
      while ((await dispatchPending(tenant.ctx.tenantId, 100)) > 0);
    } finally {
      await startRunner();
    }
  });

  it("(d) a consumer that throws is rolled back and retried by the worker: exactly one effect", async () => {
    const company = await createCompany(tenant.ctx, { name: "fail-once Inc" });
    const eventId = await eventIdOf(company.id);
    // First dispatch: failed, the event keeps the error and a time for the retry, and the row rolled back.
    await vi.waitFor(async () => {
      const [event] = await owner<{ dispatch_attempts: number; dispatch_error: string | null; retry_later: boolean; dispatched_at: Date | null }[]>`
        select dispatch_attempts, dispatch_error, dispatch_after > occurred_at as retry_later, dispatched_at from domain_events where id = ${eventId}`;
      expect(event).toMatchObject({ dispatch_attempts: 1, retry_later: true, dispatched_at: null });
      expect(event!.dispatch_error).toMatch(/fails on purpose/);
    }, WAIT);
    expect(await effects(eventId)).toBe(0);
    expect(await deliveries(eventId)).toBe(0);
    // the other consumers of the event were not held back by the failing one
    expect(await deliveries(eventId, "dynamic-lists")).toBe(1);
    // the relay retries it after a second (backoff 2^0 s)
    await vi.waitFor(async () => {
      expect(await effects(eventId)).toBe(1);
      expect(await dispatched(eventId)).toBe(true);
    }, WAIT);
    expect(attempts.get(eventId)).toBe(3);
    expect(await deliveries(eventId)).toBe(1);
  });

  it("notifies each watcher (user, and every member of a watching group) once, and never the actor", async () => {
    const t = await makeTenant("Watchers Co");
    const [u1, u2, actor] = await Promise.all([makeMember(t.tenantId, "sales_rep", "U1"), makeMember(t.tenantId, "sales_rep", "U2"), makeMember(t.tenantId, "sales_rep", "Actor")]);
    const company = await createCompany(t.ctx, { name: "Globex" });
    await withTenant(t.ctx, async (tx) => {
      const [g] = await tx.insert(tenantGroups).values({ tenantId: t.tenantId, name: "Key accounts" }).returning({ id: tenantGroups.id });
      await tx.insert(tenantGroupMembers).values([u1, u2].map((m) => ({ tenantId: t.tenantId, groupId: g!.id, userId: m.userId })));
      const watch = (principalType: "USER" | "GROUP", principalId: string) =>
        ({ tenantId: t.tenantId, recordType: "COMPANY" as const, recordId: company.id, principalType, principalId, createdByUserId: t.userId });
      // u1 watches directly and through the group; the actor watches too.
      await tx.insert(recordWatchers).values([watch("USER", u1.userId), watch("GROUP", g!.id), watch("USER", actor.userId)]);
    });

    const eventId = await withTenant(actor.ctx, (tx) =>
      emitEvent(tx, actor.ctx, { type: "record.updated", entityType: "COMPANY", entityId: company.id, payload: { title: "Globex", changes: { name: { from: "Old", to: "Globex" } } } }),
    );
    await vi.waitFor(async () => expect(await deliveries(eventId, "notify-watchers")).toBe(1), WAIT);

    const perUser = async () => {
      const rows = await owner<{ user_id: string; n: number }[]>`
        select user_id, count(*)::int as n from notifications where event_id = ${eventId} group by user_id`;
      return Object.fromEntries(rows.map((r) => [r.user_id, r.n]));
    };
    expect(await perUser()).toEqual({ [u1.userId]: 1, [u2.userId]: 1 });
    const [note] = await owner`select tenant_id, kind, title, record_type, record_id from notifications where event_id = ${eventId} and user_id = ${u2.userId}`;
    expect(note).toMatchObject({ tenant_id: t.tenantId, kind: "record.updated", title: "Globex was changed", record_type: "COMPANY", record_id: company.id });

    // Redelivering the event changes nothing.
    const [job] = await owner<{ id: string }[]>`
      select (graphile_worker.add_job('dispatch_event', json_build_object('tenantId', ${t.tenantId}::uuid, 'eventId', ${eventId}::uuid))).id::text as id`;
    await vi.waitFor(async () => {
      const [left] = await owner`select count(*)::int as n from graphile_worker._private_jobs where id = ${job!.id}`;
      expect(left!.n).toBe(0);
    }, WAIT);
    expect(await perUser()).toEqual({ [u1.userId]: 1, [u2.userId]: 1 });
  });
});
