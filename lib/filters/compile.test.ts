import { and, eq, not, sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { contacts, deals, listMemberships, lists } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { compileFilter, type FilterContext } from "./compile";
import { filterPredicate } from "./evaluate";
import { FILTER_OPS, type FilterOp } from "./ops";
import type { FilterNode } from "./schema";
import { buildUniverse, customFieldsFor, filterArb, NOW, opsIn, type Universe } from "./test-universe";

const TABLES = { CONTACT: contacts, DEAL: deals } as const;
const dialect = new PgDialect({ casing: "snake_case" });
let u: Universe;

beforeAll(async () => {
  u = await buildUniverse({ contacts: 40, deals: 30 }, 20250615);
});

/** Ids the compiled SQL selects; also checks the condition is never NULL and its negation is the complement. */
async function sqlMatches(objectType: "CONTACT" | "DEAL", compiled: SQL): Promise<string[]> {
  const t = TABLES[objectType];
  return withTenant(u.ctx, async (tx) => {
    const matched = await tx.select({ id: t.id }).from(t).where(and(eq(t.tenantId, u.tenantId), compiled));
    const flags = await tx.select({ id: t.id, m: sql<boolean | null>`${compiled}` }).from(t).where(eq(t.tenantId, u.tenantId));
    const negated = await tx.select({ id: t.id }).from(t).where(and(eq(t.tenantId, u.tenantId), not(compiled)));
    expect(flags.filter((f) => f.m === null)).toEqual([]);
    expect(negated.length + matched.length).toBe(flags.length);
    return matched.map((r) => r.id).sort();
  });
}

describe.each(["CONTACT", "DEAL"] as const)("compileFilter agrees with evaluateFilter (%s)", (objectType) => {
  const records = () => (objectType === "CONTACT" ? u.contacts : u.deals);
  const ctxFor = (userId: string | null): FilterContext => ({ tenantId: u.tenantId, userId, now: NOW, customFields: customFieldsFor(objectType) });
  const evaluated = (filter: FilterNode, ctx: FilterContext) => records().filter(filterPredicate(objectType, filter, ctx)).map((r) => r.id as string).sort();
  const userArb = () => fc.constantFrom<string | null>(...u.users, null);

  it("as a WHERE clause, on random filter trees", async () => {
    let informative = 0;
    const runs = 150;
    await fc.assert(
      fc.asyncProperty(filterArb(objectType, u), userArb(), async (filter, userId) => {
        const ctx = ctxFor(userId);
        const fromSql = await sqlMatches(objectType, compileFilter(objectType, filter, ctx));
        expect(fromSql).toEqual(evaluated(filter, ctx));
        if (fromSql.length > 0 && fromSql.length < records().length) informative++;
      }),
      { numRuns: runs },
    );
    // a property that only ever sees "everything" or "nothing" would prove little
    expect(informative).toBeGreaterThan(runs / 4);
  });

  it("in bulk: 25 filters per query, every operator many times", async () => {
    const perOp = new Map<FilterOp, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(filterArb(objectType, u, 2), { minLength: 25, maxLength: 25 }), userArb(), async (filters, userId) => {
        const ctx = ctxFor(userId);
        const t = TABLES[objectType];
        const columns = Object.fromEntries(filters.map((f, i) => [`m${i}`, sql<boolean | null>`${compileFilter(objectType, f, ctx)}`]));
        const rows = await withTenant(u.ctx, (tx) => tx.select({ id: t.id, ...columns }).from(t).where(eq(t.tenantId, u.tenantId)));
        filters.forEach((filter, i) => {
          const fromSql = rows.filter((r) => (r as Record<string, unknown>)[`m${i}`] === true).map((r) => r.id).sort();
          expect({ filter, ids: fromSql }).toEqual({ filter, ids: evaluated(filter, ctx) });
          for (const op of opsIn(filter)) perOp.set(op, (perOp.get(op) ?? 0) + 1);
        });
      }),
      { numRuns: 60 },
    );
    // ~25 expected per op (8 field kinds, up to 11 ops each); fewer than 5 would mean the generator broke
    expect(FILTER_OPS.filter((op) => (perOp.get(op) ?? 0) < 5)).toEqual([]);
  });
});

describe("compileFilter", () => {
  const ctx = (): FilterContext => ({ tenantId: u.tenantId, userId: u.users[0]!, now: NOW, customFields: customFieldsFor("CONTACT") });

  it("binds every value as a parameter, never as SQL text", async () => {
    const evil = "'; drop table contacts; --";
    const filter: FilterNode = {
      any: [
        { field: "firstName", op: "eq", value: evil },
        { field: "lastName", op: "contains", value: evil },
        { field: "customFields.nickname", op: "in", value: [evil] },
        { field: "tags", op: "hasAny", value: [evil] },
      ],
    };
    const compiled = compileFilter("CONTACT", filter, ctx());
    const query = dialect.sqlToQuery(compiled);
    expect(query.params).toContain(evil);
    expect(query.params.some((p) => typeof p === "string" && p.includes(evil) && p !== evil)).toBe(true); // the LIKE pattern
    expect(query.sql).not.toContain("drop");
    expect(query.sql).not.toContain(evil);
    const expected = u.contacts
      .filter((c) => c.firstName === evil || String(c.lastName).includes(evil) || (c.customFields as Record<string, unknown>).nickname === evil)
      .map((c) => c.id as string);
    await expect(sqlMatches("CONTACT", compiled)).resolves.toEqual([...expected].sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  it("refuses a field path that is not in the registry before any SQL is built", () => {
    expect(() => compileFilter("CONTACT", { all: [{ field: "email\"; drop table contacts; --", op: "eq", value: "x" }] }, ctx())).toThrow(
      expect.objectContaining({ code: "validation", extensions: { errors: [expect.objectContaining({ path: "filter.all[0].field" })] } }),
    );
  });

  it("compiles {all: []} to TRUE and {any: []} to FALSE", async () => {
    expect(await sqlMatches("CONTACT", compileFilter("CONTACT", { all: [] }, ctx()))).toHaveLength(u.contacts.length);
    expect(await sqlMatches("CONTACT", compileFilter("CONTACT", { any: [] }, ctx()))).toEqual([]);
  });

  it("never reads another tenant's rows", async () => {
    const b = await makeTenant("Other tenant");
    const [bContact, bList] = await withTenant(b.ctx, async (tx) => {
      const [c] = await tx.insert(contacts).values({ tenantId: b.tenantId, firstName: "Ann", tags: ["vip"] }).returning();
      const [l] = await tx.insert(lists).values({ tenantId: b.tenantId, name: "B's list", objectType: "CONTACT" }).returning();
      await tx.insert(listMemberships).values({ tenantId: b.tenantId, listId: l!.id, memberType: "CONTACT", memberId: c!.id });
      return [c!, l!];
    });
    const inB = { all: [{ field: "id", op: "inList", value: bList.id }] };
    const bCtx: FilterContext = { tenantId: b.tenantId, userId: b.userId };
    // sanity: in tenant B the filter does find B's contact
    const inTenantB = await withTenant(b.ctx, (tx) =>
      tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.tenantId, b.tenantId), compileFilter("CONTACT", inB, bCtx))),
    );
    expect(inTenantB.map((r) => r.id)).toEqual([bContact.id]);
    // tenant A naming B's list finds nothing, and "not in B's list" is all of A
    expect(await sqlMatches("CONTACT", compileFilter("CONTACT", inB, ctx()))).toEqual([]);
    const notInB = { all: [{ field: "id", op: "notInList", value: bList.id }] };
    expect(await sqlMatches("CONTACT", compileFilter("CONTACT", notInB, ctx()))).toHaveLength(u.contacts.length);
    // RLS: in A's transaction, even without a tenant_id predicate, B's rows stay hidden —
    // whether the filter names B's contact, or was compiled for tenant B
    const inA = (where: SQL) => withTenant(u.ctx, (tx) => tx.select({ id: contacts.id }).from(contacts).where(where));
    expect(await inA(compileFilter("CONTACT", { all: [{ field: "id", op: "eq", value: bContact.id }] }, ctx()))).toEqual([]);
    expect(await inA(compileFilter("CONTACT", inB, bCtx))).toEqual([]);
    expect(await inA(compileFilter("CONTACT", { all: [{ field: "tags", op: "hasAny", value: ["vip"] }, { field: "firstName", op: "eq", value: "Ann" }] }, bCtx))).not.toContainEqual({ id: bContact.id });
  });
});
