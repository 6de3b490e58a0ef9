// liveWithEmail: contacts and leads found by address, case and blanks aside, live ones only —
// and through the dup_email index under row level security (a test of lower(email) could
// not use any index there, and scanned every contact of the workspace for each look-up).
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { contacts, leads } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { liveWithEmail } from "./email-match";
import { createRecord, deleteRecord } from "./service";

describe("liveWithEmail", () => {
  let owner: postgres.Sql;
  beforeAll(() => {
    owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
  });
  afterAll(() => owner.end());

  it("finds live contacts and leads by address, case and surrounding blanks aside", async () => {
    const t = await makeTenant();
    const ada = await createRecord(t.ctx, "CONTACT", { firstName: "Ada", email: "Ada.Lovelace@Example.TEST" });
    const gone = await createRecord(t.ctx, "CONTACT", { firstName: "Gone", email: "gone@example.test" });
    await deleteRecord(t.ctx, "CONTACT", gone.id as string);
    const lead = await createRecord(t.ctx, "LEAD", { firstName: "Lea", email: "lea@example.test" });
    const found = await withTenant(t.ctx, async (tx) => ({
      contacts: (await tx.select({ id: contacts.id }).from(contacts).where(liveWithEmail(contacts, [" ada.lovelace@example.test ", "GONE@example.test", "nobody@example.test", "not an address", null]))).map((r) => r.id),
      leads: (await tx.select({ id: leads.id }).from(leads).where(liveWithEmail(leads, ["LEA@EXAMPLE.TEST"]))).map((r) => r.id),
    }));
    expect(found).toEqual({ contacts: [ada.id], leads: [lead.id] });
  });

  it("is an index look-up for a rep under row level security", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    // a workspace of some size, its statistics read: the planner then picks the best index it can use
    await owner`insert into contacts (tenant_id, first_name, email) select ${t.tenantId}, 'P' || g, 'p' || g || '@example.test' from generate_series(1, 2000) g`;
    await owner`analyze contacts`;
    const plan = await withTenant(rep.ctx, async (tx) => {
      // with scans priced out, only a condition the index can take makes an index scan
      await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)`);
      const [row] = await tx.execute<{ "QUERY PLAN": unknown }>(sql`explain (format json) select ${contacts.id} from ${contacts} where ${contacts.tenantId} = ${t.tenantId} and ${liveWithEmail(contacts, ["ada@example.test"])}`);
      return JSON.stringify(row!["QUERY PLAN"]);
    });
    expect(plan).toMatch(/"Index Name":"contacts_dup_email_idx"/);
    expect(plan).toMatch(/"Index Cond":"[^"]*dup_email = ANY/);
  });
});
