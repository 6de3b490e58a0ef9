import fc from "fast-check";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, customFieldDefinitions, domainEvents, listMembershipLog, listMemberships } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createActivity, updateActivity } from "@/lib/activities/service";
import { AppError } from "@/lib/errors";
import { compileFilter } from "@/lib/filters/compile";
import { createRecord, deleteRecord, restoreRecord, updateRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { dynamicListsConsumer } from "./consumer";
import { listHistory, previewFilter } from "./queries";
import { addMembers, removeMembers, removeMember } from "./members";
import { refreshAllLists, reevaluateRecord, refreshList } from "./dynamic";
import { createList, deleteList, updateList } from "./service";
import { getList, listLists, listMembers, matchingIds } from "./queries";

async function err(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

async function members(ctx: TenantContext, listId: string): Promise<string[]> {
  const rows = await withTenant(ctx, (tx) => tx.select({ id: listMemberships.memberId }).from(listMemberships).where(and(eq(listMemberships.tenantId, ctx.tenantId), eq(listMemberships.listId, listId))));
  return rows.map((r) => r.id).sort();
}

async function logOf(ctx: TenantContext, listId: string) {
  return withTenant(ctx, (tx) => tx.select().from(listMembershipLog).where(and(eq(listMembershipLog.tenantId, ctx.tenantId), eq(listMembershipLog.listId, listId))));
}

async function eventsOf(ctx: TenantContext, type: string) {
  return withTenant(ctx, (tx) => tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, ctx.tenantId), eq(domainEvents.eventType, type))));
}

const contact = (ctx: TenantContext, firstName: string, extra: Record<string, unknown> = {}) => createRecord(ctx, "CONTACT", { firstName, ...extra });

describe("lists: CRUD", () => {
  it("creates, reads, lists, archives, updates and deletes", async () => {
    const t = await makeTenant();
    const a = await createList(t.ctx, { name: "VIPs", objectType: "CONTACT", processingType: "STATIC" });
    expect(a).toMatchObject({ name: "VIPs", objectType: "CONTACT", processingType: "STATIC", memberCount: 0, ownerUserId: t.userId, isArchived: false });
    const b = await createList(t.ctx, { name: "Big cos", objectType: "COMPANY", processingType: "DYNAMIC", filter: { all: [{ field: "employeeCount", op: "gt", value: 100 }] } });
    expect(b.lastRefreshedAt).not.toBeNull();
    expect((await listLists(t.ctx)).map((l) => l.name)).toEqual(["Big cos", "VIPs"]);
    expect((await listLists(t.ctx, { objectType: "COMPANY" })).map((l) => l.id)).toEqual([b.id]);
    await updateList(t.ctx, a.id, { isArchived: true, name: "VIPs (old)" });
    expect((await listLists(t.ctx)).map((l) => l.id)).toEqual([b.id]);
    expect((await listLists(t.ctx, { archived: "true" })).map((l) => l.name)).toEqual(["VIPs (old)"]);
    expect((await listLists(t.ctx, { archived: "all" })).length).toBe(2);
    await deleteList(t.ctx, a.id);
    expect((await err(getList(t.ctx, a.id))).code).toBe("not-found");
  });

  it("requires and validates a filter for DYNAMIC (422 with paths), refuses one for STATIC", async () => {
    const t = await makeTenant();
    expect((await err(createList(t.ctx, { name: "x", objectType: "CONTACT", processingType: "DYNAMIC" }))).extensions.errors).toEqual([{ path: "filter", message: expect.any(String) }]);
    const bad = await err(createList(t.ctx, { name: "x", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "firstName", op: "eq", value: "a" }, { field: "shoeSize", op: "eq", value: 1 }] } }));
    expect(bad.code).toBe("validation");
    expect((bad.extensions.errors as { path: string }[]).map((e) => e.path)).toEqual(["filter.all[1].field"]);
    expect((await err(createList(t.ctx, { name: "x", objectType: "CONTACT", processingType: "STATIC", filter: { all: [] } }))).code).toBe("validation");
    const s = await createList(t.ctx, { name: "s", objectType: "CONTACT" });
    expect((await err(updateList(t.ctx, s.id, { filter: { all: [] } }))).code).toBe("validation");
  });
});

describe("lists: STATIC members", () => {
  it("adds idempotently, removes, logs and emits events, keeps memberCount", async () => {
    const t = await makeTenant();
    const [c1, c2] = [await contact(t.ctx, "Ann"), await contact(t.ctx, "Bob")];
    const list = await createList(t.ctx, { name: "S", objectType: "CONTACT" });
    expect(await addMembers(t.ctx, list.id, { memberIds: [c1.id, c2.id, c1.id] })).toEqual({ added: 2, total: 2 });
    expect(await addMembers(t.ctx, list.id, { memberIds: [c1.id] })).toEqual({ added: 0, total: 2 });
    expect((await getList(t.ctx, list.id)).memberCount).toBe(2);
    await removeMember(t.ctx, list.id, c1.id);
    expect((await err(removeMember(t.ctx, list.id, c1.id))).code).toBe("not-found");
    expect(await members(t.ctx, list.id)).toEqual([c2.id]);
    expect((await getList(t.ctx, list.id)).memberCount).toBe(1);
    const log = await logOf(t.ctx, list.id);
    expect(log.map((l) => `${l.action}:${l.source}`).sort()).toEqual(["ADDED:MANUAL", "ADDED:MANUAL", "REMOVED:MANUAL"]);
    const added = await eventsOf(t.ctx, "list.member_added");
    expect(added).toHaveLength(2);
    expect(added[0]).toMatchObject({ entityType: "CONTACT", payload: expect.objectContaining({ listId: list.id, listName: "S", source: "MANUAL" }) });
    const removed = await eventsOf(t.ctx, "list.member_removed");
    expect(removed.map((e) => e.entityId)).toEqual([c1.id]);
  });

  it("refuses ids of another type, soft-deleted or unknown ids (422 naming them) and DYNAMIC lists (409)", async () => {
    const t = await makeTenant();
    const c = await contact(t.ctx, "Ann");
    const gone = await contact(t.ctx, "Gone");
    await deleteRecord(t.ctx, "CONTACT", gone.id);
    const co = await createRecord(t.ctx, "COMPANY", { name: "Acme" });
    const list = await createList(t.ctx, { name: "S", objectType: "CONTACT" });
    const e = await err(addMembers(t.ctx, list.id, { memberIds: [c.id, co.id, gone.id, "nope"] }));
    expect(e.status).toBe(422);
    expect((e.extensions.invalidIds as string[]).sort()).toEqual([co.id, gone.id, "nope"].sort());
    expect((e.extensions.errors as { path: string }[]).map((x) => x.path)).toEqual(["memberIds[1]", "memberIds[2]", "memberIds[3]"]);
    expect(await members(t.ctx, list.id)).toEqual([]);
    const dyn = await createList(t.ctx, { name: "D", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [] } });
    expect((await err(addMembers(t.ctx, dyn.id, { memberIds: [c.id] }))).status).toBe(409);
    expect((await err(removeMember(t.ctx, dyn.id, c.id))).status).toBe(409);
  });

  it("pages members by keyset, newest first, each exactly once", async () => {
    const t = await makeTenant();
    const list = await createList(t.ctx, { name: "S", objectType: "CONTACT" });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await contact(t.ctx, `P${i}`)).id);
    await addMembers(t.ctx, list.id, { memberIds: ids.slice(0, 4) });
    await addMembers(t.ctx, list.id, { memberIds: ids.slice(4) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listMembers>> = await listMembers(t.ctx, list.id, { limit: 3, cursor });
      seen.push(...page.data.map((m) => m.memberId));
      expect(page.data.every((m) => m.memberType === "CONTACT")).toBe(true);
      cursor = page.nextCursor;
    } while (cursor);
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(new Set(seen.slice(0, 3))).toEqual(new Set(ids.slice(4)));
  });
});

describe("lists: DYNAMIC refresh", () => {
  it("diffs set-based: adds new matches, removes non-matches and soft-deleted records", async () => {
    const t = await makeTenant();
    const ann = await contact(t.ctx, "Ann", { jobTitle: "CEO" });
    const bob = await contact(t.ctx, "Bob", { jobTitle: "CTO" });
    const cid = await contact(t.ctx, "Cid", { jobTitle: "Intern" });
    const list = await createList(t.ctx, { name: "Execs", objectType: "CONTACT", processingType: "DYNAMIC", filter: { any: [{ field: "jobTitle", op: "eq", value: "ceo" }, { field: "jobTitle", op: "eq", value: "CTO" }] } });
    expect(list.memberCount).toBe(2);
    expect(await members(t.ctx, list.id)).toEqual([ann.id, bob.id].sort());
    expect(await refreshList(t.ctx, list.id)).toEqual({ added: 0, removed: 0, total: 2 });

    await updateRecord(t.ctx, "CONTACT", bob.id, { jobTitle: "Retired" });
    await updateRecord(t.ctx, "CONTACT", cid.id, { jobTitle: "CEO" });
    await deleteRecord(t.ctx, "CONTACT", ann.id);
    expect(await refreshList(t.ctx, list.id)).toEqual({ added: 1, removed: 2, total: 1 });
    expect(await members(t.ctx, list.id)).toEqual([cid.id]);
    const log = await logOf(t.ctx, list.id);
    expect(log.filter((l) => l.action === "REMOVED").map((l) => l.memberId).sort()).toEqual([ann.id, bob.id].sort());
    expect(log.every((l) => l.source === "RULE")).toBe(true);
    expect((await getList(t.ctx, list.id)).memberCount).toBe(1);

    // a filter change refreshes at once
    const changed = await updateList(t.ctx, list.id, { filter: { all: [{ field: "firstName", op: "startsWith", value: "b" }] } });
    expect(changed.memberCount).toBe(1);
    expect(await members(t.ctx, list.id)).toEqual([bob.id]);
    // a STATIC list cannot be refreshed
    const s = await createList(t.ctx, { name: "S", objectType: "CONTACT" });
    expect((await err(refreshList(t.ctx, s.id))).status).toBe(409);
  });

  it("fails clearly, leaving members unchanged, when the stored filter no longer validates", async () => {
    const t = await makeTenant();
    await withTenant(t.ctx, (tx) => tx.insert(customFieldDefinitions).values({ tenantId: t.tenantId, objectType: "CONTACT", key: "tier", label: "Tier", fieldType: "TEXT" }));
    const gold = await contact(t.ctx, "Gil", { customFields: { tier: "gold" } });
    const list = await createList(t.ctx, { name: "Gold", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "customFields.tier", op: "eq", value: "gold" }] } });
    expect(await members(t.ctx, list.id)).toEqual([gold.id]);
    await withTenant(t.ctx, (tx) => tx.delete(customFieldDefinitions).where(eq(customFieldDefinitions.tenantId, t.tenantId)));
    const e = await err(refreshList(t.ctx, list.id));
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/filter of list "Gold" is no longer valid/);
    expect(e.extensions.errors).toEqual([expect.objectContaining({ path: "filter.all[0].field" })]);
    expect(await members(t.ctx, list.id)).toEqual([gold.id]);
    // the consumer skips such a list instead of failing forever
    await withTenant(t.ctx, (tx) => reevaluateRecord(tx, t.ctx, "CONTACT", gold.id));
  });
});

describe("lists: automatic membership", () => {
  it("the dynamic-lists consumer handles record events of the five kinds, and manual list changes", () => {
    const ev = (eventType: string, entityType: string | null) => ({ eventType, entityType, entityId: "00000000-0000-0000-0000-000000000000" }) as never;
    expect(dynamicListsConsumer.handles(ev("record.updated", "CONTACT"))).toBe(true);
    expect(dynamicListsConsumer.handles(ev("stage.changed", "DEAL"))).toBe(true);
    expect(dynamicListsConsumer.handles(ev("list.member_added", "CONTACT"))).toBe(false);
    const listEv = (source: string) => ({ eventType: "list.member_added", entityType: "CONTACT", entityId: "00000000-0000-0000-0000-000000000000", payload: { listId: "x", source } }) as never;
    expect(dynamicListsConsumer.handles(listEv("MANUAL"))).toBe(true);
    expect(dynamicListsConsumer.handles(listEv("RULE"))).toBe(false);
    expect(dynamicListsConsumer.handles({ eventType: "activity.updated", entityType: "ACTIVITY", entityId: null, payload: { activityId: "x" } } as never)).toBe(true);
    expect(dynamicListsConsumer.handles(ev("record.updated", "ACTIVITY"))).toBe(false);
  });

  it("after random record changes, membership driven by the events equals a fresh full recompute", async () => {
    const t = await makeTenant();
    const titles = ["CEO", "CTO", "Intern", null] as const;
    const industries = ["Retail", "Software", null] as const;
    const cos: string[] = [];
    for (const industry of industries) cos.push((await createRecord(t.ctx, "COMPANY", { name: `Co ${industry}`, industry })).id);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await contact(t.ctx, `N${i}`, { jobTitle: titles[i % 4], tags: i % 3 === 0 ? ["vip"] : [], companyId: cos[i % 3] })).id);
    const picked = await createList(t.ctx, { name: "Picked", objectType: "CONTACT" });
    const execs = await createList(t.ctx, { name: "D0", objectType: "CONTACT", processingType: "DYNAMIC", filter: { any: [{ field: "jobTitle", op: "in", value: ["ceo", "cto"] }, { field: "tags", op: "hasAny", value: ["vip"] }] } });
    const filters = [
      { all: [{ field: "jobTitle", op: "isNotEmpty" }, { field: "firstName", op: "notContains", value: "3" }] },
      { all: [{ field: "company.industry", op: "eq", value: "retail" }, { field: "createdAt", op: "withinLastDays", value: 30 }] },
      // depends on another dynamic list and on a static one
      { all: [{ field: "id", op: "inList", value: execs.id }, { field: "id", op: "notInList", value: picked.id }] },
    ];
    const dyn = [execs];
    for (const [i, filter] of filters.entries()) dyn.push(await createList(t.ctx, { name: `D${i + 1}`, objectType: "CONTACT", processingType: "DYNAMIC", filter }));
    // every contact (a filter without conditions has no members: see matchesNothing)
    const archived = await createList(t.ctx, { name: "Archived", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "createdAt", op: "isNotEmpty" }] } });
    await updateList(t.ctx, archived.id, { isArchived: true });
    const archivedBefore = await members(t.ctx, archived.id);

    // what the worker does: hand every new event to the consumer, including the events it causes
    const handled = new Set<string>();
    const drain = async () => {
      for (;;) {
        const fresh = (await withTenant(t.ctx, (tx) => tx.select().from(domainEvents).where(eq(domainEvents.tenantId, t.tenantId)).orderBy(domainEvents.seq))).filter((e) => !handled.has(e.id));
        if (fresh.length === 0) return;
        for (const e of fresh) {
          handled.add(e.id);
          if (dynamicListsConsumer.handles(e)) await withTenant(t.ctx, (tx) => dynamicListsConsumer.handle(tx, t.ctx, e));
        }
      }
    };
    await drain();

    const step = fc.record({
      who: fc.nat({ max: ids.length - 1 }),
      what: fc.oneof(
        fc.record({ kind: fc.constant("title" as const), v: fc.constantFrom(...titles) }),
        fc.record({ kind: fc.constant("tags" as const), v: fc.constantFrom([], ["vip"], ["x"]) }),
        fc.record({ kind: fc.constant("delete" as const) }),
        fc.record({ kind: fc.constant("name" as const), v: fc.constantFrom("N3", "Zed", "Q") }),
        fc.record({ kind: fc.constant("company" as const), v: fc.nat({ max: cos.length - 1 }) }),
        fc.record({ kind: fc.constant("industry" as const), co: fc.nat({ max: cos.length - 1 }), v: fc.constantFrom(...industries) }),
        fc.record({ kind: fc.constant("pick" as const) }),
      ),
    });
    const deleted = new Set<string>();
    const steps = fc.sample(step, { numRuns: 40, seed: 42 });
    for (const s of steps) {
      const id = ids[s.who]!;
      const w = s.what;
      if (w.kind === "delete") {
        if (deleted.has(id)) {
          await restoreRecord(t.ctx, "CONTACT", id);
          deleted.delete(id);
        } else {
          await deleteRecord(t.ctx, "CONTACT", id);
          deleted.add(id);
        }
      } else if (w.kind === "industry") {
        await updateRecord(t.ctx, "COMPANY", cos[w.co]!, { industry: w.v });
      } else if (w.kind === "pick") {
        if ((await members(t.ctx, picked.id)).includes(id)) await removeMember(t.ctx, picked.id, id);
        else if (!deleted.has(id)) await addMembers(t.ctx, picked.id, { memberIds: [id] });
      } else if (!deleted.has(id)) {
        const patch = w.kind === "title" ? { jobTitle: w.v } : w.kind === "tags" ? { tags: w.v } : w.kind === "company" ? { companyId: cos[w.v] } : { firstName: w.v };
        await updateRecord(t.ctx, "CONTACT", id, patch);
      }
      await drain();
    }
    expect(new Set(steps.map((s) => s.what.kind)).size).toBe(7);
    for (const list of dyn) {
      const expected = (await matchingIds(t.ctx, list.id)).sort();
      expect(await members(t.ctx, list.id), list.name).toEqual(expected);
      expect((await getList(t.ctx, list.id)).memberCount).toBe(expected.length);
      expect(await refreshList(t.ctx, list.id)).toEqual({ added: 0, removed: 0, total: expected.length });
    }
    expect(await members(t.ctx, archived.id)).toEqual(archivedBefore);
    await updateList(t.ctx, archived.id, { isArchived: false });
    expect(await members(t.ctx, archived.id)).toEqual(ids.filter((id) => !deleted.has(id)).sort());
    expect(await refreshAllLists(t.ctx)).toEqual({ refreshed: 5, failed: [] });
  });

  it("a list naming another dynamic list follows it in the same re-evaluation, and a static list's manual changes", async () => {
    const t = await makeTenant();
    const picked = await createList(t.ctx, { name: "Picked", objectType: "CONTACT" });
    const ceos = await createList(t.ctx, { name: "CEOs", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "jobTitle", op: "eq", value: "CEO" }] } });
    const dep = await createList(t.ctx, { name: "CEOs not picked", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "id", op: "inList", value: ceos.id }, { field: "id", op: "notInList", value: picked.id }] } });
    const c = await contact(t.ctx, "Ann");
    await updateRecord(t.ctx, "CONTACT", c.id, { jobTitle: "CEO" });
    const changes = await withTenant(t.ctx, (tx) => reevaluateRecord(tx, t.ctx, "CONTACT", c.id));
    expect(changes).toEqual([{ listId: ceos.id, action: "ADDED" }, { listId: dep.id, action: "ADDED" }]);
    await addMembers(t.ctx, picked.id, { memberIds: [c.id] });
    const [added] = (await eventsOf(t.ctx, "list.member_added")).filter((e) => (e.payload as { listId: string }).listId === picked.id);
    await withTenant(t.ctx, (tx) => dynamicListsConsumer.handle(tx, t.ctx, added!));
    expect(await members(t.ctx, dep.id)).toEqual([]);
    expect((await getList(t.ctx, dep.id)).memberCount).toBe(0);
  });

  it("the daily job refreshes only the lists whose filters move with the clock, and the lists naming them", async () => {
    const t = await makeTenant();
    const c = await contact(t.ctx, "Ann", { jobTitle: "CEO" });
    const recent = await createList(t.ctx, { name: "Recent", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "createdAt", op: "withinLastDays", value: 30 }] } });
    const viaRecent = await createList(t.ctx, { name: "Via", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "id", op: "inList", value: recent.id }] } });
    const ceos = await createList(t.ctx, { name: "CEOs", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "jobTitle", op: "eq", value: "CEO" }] } });
    // memberships gone stale without any event (as if a day passed)
    await withTenant(t.ctx, (tx) => tx.delete(listMemberships).where(eq(listMemberships.tenantId, t.tenantId)));
    expect(await refreshAllLists(t.ctx, { relativeOnly: true })).toEqual({ refreshed: 2, failed: [] });
    expect(await members(t.ctx, recent.id)).toEqual([c.id]);
    expect(await members(t.ctx, viaRecent.id)).toEqual([c.id]);
    expect(await members(t.ctx, ceos.id)).toEqual([]);
    expect(await refreshAllLists(t.ctx)).toEqual({ refreshed: 3, failed: [] });
    expect(await members(t.ctx, ceos.id)).toEqual([c.id]);
  });

  it("refuses a filter naming an unknown list, a list of another type, or itself through other lists (422 at the value)", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const theirs = await createList(other.ctx, { name: "Theirs", objectType: "CONTACT" });
    const companiesList = await createList(t.ctx, { name: "Cos", objectType: "COMPANY" });
    const inList = (id: string) => ({ all: [{ field: "email", op: "isNotEmpty" }, { field: "id", op: "inList", value: id }] });
    for (const id of [theirs.id, companiesList.id]) {
      const e = await err(createList(t.ctx, { name: "x", objectType: "CONTACT", processingType: "DYNAMIC", filter: inList(id) }));
      expect(e.extensions.errors).toEqual([{ path: "filter.all[1].value", message: expect.any(String) }]);
    }
    const a = await createList(t.ctx, { name: "A", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [] } });
    const b = await createList(t.ctx, { name: "B", objectType: "CONTACT", processingType: "DYNAMIC", filter: inList(a.id) });
    const cycle = await err(updateList(t.ctx, a.id, { filter: inList(b.id) }));
    expect(cycle.extensions.errors).toEqual([{ path: "filter.all[1].value", message: '"B" depends on this list, so this list cannot depend on it' }]);
    expect((await err(updateList(t.ctx, a.id, { filter: inList(a.id) }))).status).toBe(422);
  });

  it("the consumer joins and leaves via events with source RULE", async () => {
    const t = await makeTenant();
    const list = await createList(t.ctx, { name: "Vips", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "tags", op: "hasAny", value: ["vip"] }] } });
    const c = await contact(t.ctx, "Ann");
    const handle = async () => {
      const [ev] = (await eventsOf(t.ctx, "record.updated")).concat(await eventsOf(t.ctx, "record.created")).filter((e) => e.entityId === c.id).slice(-1);
      await withTenant(t.ctx, (tx) => dynamicListsConsumer.handle(tx, t.ctx, ev!));
    };
    await updateRecord(t.ctx, "CONTACT", c.id, { tags: ["vip"] });
    await handle();
    expect(await members(t.ctx, list.id)).toEqual([c.id]);
    await updateRecord(t.ctx, "CONTACT", c.id, { tags: [] });
    await handle();
    expect(await members(t.ctx, list.id)).toEqual([]);
    const events = (await eventsOf(t.ctx, "list.member_added")).concat(await eventsOf(t.ctx, "list.member_removed"));
    expect(events.map((e) => (e.payload as { source: string }).source)).toEqual(["RULE", "RULE"]);
  });
});

describe("lists: activity lists", () => {
  it("follow activity events (which name the activity in their payload)", async () => {
    const t = await makeTenant();
    const c = await contact(t.ctx, "Ann");
    const calls = await createList(t.ctx, { name: "Calls", objectType: "ACTIVITY", processingType: "DYNAMIC", filter: { all: [{ field: "activityType", op: "eq", value: "CALL" }, { field: "subject", op: "contains", value: "demo" }] } });
    const call = await createActivity(t.ctx, { activityType: "CALL", recordType: "CONTACT", recordId: c.id, subject: "Demo call" });
    const [created] = await eventsOf(t.ctx, "activity.created");
    expect(dynamicListsConsumer.handles(created!)).toBe(true);
    await withTenant(t.ctx, (tx) => dynamicListsConsumer.handle(tx, t.ctx, created!));
    expect(await members(t.ctx, calls.id)).toEqual([call.id]);
    await updateActivity(t.ctx, call.id, { subject: "Intro call" });
    const [updated] = await eventsOf(t.ctx, "activity.updated");
    await withTenant(t.ctx, (tx) => dynamicListsConsumer.handle(tx, t.ctx, updated!));
    expect(await members(t.ctx, calls.id)).toEqual([]);
  });
});

describe("lists: tenant isolation", () => {
  it("A cannot see or change B's lists; A's filters never read B's rows", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const bList = await createList(b.ctx, { name: "B", objectType: "CONTACT" });
    const bContact = await contact(b.ctx, "Bea", { jobTitle: "CEO" });
    const attempts = [
      () => getList(a.ctx, bList.id),
      () => updateList(a.ctx, bList.id, { name: "x" }),
      () => deleteList(a.ctx, bList.id),
      () => listMembers(a.ctx, bList.id),
      () => refreshList(a.ctx, bList.id),
      () => addMembers(a.ctx, bList.id, { memberIds: [bContact.id] }),
      () => removeMember(a.ctx, bList.id, bContact.id),
      () => removeMembers(a.ctx, bList.id, { memberIds: [bContact.id] }),
      () => listHistory(a.ctx, bList.id),
      () => previewFilter(a.ctx, { objectType: "CONTACT", filter: { all: [] }, listId: bList.id }),
    ];
    for (const attempt of attempts) {
      expect((await err(attempt())).code).toBe("not-found");
    }
    expect(await listLists(a.ctx)).toEqual([]);
    const aStatic = await createList(a.ctx, { name: "A", objectType: "CONTACT" });
    expect((await err(addMembers(a.ctx, aStatic.id, { memberIds: [bContact.id] }))).status).toBe(422);
    const aDyn = await createList(a.ctx, { name: "A", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "jobTitle", op: "eq", value: "CEO" }] } });
    expect(aDyn.memberCount).toBe(0);
    await withTenant(a.ctx, (tx) => reevaluateRecord(tx, a.ctx, "CONTACT", bContact.id));
    expect(await members(a.ctx, aDyn.id)).toEqual([]);
    expect((await getList(b.ctx, bList.id)).name).toBe("B");
    // A's filters see only A's rows, even naming B's list
    await addMembers(b.ctx, bList.id, { memberIds: [bContact.id] });
    const mine = await contact(a.ctx, "Al", { jobTitle: "CEO" });
    const everyone = await createList(a.ctx, { name: "All", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [{ field: "createdAt", op: "isNotEmpty" }] } });
    expect(await members(a.ctx, everyone.id)).toEqual([mine.id]);
    const viaB = { any: [{ field: "id", op: "inList", value: bList.id }] };
    const refused = await err(createList(a.ctx, { name: "In B", objectType: "CONTACT", processingType: "DYNAMIC", filter: viaB }));
    expect(refused.extensions.errors).toEqual([{ path: "filter.any[0].value", message: "no list with this id in this workspace" }]);
    // compiled anyway (as a table filter is), B's list yields nothing in A, even with A's RLS set to B's rows
    const where = compileFilter("CONTACT", viaB, { tenantId: a.tenantId, userId: null });
    const leaked = await withTenant(a.ctx, (tx) => tx.select({ id: contacts.id }).from(contacts).where(where));
    expect(leaked).toEqual([]);
  });
});

describe("lists: builder preview and history", () => {
  it("previews the count and newest matches, or the errors by path; history says who and why", async () => {
    const t = await makeTenant();
    const ann = await contact(t.ctx, "Ann", { jobTitle: "CEO" });
    const bob = await contact(t.ctx, "Bob", { jobTitle: "CEO" });
    await contact(t.ctx, "Cid", { jobTitle: "Intern" });
    const ok = await previewFilter(t.ctx, { objectType: "CONTACT", filter: { all: [{ field: "jobTitle", op: "eq", value: "ceo" }] } });
    expect(ok).toEqual({ ok: true, preview: { count: { count: 2, capped: false }, sample: [expect.objectContaining({ id: bob.id, title: "Bob", href: `/contacts/${bob.id}` }), expect.objectContaining({ id: ann.id })] } });
    const bad = await previewFilter(t.ctx, { objectType: "CONTACT", filter: { all: [{ field: "jobTitle", op: "eq", value: "ceo" }, { field: "createdAt", op: "withinLastDays", value: -1 }] } });
    expect(bad).toEqual({ ok: false, errors: [{ path: "filter.all[1].value", message: expect.any(String) }] });

    const list = await createList(t.ctx, { name: "S", objectType: "CONTACT" });
    await addMembers(t.ctx, list.id, { memberIds: [ann.id, bob.id] });
    await removeMembers(t.ctx, list.id, { memberIds: [ann.id, "not-an-id"] });
    const history = await listHistory(t.ctx, list.id);
    expect(history.map((h) => `${h.action}:${h.source}:${h.title}`)).toEqual(expect.arrayContaining(["REMOVED:MANUAL:Ann", "ADDED:MANUAL:Bob", "ADDED:MANUAL:Ann"]));
    expect(history[0]).toMatchObject({ action: "REMOVED", title: "Ann", actorName: expect.any(String) });
    expect((await getList(t.ctx, list.id)).memberCount).toBe(1);
  });
});
