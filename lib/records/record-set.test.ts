// insertRows: many rows as one typed record set — defaults for what a row leaves out, SQL
// values shared by a column, values read back as Drizzle maps them.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { insertRows } from "./record-set";

describe("insertRows", () => {
  it("answers the rows in order, typed; a defaulted column a row leaves out gets its default", async () => {
    const t = await makeTenant();
    const now = sql`now()`;
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const rows = await withTenant(t.ctx, (tx) =>
      insertRows<Record<string, unknown>>(tx, contacts, [
        { id: ids[0], tenantId: t.tenantId, firstName: "Ada", tags: ["a", "b"], emailOptIn: true, customFields: { n: 1 }, updatedAt: now },
        { id: ids[1], tenantId: t.tenantId, firstName: "Bob", lastName: "O'Neil \"Q\"", updatedAt: now },
        { id: ids[2], tenantId: t.tenantId, firstName: "Cy", tags: [], emailOptIn: false, customFields: {}, updatedAt: now },
      ]),
    );
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows[0]).toMatchObject({ firstName: "Ada", tags: ["a", "b"], emailOptIn: true, customFields: { n: 1 }, lastName: null });
    expect(rows[1]).toMatchObject({ firstName: "Bob", lastName: "O'Neil \"Q\"", tags: [], emailOptIn: false, customFields: {} });
    expect(rows[0]!.createdAt).toBeInstanceOf(Date);
    expect(rows[0]!.updatedAt).toEqual(rows[2]!.updatedAt);
    const stored = await withTenant(t.ctx, (tx) => tx.select().from(contacts).where(eq(contacts.tenantId, t.tenantId)));
    expect(stored.map((r) => r.firstName).sort()).toEqual(["Ada", "Bob", "Cy"]);
    await expect(withTenant(t.ctx, (tx) => insertRows(tx, contacts, [{ id: randomUUID(), tenantId: t.tenantId, updatedAt: now }, { id: randomUUID(), tenantId: t.tenantId, updatedAt: sql`now()` }]))).rejects.toThrow(/one SQL/);
  });
});
