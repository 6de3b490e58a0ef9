import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tenantGroups } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { cappedCount, formatCount } from "./count";
import { countMatching, filterWhere, loadTablePage } from "./table-query";

describe("capped counts", () => {
  it("is exact up to 10,000 and '10,000+' beyond", () => {
    expect(cappedCount(0)).toEqual({ count: 0, capped: false });
    expect(cappedCount(10_000)).toEqual({ count: 10_000, capped: false });
    expect(cappedCount(10_001)).toEqual({ count: 10_000, capped: true });
    expect(formatCount(cappedCount(1234))).toBe("1,234");
    expect(formatCount(cappedCount(10_000))).toBe("10,000");
    expect(formatCount(cappedCount(10_001))).toBe("10,000+");
    expect(formatCount(cappedCount(4, 3))).toBe("3+");
  });

  it("counts at most cap + 1 rows of the tenant, with search and filter", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    await withTenant(t.ctx, (tx) =>
      tx.execute(sql`insert into contacts (tenant_id, first_name, email) select ${t.tenantId}::uuid, 'P' || g, 'p' || g || '@acme.test' from generate_series(1, 10001) g`),
    );
    await createRecord(other.ctx, "CONTACT", { firstName: "Elsewhere" });
    expect(await countMatching(t.ctx, "CONTACT", null, undefined)).toEqual({ count: 10_000, capped: true });
    expect(await countMatching(t.ctx, "CONTACT", "p1000", undefined)).toEqual({ count: 3, capped: false }); // p1000, p10000, p10001
    const where = filterWhere(t.ctx, "CONTACT", { all: [{ field: "email", op: "startsWith", value: "p99" }] }, []);
    expect(await countMatching(t.ctx, "CONTACT", null, where)).toEqual({ count: 111, capped: false }); // 99, 990–999, 9900–9999
    expect(await countMatching(t.ctx, "CONTACT", null, where, 100)).toEqual({ count: 100, capped: true });
    expect(await countMatching(other.ctx, "CONTACT", null, undefined)).toEqual({ count: 1, capped: false });
    await withTenant(t.ctx, (tx) => tx.execute(sql`update contacts set deleted_at = now() where tenant_id = ${t.tenantId}::uuid and first_name = 'P990'`));
    expect(await countMatching(t.ctx, "CONTACT", null, where)).toEqual({ count: 110, capped: false });
  }, 60_000);
});

describe("table pages", () => {
  it("returns only the visible columns, resolved, and walks every row once by keyset", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
    const [group] = await withTenant(t.ctx, (tx) => tx.insert(tenantGroups).values({ tenantId: t.tenantId, name: "EMEA" }).returning());
    const acme = await createRecord(t.ctx, "COMPANY", { name: "Acme" });
    const names = ["Ann", "Bob", "Cid", "Dee", "Eve"];
    for (const [i, firstName] of names.entries()) {
      await createRecord(t.ctx, "CONTACT", {
        firstName,
        lastName: "Lee",
        email: `${firstName.toLowerCase()}@acme.test`,
        companyId: i < 2 ? acme.id : null,
        tags: i % 2 ? ["vip"] : [],
        ...(i === 3 ? { ownedByUserId: rep.userId } : i === 4 ? { ownedByUserId: null, ownedByGroupId: group!.id } : {}),
      });
    }
    const cols = ["name", "company", "owner", "tags"];
    const first = await loadTablePage(t.ctx, "CONTACT", { sort: "firstName:asc", cols, limit: 2 });
    expect(first.count).toEqual({ count: 5, capped: false });
    expect(first.rows).toHaveLength(2);
    expect(first.rows[0]!.cells).toEqual({
      name: { href: `/contacts/${first.rows[0]!.id}`, label: "Ann Lee" },
      company: { href: `/companies/${acme.id}`, label: "Acme" },
      owner: t.email.split("@")[0], // the creator owns a record by default
      tags: [],
    });
    expect(Object.keys(first.rows[0]!.cells)).toEqual(cols); // no email, no customFields, no tenantId

    const seen = [...first.rows];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await loadTablePage(t.ctx, "CONTACT", { sort: "firstName:asc", cols, limit: 2, cursor });
      expect(page.count).toBeUndefined();
      seen.push(...page.rows);
      cursor = page.nextCursor;
    }
    expect(seen.map((r) => (r.cells.name as { label: string }).label)).toEqual(names.map((n) => `${n} Lee`));
    expect(seen[3]!.cells.owner).toBe("Rita Rep");
    expect(seen[4]!.cells.owner).toBe("EMEA (group)");
    expect(seen[1]!.cells.tags).toEqual(["vip"]);

    const vip = await loadTablePage(t.ctx, "CONTACT", { q: "lee", filter: { all: [{ field: "tags", op: "hasAny", value: ["vip"] }] }, cols: ["name", "email"] });
    expect(vip.count).toEqual({ count: 2, capped: false });
    expect(vip.rows.map((r) => r.cells.email).sort()).toEqual(["bob@acme.test", "dee@acme.test"]);

    const viaCompany = await loadTablePage(t.ctx, "CONTACT", { filter: { all: [{ field: "company.name", op: "eq", value: "acme" }] }, cols: ["name"] });
    expect(viaCompany.rows).toHaveLength(2);

    await expect(loadTablePage(t.ctx, "CONTACT", { filter: { all: [{ field: "nope", op: "eq", value: 1 }] }, cols: ["name"] })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "filter.all[0].field" }] },
    });
  });
});
