// Issue 15: the access policy applied by the database. For each role × scope × record
// type, what a user reaches through the read channels (service list and get, counts,
// search, the board) and the write path is compared with an independent computation of
// their scope from the owners, assignees, groups and managers set up here.
import { and, eq, sql, TransactionRollbackError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accessPolicies, tenantGroupMembers } from "@/db/schema";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { authenticateApiKey, createApiKey } from "@/lib/api/keys";
import { expectedIds, policyFor, TITLE, visible, world } from "@/db/testing/access-world";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { loadBoard } from "@/lib/board/queries";
import { moveRecord } from "@/lib/pipelines/move-record";
import { listRecords } from "@/lib/records/queries";
import { createRecord, deleteRecord, getRecord, updateRecord } from "@/lib/records/service";
import { searchAll } from "@/lib/search/search";
import { countMatching } from "@/lib/views/table-query";
import { defaultAccessPolicy, getAccessPolicy, putAccessPolicy } from "./access-policy";
import { ACCESS_RECORD_TYPES, accessSummary } from "./access-schemas";
import { setMemberActive } from "./members";

describe("access scopes enforced by the database", () => {
  it("the default policy is all/all: every member sees every record", async () => {
    const w = await world();
    expect(await getAccessPolicy(w.t.ctx)).toEqual(defaultAccessPolicy());
    for (const u of Object.values(w.users)) {
      for (const kind of ACCESS_RECORD_TYPES) {
        const page = await listRecords(u.ctx, kind, { limit: 100 });
        expect(page.data.map((r) => r.id).sort()).toEqual(w.records[kind].map((r) => r.id).sort());
      }
    }
  });

  it("for each role × scope × record type, list, get, count, search and board show exactly the scope", async () => {
    const w = await world();
    for (const role of ["manager", "sales_rep", "readonly"] as const) {
      const u = w.users[role];
      for (const scope of ["own", "team", "all"] as const) {
        await policyFor(w.t.ctx, role, scope, role === "readonly" ? scope : scope);
        const ids = expectedIds(u.userId, scope, w.groups);
        const hits = await searchAll(u.ctx, "zephyrine", { limit: 50 });
        for (const kind of ACCESS_RECORD_TYPES) {
          const want = visible(w.records[kind], ids);
          const label = `${role} ${scope} ${kind}`;
          expect(want.length, `${label}: the fixture has records both in and out of scope`).toBeGreaterThan(0);
          expect((await listRecords(u.ctx, kind, { limit: 100 })).data.map((r) => r.id).sort(), `${label}: list`).toEqual(want);
          expect((await countMatching(u.ctx, kind, null, undefined)).count, `${label}: count`).toBe(want.length);
          expect(hits.filter((h) => h.recordType === kind).map((h) => h.id).sort(), `${label}: search`).toEqual(want);
          for (const r of w.records[kind]) {
            if (want.includes(r.id)) await expect(getRecord(u.ctx, kind, r.id), `${label}: get`).resolves.toMatchObject({ id: r.id });
            else await expect(getRecord(u.ctx, kind, r.id), `${label}: get`).rejects.toMatchObject({ code: "not-found" });
          }
          if (kind === "DEAL" || kind === "LEAD" || kind === "TICKET") {
            const board = await loadBoard(u.ctx, kind, w.records[kind][0]!.pipelineId!);
            expect(board.columns.flatMap((c) => c.cards.map((x) => x.id)).sort(), `${label}: board cards`).toEqual(want);
            expect(board.columns.reduce((n, c) => n + c.count, 0), `${label}: board counts`).toBe(want.length);
          }
        }
      }
      await policyFor(w.t.ctx, role, "all", "all");
    }
    // an admin always sees everything
    await policyFor(w.t.ctx, "manager", "own", "own");
    expect((await listRecords(w.t.ctx, "CONTACT", { limit: 100 })).data).toHaveLength(w.records.CONTACT.length);
  });

  it("a scoped member's pages, newest or oldest first, are the admin's order cut to their scope, each record once", async () => {
    const w = await world();
    const walk = async (ctx: typeof w.t.ctx, kind: (typeof ACCESS_RECORD_TYPES)[number], sort: string, limit: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listRecords(ctx, kind, { limit, sort, cursor });
        ids.push(...page.data.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    for (const role of ["manager", "sales_rep"] as const) {
      for (const scope of ["own", "team"] as const) {
        await policyFor(w.t.ctx, role, scope, scope);
        const want = new Set(expectedIds(w.users[role].userId, scope, w.groups));
        for (const kind of ACCESS_RECORD_TYPES) {
          for (const sort of ["createdAt:desc", "createdAt:asc"]) {
            const all = await walk(w.t.ctx, kind, sort, 100);
            const mine = new Set(visible(w.records[kind], want));
            const got = await walk(w.users[role].ctx, kind, sort, 2);
            expect(got, `${role} ${scope} ${kind} ${sort}`).toEqual(all.filter((id) => mine.has(id)));
          }
        }
      }
    }
  });

  it("a transaction keeps its scope until it changes what the scope is made of (groups, members, policies)", async () => {
    const w = await world();
    const rep = w.users.sales_rep;
    await policyFor(w.t.ctx, "sales_rep", "own", "own");
    const outside = w.groups.find((g) => !g.members.includes(rep.userId))!;
    const scope = async (tx: Tx) => ((await tx.execute<{ ids: string[] | null }>(sql`select access_scope_ids('CONTACT', false) as ids`))[0]!.ids ?? []).slice().sort();
    await withTenant(rep.ctx, async (tx) => {
      const before = await scope(tx);
      expect(await scope(tx)).toEqual(before);
      expect(before).not.toContain(outside.id);
      await tx.insert(tenantGroupMembers).values({ tenantId: w.t.tenantId, groupId: outside.id, userId: rep.userId });
      expect(await scope(tx)).toEqual([...before, outside.id].sort());
      await tx.update(accessPolicies).set({ readScope: "all" }).where(and(eq(accessPolicies.tenantId, w.t.tenantId), eq(accessPolicies.role, "sales_rep"), eq(accessPolicies.recordType, "CONTACT")));
      expect((await tx.execute<{ ids: string[] | null }>(sql`select access_scope_ids('CONTACT', false) as ids`))[0]!.ids).toBeNull();
      tx.rollback();
    }).catch((err: unknown) => {
      if (!(err instanceof TransactionRollbackError)) throw err;
    });
    // another transaction computes it afresh, from what is committed
    await withTenant(rep.ctx, async (tx) => expect(await scope(tx)).not.toContain(outside.id));
  });

  it("a change outside the write scope but inside the read scope is a 403; out of both a 404; inside it works", async () => {
    const w = await world();
    const rep = w.users.sales_rep;
    for (const kind of ACCESS_RECORD_TYPES) await putAccessPolicy(w.t.ctx, { sales_rep: { [kind]: { read: "all", write: "own" } } });
    const own = expectedIds(rep.userId, "own", w.groups);
    for (const kind of ACCESS_RECORD_TYPES) {
      const writable = visible(w.records[kind], own);
      for (const r of w.records[kind]) {
        const patch = { [TITLE[kind]]: `Zephyrine edited ${r.id.slice(0, 4)}` };
        if (writable.includes(r.id)) await expect(updateRecord(rep.ctx, kind, r.id, patch), `${kind} own`).resolves.toMatchObject({ id: r.id });
        else {
          await expect(updateRecord(rep.ctx, kind, r.id, patch), `${kind} not own`).rejects.toMatchObject({ code: "forbidden" });
          await expect(deleteRecord(rep.ctx, kind, r.id), `${kind} not own`).rejects.toMatchObject({ code: "forbidden" });
        }
      }
    }
    // a move on the board is a write too
    const deal = w.records.DEAL.find((r) => !visible(w.records.DEAL, own).includes(r.id))!;
    const board = await loadBoard(w.t.ctx, "DEAL", deal.pipelineId!);
    const target = board.columns.find((c) => !c.cards.some((x) => x.id === deal.id))!.stageId;
    await expect(moveRecord(rep.ctx, "DEAL", deal.id, { toStageId: target })).rejects.toMatchObject({ code: "forbidden" });
    await putAccessPolicy(w.t.ctx, { sales_rep: { CONTACT: { read: "own", write: "own" } } });
    const hidden = w.records.CONTACT.find((r) => !visible(w.records.CONTACT, own).includes(r.id))!;
    await expect(updateRecord(rep.ctx, "CONTACT", hidden.id, { firstName: "X" })).rejects.toMatchObject({ code: "not-found" });
    // a record created for someone out of scope would vanish: refused with a 403; one's own is fine
    const outsider = w.records.CONTACT[2]!.owners[0]!;
    await expect(createRecord(rep.ctx, "CONTACT", { firstName: "Gone", ownedByUserId: outsider })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createRecord(rep.ctx, "CONTACT", { firstName: "Mine" })).resolves.toMatchObject({ ownedByUserId: rep.userId });
    // the system (worker, automations) sees and writes all
    expect((await listRecords({ tenantId: w.t.tenantId, actor: { kind: "system", userId: null, role: "admin", source: "SYSTEM" } }, "CONTACT", { limit: 100 })).data).toHaveLength(w.records.CONTACT.length + 1);
  });

  it("refuses a write scope wider than the read scope, and says each row in words", async () => {
    const t = await makeTenant();
    await expect(putAccessPolicy(t.ctx, { sales_rep: { CONTACT: { read: "own", write: "all" } } })).rejects.toMatchObject({ code: "validation" });
    await expect(putAccessPolicy(t.ctx, { intern: {} })).rejects.toThrow();
    const rep = await makeMember(t.tenantId, "sales_rep");
    await expect(getAccessPolicy(rep.ctx)).rejects.toMatchObject({ code: "forbidden" });
    expect(accessSummary("sales_rep", "CONTACT", { read: "own", write: "own" })).toBe("Sales reps see and edit only the contacts they or their groups own or are assigned.");
    expect(accessSummary("manager", "DEAL", { read: "all", write: "team" })).toMatch(/^Managers see all deals and edit the deals of their teams/);
  });

  it("an API key of a member acts as them (role and scope); a workspace key sees all; a deactivated member's key stops working", async () => {
    const w = await world();
    const rep = w.users.sales_rep;
    await policyFor(w.t.ctx, "sales_rep", "own", "own");
    const repKey = await createApiKey(w.t.ctx, { name: "Rob's Zapier", userId: rep.userId });
    expect(repKey).toMatchObject({ role: "sales_rep", userId: rep.userId });
    const workspaceKey = await createApiKey(w.t.ctx, { name: "Sync", role: "sales_rep" });
    const asRep = (await authenticateApiKey(repKey.key))!;
    expect(asRep.actor).toMatchObject({ kind: "api_key", userId: rep.userId, role: "sales_rep" });
    const want = visible(w.records.CONTACT, expectedIds(rep.userId, "own", w.groups));
    expect((await listRecords(asRep, "CONTACT", { limit: 100 })).data.map((r) => r.id).sort()).toEqual(want);
    expect((await listRecords((await authenticateApiKey(workspaceKey.key))!, "CONTACT", { limit: 100 })).data).toHaveLength(w.records.CONTACT.length);
    await expect(createApiKey(w.t.ctx, { name: "Nobody" })).rejects.toMatchObject({ code: "validation" });
    await setMemberActive(w.t.ctx, { userId: rep.userId, active: false });
    expect(await authenticateApiKey(repKey.key)).toBeNull();
  });
});
