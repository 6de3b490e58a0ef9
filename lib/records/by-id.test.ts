// The one-round-trip read by id answers exactly what Drizzle's query builder answers:
// every column, mapped the same way (dates, numerics, JSON, arrays), for each kind.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { putAccessPolicy } from "@/lib/tenancy/access-policy";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { readRecordById } from "./by-id";
import { RECORD_KIND_VALUES } from "./kinds";
import { RECORD_KINDS, tableOf } from "./registry";
import { createRecord, deleteRecord } from "./service";

const INPUT = {
  COMPANY: { name: "Acme", domain: `acme-${crypto.randomUUID()}.test`, annualRevenue: "1250000.50", tags: ["vip"] },
  CONTACT: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.test", tags: ["a", "b"], customFields: {} },
  LEAD: { firstName: "Lee", lastName: "Lead", companyName: "Leads Inc" },
  DEAL: { name: "Big deal", amount: "1234.56", currency: "EUR", closeDate: "2027-01-31" },
  TICKET: { subject: "Broken", priority: "high" },
} as const;

describe("readRecordById", () => {
  it("answers what the query builder answers, for every kind", async () => {
    const t = await makeTenant();
    for (const kind of RECORD_KIND_VALUES) {
      const created = await createRecord(t.ctx, kind, INPUT[kind]);
      const tbl = tableOf(RECORD_KINDS[kind]);
      const [expected] = await withTenant(t.ctx, (tx) => tx.select().from(tbl).where(and(eq(tbl.tenantId, t.tenantId), eq(tbl.id, created.id))));
      expect(await readRecordById(t.ctx, kind, String(created.id))).toEqual(expected);
    }
  });

  it("is undefined for a deleted record, another tenant's, and one outside the actor's scope", async () => {
    const t = await makeTenant();
    const other = await makeTenant("Other");
    const rep = await makeMember(t.tenantId, "sales_rep");
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "Ada" });
    expect(await readRecordById(other.ctx, "CONTACT", String(c.id))).toBeUndefined();
    expect(await readRecordById(rep.ctx, "CONTACT", String(c.id))).toBeDefined();
    await putAccessPolicy(t.ctx, { sales_rep: { CONTACT: { read: "own", write: "own" } } });
    expect(await readRecordById(rep.ctx, "CONTACT", String(c.id))).toBeUndefined();
    await deleteRecord(t.ctx, "CONTACT", String(c.id));
    expect(await readRecordById(t.ctx, "CONTACT", String(c.id))).toBeUndefined();
  });
});
