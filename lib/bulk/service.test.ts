import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, domainEvents, listMembershipLog, listMemberships, lists, recordChanges, tenantGroups } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { addMembers } from "@/lib/lists/members";
import { createRecord, deleteRecord, getRecord, restoreRecord, updateRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { restoreDeleted, runBulkAction } from "./service";

async function people(ctx: TenantContext, n: number, extra: (i: number) => Record<string, unknown> = () => ({})) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await createRecord(ctx, "CONTACT", { firstName: `P${i}`, email: `p${i}@acme.test`, ...extra(i) })).id);
  return ids;
}

async function eventsOf(ctx: TenantContext, type: string, ids: string[]) {
  return withTenant(ctx, (tx) =>
    tx
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.tenantId, ctx.tenantId), eq(domainEvents.eventType, type), inArray(domainEvents.entityId, ids)))
      .orderBy(asc(domainEvents.seq)),
  );
}

async function auditOf(ctx: TenantContext, ids: string[]) {
  return withTenant(ctx, (tx) => tx.select().from(recordChanges).where(and(eq(recordChanges.tenantId, ctx.tenantId), inArray(recordChanges.recordId, ids))));
}

async function tagsOf(ctx: TenantContext, ids: string[]) {
  const rows = await withTenant(ctx, (tx) => tx.select({ id: contacts.id, tags: contacts.tags }).from(contacts).where(inArray(contacts.id, ids)));
  return Object.fromEntries(rows.map((r) => [r.id, r.tags]));
}

async function makeList(ctx: TenantContext, values: Partial<typeof lists.$inferInsert> = {}) {
  const [row] = await withTenant(ctx, (tx) => tx.insert(lists).values({ tenantId: ctx.tenantId, name: "Newsletter", objectType: "CONTACT", processingType: "STATIC", ...values }).returning());
  return row!;
}

describe("bulk: owner", () => {
  it("assigns a user or a group, auditing and emitting record.updated only for records that change", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
    const ids = await people(t.ctx, 3, (i) => (i === 2 ? { ownedByUserId: rep.userId } : {}));
    const res = await runBulkAction(t.ctx, "CONTACT", { ids }, { type: "assignOwner", userId: rep.userId });
    expect(res).toEqual({ matched: 3, changed: 2 });
    for (const id of ids) expect((await getRecord(t.ctx, "CONTACT", id)).ownedByUserId).toBe(rep.userId);
    const events = await eventsOf(t.ctx, "record.updated", ids);
    expect(events.map((e) => e.entityId).sort()).toEqual(ids.slice(0, 2).sort());
    expect(events[0]!.payload).toMatchObject({
      title: expect.stringMatching(/^P[01]$/),
      changes: { ownedByUserId: { from: t.userId, to: rep.userId } },
      record: { id: events[0]!.entityId, ownedByUserId: rep.userId },
      actor: { kind: "user", userId: t.userId },
    });
    const audit = await auditOf(t.ctx, ids);
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ recordType: "CONTACT", changedByUserId: t.userId, source: "USER", changes: { ownedByUserId: { from: t.userId, to: rep.userId } } });

    const [group] = await withTenant(t.ctx, (tx) => tx.insert(tenantGroups).values({ tenantId: t.tenantId, name: "EMEA" }).returning());
    expect(await runBulkAction(t.ctx, "CONTACT", { ids: [ids[0]!] }, { type: "assignGroup", groupId: group!.id })).toEqual({ matched: 1, changed: 1 });
    expect(await getRecord(t.ctx, "CONTACT", ids[0]!)).toMatchObject({ ownedByGroupId: group!.id, ownedByUserId: null });
  });

  it("refuses an owner who is not an active member, or a group of another tenant (422), and needs records.write", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const ids = await people(a.ctx, 1);
    await expect(runBulkAction(a.ctx, "CONTACT", { ids }, { type: "assignOwner", userId: b.userId })).rejects.toMatchObject({ code: "validation" });
    const [bGroup] = await withTenant(b.ctx, (tx) => tx.insert(tenantGroups).values({ tenantId: b.tenantId, name: "B" }).returning());
    await expect(runBulkAction(a.ctx, "CONTACT", { ids }, { type: "assignGroup", groupId: bGroup!.id })).rejects.toMatchObject({ code: "validation" });
    const viewer = await makeMember(a.tenantId, "readonly");
    await expect(runBulkAction(viewer.ctx, "CONTACT", { ids }, { type: "addTags", tags: ["x"] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(runBulkAction(viewer.ctx, "CONTACT", { ids }, { type: "delete" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await auditOf(a.ctx, ids)).toEqual([]);
  });
});

describe("bulk: tags", () => {
  it("adds and removes tags idempotently, keeping order and other tags", async () => {
    const t = await makeTenant();
    const ids = await people(t.ctx, 3, (i) => ({ tags: i === 0 ? ["old", "vip"] : ["old"] }));
    expect(await runBulkAction(t.ctx, "CONTACT", { ids }, { type: "addTags", tags: ["vip", "2025", "vip"] })).toEqual({ matched: 3, changed: 3 });
    expect(await tagsOf(t.ctx, ids)).toEqual({ [ids[0]!]: ["old", "vip", "2025"], [ids[1]!]: ["old", "vip", "2025"], [ids[2]!]: ["old", "vip", "2025"] });
    // again: nothing changes, nothing is audited
    expect(await runBulkAction(t.ctx, "CONTACT", { ids }, { type: "addTags", tags: ["vip"] })).toEqual({ matched: 3, changed: 0 });
    expect(await auditOf(t.ctx, ids)).toHaveLength(3);
    const [first] = (await auditOf(t.ctx, [ids[0]!])).map((a) => a.changes);
    expect(first).toEqual({ tags: { from: ["old", "vip"], to: ["old", "vip", "2025"] } });

    // names match without case, as tags are unique without case: the stored spelling wins
    expect(await runBulkAction(t.ctx, "CONTACT", { ids: [ids[2]!] }, { type: "addTags", tags: ["VIP", "Old"] })).toEqual({ matched: 1, changed: 0 });
    expect(await runBulkAction(t.ctx, "CONTACT", { ids: [ids[0]!, ids[1]!] }, { type: "removeTags", tags: ["VIP", "absent"] })).toEqual({ matched: 2, changed: 2 });
    expect(await runBulkAction(t.ctx, "CONTACT", { ids: [ids[0]!, ids[1]!] }, { type: "removeTags", tags: ["vip"] })).toEqual({ matched: 2, changed: 0 });
    expect(await tagsOf(t.ctx, ids)).toEqual({ [ids[0]!]: ["old", "2025"], [ids[1]!]: ["old", "2025"], [ids[2]!]: ["old", "vip", "2025"] });
    const removed = await eventsOf(t.ctx, "record.updated", [ids[0]!]);
    expect(removed.at(-1)!.payload).toMatchObject({ changes: { tags: { from: ["old", "vip", "2025"], to: ["old", "2025"] } } });
  });

  it("applies 'all matching' to exactly the records of the search and filter", async () => {
    const t = await makeTenant();
    const ids = await people(t.ctx, 6, (i) => ({ lastName: i < 4 ? "Acme" : "Other", tags: i === 0 ? ["lead"] : [] }));
    const res = await runBulkAction(
      t.ctx,
      "CONTACT",
      { all: true, q: "acme", filter: { all: [{ field: "lastName", op: "eq", value: "acme" }, { field: "tags", op: "isEmpty" }] } },
      { type: "addTags", tags: ["campaign"] },
    );
    expect(res).toEqual({ matched: 3, changed: 3 });
    const tags = await tagsOf(t.ctx, ids);
    expect(ids.map((id) => tags[id])).toEqual([["lead"], ["campaign"], ["campaign"], ["campaign"], [], []]);
    await expect(runBulkAction(t.ctx, "CONTACT", { all: true, filter: { all: [{ field: "nope", op: "eq", value: 1 }] } }, { type: "delete" })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "filter.all[0].field" }] },
    });
  });
});

describe("bulk: add to a static list", () => {
  it("adds new members once, logs them, emits list.member_added per new member and keeps memberCount", async () => {
    const t = await makeTenant();
    const ids = await people(t.ctx, 3);
    const list = await makeList(t.ctx);
    expect(await runBulkAction(t.ctx, "CONTACT", { ids: ids.slice(0, 2) }, { type: "addToList", listId: list.id })).toEqual({ matched: 2, changed: 2 });
    expect(await runBulkAction(t.ctx, "CONTACT", { ids }, { type: "addToList", listId: list.id })).toEqual({ matched: 3, changed: 1 });
    const members = await withTenant(t.ctx, (tx) => tx.select().from(listMemberships).where(eq(listMemberships.listId, list.id)));
    expect(members.map((m) => m.memberId).sort()).toEqual([...ids].sort());
    expect(members[0]).toMatchObject({ memberType: "CONTACT", source: "MANUAL", addedByUserId: t.userId });
    const events = await eventsOf(t.ctx, "list.member_added", ids);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ entityType: "CONTACT", payload: { listId: list.id, listName: "Newsletter", source: "MANUAL", actor: { userId: t.userId } } });
    expect(await withTenant(t.ctx, (tx) => tx.select().from(listMembershipLog).where(eq(listMembershipLog.listId, list.id)))).toHaveLength(3);
    const [after] = await withTenant(t.ctx, (tx) => tx.select().from(lists).where(eq(lists.id, list.id)));
    expect(after!.memberCount).toBe(3);
  });

  it("refuses a dynamic list (409), a list of another object type (422), an archived list (409) and another tenant's list (404)", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const ids = await people(t.ctx, 1);
    const dynamic = await makeList(t.ctx, { processingType: "DYNAMIC", filter: { all: [] } });
    const companiesList = await makeList(t.ctx, { objectType: "COMPANY" });
    const archived = await makeList(t.ctx, { isArchived: true });
    const foreign = await makeList(other.ctx);
    await expect(runBulkAction(t.ctx, "CONTACT", { ids }, { type: "addToList", listId: dynamic.id })).rejects.toMatchObject({ code: "conflict", status: 409 });
    await expect(runBulkAction(t.ctx, "CONTACT", { ids }, { type: "addToList", listId: companiesList.id })).rejects.toMatchObject({
      code: "validation",
      status: 422,
      extensions: { errors: [{ path: "listId", message: "is a list of companies, not of contacts" }] },
    });
    await expect(runBulkAction(t.ctx, "CONTACT", { ids }, { type: "addToList", listId: archived.id })).rejects.toMatchObject({ code: "conflict" });
    await expect(runBulkAction(t.ctx, "CONTACT", { ids }, { type: "addToList", listId: foreign.id })).rejects.toMatchObject({ code: "not-found" });
    expect(await withTenant(t.ctx, (tx) => tx.select().from(listMemberships))).toEqual([]);
  });
});

describe("bulk: delete and undo", () => {
  it("soft-deletes, and undo restores exactly those ids — not records deleted before or since", async () => {
    const t = await makeTenant();
    const ids = await people(t.ctx, 4);
    await runBulkAction(t.ctx, "CONTACT", { ids: [ids[3]!] }, { type: "delete" }); // deleted earlier, stays deleted
    const res = await runBulkAction(t.ctx, "CONTACT", { ids }, { type: "delete" });
    expect(res).toMatchObject({ matched: 3, changed: 3, undo: { ids: [...ids.slice(0, 3)].sort(), deletedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/) } });
    for (const id of ids) await expect(getRecord(t.ctx, "CONTACT", id)).rejects.toMatchObject({ code: "not-found" });
    const deletedEvents = await eventsOf(t.ctx, "record.deleted", ids);
    expect(deletedEvents).toHaveLength(4);
    expect(deletedEvents[1]!.payload).toMatchObject({ title: expect.stringMatching(/^P\d$/) });

    // ids[0] is restored and deleted again by someone else: undo must not bring it back
    await restoreDeleted(t.ctx, "CONTACT", { ids: [ids[0]!], deletedAt: res.undo!.deletedAt });
    await runBulkAction(t.ctx, "CONTACT", { ids: [ids[0]!] }, { type: "delete" });

    const undone = await restoreDeleted(t.ctx, "CONTACT", { ids: [...res.undo!.ids, ids[3]!], deletedAt: res.undo!.deletedAt });
    expect(undone).toEqual({ matched: 2, changed: 2 });
    expect((await getRecord(t.ctx, "CONTACT", ids[1]!)).deletedAt).toBeNull();
    expect((await getRecord(t.ctx, "CONTACT", ids[2]!)).deletedAt).toBeNull();
    await expect(getRecord(t.ctx, "CONTACT", ids[0]!)).rejects.toMatchObject({ code: "not-found" });
    await expect(getRecord(t.ctx, "CONTACT", ids[3]!)).rejects.toMatchObject({ code: "not-found" });
    const restored = (await eventsOf(t.ctx, "record.updated", [ids[1]!])).at(-1)!;
    expect(restored.payload).toMatchObject({ restored: true });
    const audit = (await auditOf(t.ctx, [ids[1]!])).map((a) => a.changes);
    expect(audit).toEqual(expect.arrayContaining([{ deletedAt: { from: null, to: res.undo!.deletedAt } }, { deletedAt: { from: res.undo!.deletedAt, to: null } }]));
  });
});

describe("bulk: tenant isolation", () => {
  it("ignores ids of another tenant and leaves that tenant's rows untouched", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const mine = await people(a.ctx, 1);
    const theirs = await people(b.ctx, 2, () => ({ tags: ["b"] }));
    const list = await makeList(a.ctx);
    const ids = [...mine, ...theirs, randomUUID()];
    expect(await runBulkAction(a.ctx, "CONTACT", { ids }, { type: "addTags", tags: ["a"] })).toEqual({ matched: 1, changed: 1 });
    expect(await runBulkAction(a.ctx, "CONTACT", { ids }, { type: "addToList", listId: list.id })).toEqual({ matched: 1, changed: 1 });
    const del = await runBulkAction(a.ctx, "CONTACT", { ids }, { type: "delete" });
    expect(del.undo!.ids).toEqual(mine);
    expect(await restoreDeleted(a.ctx, "CONTACT", { ids: theirs, deletedAt: del.undo!.deletedAt })).toEqual({ matched: 0, changed: 0 });
    expect(await runBulkAction(a.ctx, "CONTACT", { all: true }, { type: "addTags", tags: ["all-a"] })).toEqual({ matched: 0, changed: 0 });

    for (const id of theirs) expect(await getRecord(b.ctx, "CONTACT", id)).toMatchObject({ tags: ["b"], deletedAt: null });
    expect(await auditOf(b.ctx, theirs)).toEqual([]);
    expect(await withTenant(b.ctx, (tx) => tx.select().from(domainEvents).where(and(eq(domainEvents.eventType, "record.updated"), inArray(domainEvents.entityId, theirs))))).toEqual([]);
  });
});

describe("bulk: limits", () => {
  it("refuses 'all matching' above 50,000 records with a clear message", async () => {
    const t = await makeTenant();
    await withTenant(t.ctx, (tx) => tx.execute(sql`insert into contacts (tenant_id, first_name) select ${t.tenantId}::uuid, 'P' || g from generate_series(1, 50001) g`));
    await expect(runBulkAction(t.ctx, "CONTACT", { all: true }, { type: "addTags", tags: ["x"] })).rejects.toMatchObject({
      code: "validation",
      message: "The selection matches more than 50,000 contacts; narrow the search or filter and try again",
    });
    const [{ n }] = (await withTenant(t.ctx, (tx) => tx.execute(sql`select count(*)::int as n from contacts where tenant_id = ${t.tenantId}::uuid and tags <> '{}'`))) as unknown as [{ n: number }];
    expect(n).toBe(0);
  }, 120_000);
});

describe("bulk: the same rows as the single edit", () => {
  // Two tenants, the same records; one gets the change from the single-record services, the
  // other from a bulk action. Everything written must be the same but for ids and times.
  const volatile = new Set(["id", "tenantId", "seq", "occurredAt", "changedAt", "createdAt", "updatedAt", "addedAt", "deletedAt", "dispatchedAt", "actorUserId", "changedByUserId", "addedByUserId", "createdByUserId", "ownedByUserId", "userId", "recordId", "entityId", "memberId", "listId", "email"]);
  const scrub = (v: unknown, names: Map<string, string>): unknown => {
    if (Array.isArray(v)) return v.map((x) => scrub(x, names));
    if (v instanceof Date) return "<time>";
    if (typeof v === "string") return names.get(v) ?? (/^\d{4}-\d{2}-\d{2}T/.test(v) ? "<time>" : v);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, volatile.has(k) && typeof x !== "object" ? (names.get(String(x)) ?? (x === null ? null : "<v>")) : scrub(x, names)]));
    return v;
  };

  async function world() {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
    const ids = await people(t.ctx, 2, (i) => ({ tags: i ? ["Old"] : [] }));
    const list = await makeList(t.ctx);
    // stable names for ids, so two tenants' rows compare
    const names = new Map<string, string>([[t.userId, "<admin>"], [rep.userId, "<rep>"], [list.id, "<list>"], [t.tenantId, "<tenant>"], ...ids.map((id, i) => [id, `<record ${i}>`] as [string, string])]);
    return { t, rep, ids, list, names };
  }

  async function written(w: Awaited<ReturnType<typeof world>>) {
    const { t, ids, names } = w;
    return withTenant(t.ctx, async (tx) => {
      const records = await tx.select().from(contacts).where(inArray(contacts.id, ids)).orderBy(asc(contacts.firstName));
      const changes = await tx.select().from(recordChanges).where(inArray(recordChanges.recordId, ids));
      const events = await tx.select().from(domainEvents).where(inArray(domainEvents.entityId, ids)).orderBy(asc(domainEvents.seq));
      const memberships = await tx.select().from(listMemberships).where(inArray(listMemberships.memberId, ids));
      const log = await tx.select().from(listMembershipLog).where(inArray(listMembershipLog.memberId, ids));
      // by record, then by content (rows of one record may come back in any order)
      const sortBy = (rows: Record<string, unknown>[], key: string) =>
        rows.map((r) => ({ r, k: `${names.get(String(r[key]))} ${JSON.stringify(scrub(r, names))}` })).sort((a, b) => a.k.localeCompare(b.k)).map((x) => x.r);
      return scrub(
        {
          records,
          changes: sortBy(changes, "recordId"),
          events: sortBy(events.filter((e) => e.eventType !== "record.created"), "entityId"),
          memberships: sortBy(memberships, "memberId"),
          log: sortBy(log, "memberId"),
        },
        names,
      );
    });
  }

  it("owner, tags, list, delete and restore made one by one and in bulk write identical rows", async () => {
    const single = await world();
    const bulk = await world();
    for (const id of single.ids) {
      await updateRecord(single.t.ctx, "CONTACT", id, { ownedByUserId: single.rep.userId, ownedByGroupId: null });
      const { tags } = await getRecord(single.t.ctx, "CONTACT", id);
      await updateRecord(single.t.ctx, "CONTACT", id, { tags: [...(tags as string[]), "VIP"] });
    }
    await addMembers(single.t.ctx, single.list.id, { memberIds: single.ids });
    for (const id of single.ids) await deleteRecord(single.t.ctx, "CONTACT", id);
    for (const id of single.ids) await restoreRecord(single.t.ctx, "CONTACT", id);

    const sel = { ids: bulk.ids };
    await runBulkAction(bulk.t.ctx, "CONTACT", sel, { type: "assignOwner", userId: bulk.rep.userId });
    await runBulkAction(bulk.t.ctx, "CONTACT", sel, { type: "addTags", tags: ["VIP"] });
    await runBulkAction(bulk.t.ctx, "CONTACT", sel, { type: "addToList", listId: bulk.list.id });
    const { undo } = await runBulkAction(bulk.t.ctx, "CONTACT", sel, { type: "delete" });
    await restoreDeleted(bulk.t.ctx, "CONTACT", undo!);

    const [a, b] = [await written(single), await written(bulk)];
    expect(b).toEqual(a);
    // and they are not empty: each step left its rows
    expect((a as { changes: unknown[] }).changes).toHaveLength(8);
    expect((a as { memberships: unknown[] }).memberships).toHaveLength(2);
  });

  it("an automation's bulk change names the automation in its events, as a single one does", async () => {
    const t = await makeTenant();
    const [id] = await people(t.ctx, 1);
    const ctx: TenantContext = { tenantId: t.tenantId, actor: { kind: "system", userId: null, role: "admin", source: "AUTOMATION", automationId: randomUUID() } };
    await runBulkAction(ctx, "CONTACT", { ids: [id!] }, { type: "addTags", tags: ["Auto"] });
    await updateRecord(ctx, "CONTACT", id!, { tags: ["Auto", "Again"] });
    const events = await eventsOf(t.ctx, "record.updated", [id!]);
    expect(events.map((e) => (e.payload as { actor: { automationId?: string } }).actor.automationId)).toEqual([ctx.actor.automationId, ctx.actor.automationId]);
  });

  it("adding to an archived list is refused one by one as in bulk", async () => {
    const t = await makeTenant();
    const ids = await people(t.ctx, 1);
    const archived = await makeList(t.ctx, { isArchived: true });
    await expect(addMembers(t.ctx, archived.id, { memberIds: ids })).rejects.toMatchObject({ code: "conflict" });
    await expect(runBulkAction(t.ctx, "CONTACT", { ids }, { type: "addToList", listId: archived.id })).rejects.toMatchObject({ code: "conflict" });
  });
});
