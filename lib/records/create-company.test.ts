import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { companies, domainEvents } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createCompany } from "./create-company";

describe("createCompany", () => {
  it("writes the company and its record.created event in one transaction", async () => {
    const { ctx } = await makeTenant();
    const company = await createCompany(ctx, { name: "Globex", domain: "globex.example" });
    const events = await withTenant(ctx, (tx) =>
      tx.select().from(domainEvents).where(and(eq(domainEvents.entityId, company.id), eq(domainEvents.eventType, "record.created"))),
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.entityType).toBe("COMPANY");
  });

  it("refuses a duplicate domain in the same tenant and writes nothing", async () => {
    const { ctx } = await makeTenant();
    await createCompany(ctx, { name: "A", domain: "dup.example" });
    await expect(createCompany(ctx, { name: "B", domain: "DUP.example" })).rejects.toMatchObject({ code: "conflict" });
    const rows = await withTenant(ctx, (tx) => tx.select().from(companies).where(eq(companies.tenantId, ctx.tenantId)));
    expect(rows.map((r) => r.name)).toEqual(["A"]);
  });

  it("allows the same domain in another tenant", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    await createCompany(a.ctx, { name: "A", domain: "shared.example" });
    await expect(createCompany(b.ctx, { name: "B", domain: "shared.example" })).resolves.toMatchObject({ name: "B" });
  });

  it("sees nothing outside withTenant (RLS with no tenant set)", async () => {
    const { ctx } = await makeTenant();
    await createCompany(ctx, { name: "Hidden" });
    const rows = await db().execute(sql`select count(*)::int as n from companies`);
    expect(rows[0]).toEqual({ n: 0 });
  });
});
