// Duplicate groups against real Postgres: every reason, the normalisation of company
// names, paging by cursor, a record's possible duplicates, and the access scope.
import { describe, expect, it } from "vitest";
import { GET as duplicatesRoute } from "@/app/api/v1/duplicates/route";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { apiRequest as req, routeParams as params } from "@/lib/api/testing";
import { createRecord, deleteRecord } from "@/lib/records/service";
import { putAccessPolicy } from "@/lib/tenancy/access-policy";
import type { TenantContext } from "@/lib/tenancy/context";
import { dismissDuplicates } from "./dismiss";
import { duplicatesOf, listDuplicates } from "./queries";
import type { DuplicateObjectType } from "./rules";

const sorted = (ids: string[]) => [...ids].sort();

async function all(ctx: TenantContext, type: DuplicateObjectType, limit = 50) {
  const groups = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listDuplicates>> = await listDuplicates(ctx, type, { limit, cursor });
    groups.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return groups;
}

describe("listDuplicates", () => {
  it("contacts: same email (case ignored), same phone written differently (phone or mobile), same name in the same company", async () => {
    const t = await makeTenant();
    const acme = await createRecord(t.ctx, "COMPANY", { name: "Acme" });
    const other = await createRecord(t.ctx, "COMPANY", { name: "Other" });
    const e1 = await createRecord(t.ctx, "CONTACT", { firstName: "A", email: "ann@x.test" });
    const e2 = await createRecord(t.ctx, "CONTACT", { firstName: "B", email: "ANN@X.test" });
    const p1 = await createRecord(t.ctx, "CONTACT", { firstName: "C", phone: "+1 (555) 010-2030" });
    const p2 = await createRecord(t.ctx, "CONTACT", { firstName: "D", mobilePhone: "555.010.2030" });
    const n1 = await createRecord(t.ctx, "CONTACT", { firstName: "Bo", lastName: "Chen", companyId: acme.id });
    const n2 = await createRecord(t.ctx, "CONTACT", { firstName: " bo", lastName: "CHEN ", companyId: acme.id });
    // the same name in another company, a short phone, a deleted twin: none is a duplicate
    await createRecord(t.ctx, "CONTACT", { firstName: "Bo", lastName: "Chen", companyId: other.id });
    await createRecord(t.ctx, "CONTACT", { firstName: "E", phone: "010-2030" });
    await createRecord(t.ctx, "CONTACT", { firstName: "F", phone: "010-2030" });
    const gone = await createRecord(t.ctx, "CONTACT", { firstName: "G", email: "gone@x.test" });
    await createRecord(t.ctx, "CONTACT", { firstName: "H", email: "gone@x.test" });
    await deleteRecord(t.ctx, "CONTACT", gone.id);

    expect(await all(t.ctx, "CONTACT")).toEqual([
      { recordIds: sorted([e1.id, e2.id]), reasons: ["email"] },
      { recordIds: sorted([p1.id, p2.id]), reasons: ["phone"] },
      { recordIds: sorted([n1.id, n2.id]), reasons: ["name_company"] },
    ]);
  });

  it("a set sharing several keys is one group with every reason; pages of one group walk them all once", async () => {
    const t = await makeTenant();
    const acme = await createRecord(t.ctx, "COMPANY", { name: "Acme" });
    const a = await createRecord(t.ctx, "CONTACT", { firstName: "Ann", email: "ann@x.test", phone: "555 010 2030", companyId: acme.id });
    const b = await createRecord(t.ctx, "CONTACT", { firstName: "ann", email: "ann@x.test", phone: "+1 555 010 2030", companyId: acme.id });
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "Cy", email: "cy@x.test" });
    const d = await createRecord(t.ctx, "CONTACT", { firstName: "Di", email: "cy@x.test" });
    const one = await all(t.ctx, "CONTACT", 1);
    expect(one).toEqual([
      { recordIds: sorted([a.id, b.id]), reasons: ["email", "phone", "name_company"] },
      { recordIds: sorted([c.id, d.id]), reasons: ["email"] },
    ]);
    expect(await all(t.ctx, "CONTACT")).toEqual(one);
  });

  it("companies: the same domain (or website host), the same name without case, punctuation or legal suffix", async () => {
    const t = await makeTenant();
    const d1 = await createRecord(t.ctx, "COMPANY", { name: "Globex", domain: "globex.test" });
    const d2 = await createRecord(t.ctx, "COMPANY", { name: "Globex Europe", website: "https://www.globex.test/eu" });
    const n1 = await createRecord(t.ctx, "COMPANY", { name: "Initech, Inc." });
    const n2 = await createRecord(t.ctx, "COMPANY", { name: "INITECH LLC" });
    const n3 = await createRecord(t.ctx, "COMPANY", { name: "ini-tech gmbh" });
    await createRecord(t.ctx, "COMPANY", { name: "Initech Labs" });
    expect(await all(t.ctx, "COMPANY")).toEqual([
      { recordIds: sorted([d1.id, d2.id]), reasons: ["domain"] },
      { recordIds: sorted([n1.id, n2.id, n3.id]), reasons: ["name"] },
    ]);
  });

  it("leads: email, phone, and the same name at the same company name (normalised)", async () => {
    const t = await makeTenant();
    const e1 = await createRecord(t.ctx, "LEAD", { firstName: "A", email: "a@lead.test" });
    const e2 = await createRecord(t.ctx, "LEAD", { firstName: "B", email: "A@Lead.test" });
    const p1 = await createRecord(t.ctx, "LEAD", { firstName: "C", phone: "0044 20 7946 0001" });
    const p2 = await createRecord(t.ctx, "LEAD", { firstName: "D", phone: "+44 (0)20 7946 0001" });
    const n1 = await createRecord(t.ctx, "LEAD", { firstName: "Eve", lastName: "Ng", companyName: "Umbrella Corp." });
    const n2 = await createRecord(t.ctx, "LEAD", { firstName: "eve", lastName: "ng", companyName: "umbrella" });
    expect(await all(t.ctx, "LEAD")).toEqual([
      { recordIds: sorted([e1.id, e2.id]), reasons: ["email"] },
      { recordIds: sorted([p1.id, p2.id]), reasons: ["phone"] },
      { recordIds: sorted([n1.id, n2.id]), reasons: ["name_company"] },
    ]);
  });

  it("sees only what the caller may read", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    await putAccessPolicy(t.ctx, { sales_rep: { CONTACT: { read: "own", write: "own" } } });
    const mine = await createRecord(rep.ctx, "CONTACT", { firstName: "Mine", email: "same@x.test" });
    const theirs = await createRecord(t.ctx, "CONTACT", { firstName: "Theirs", email: "same@x.test" });
    expect(await all(t.ctx, "CONTACT")).toEqual([{ recordIds: sorted([mine.id, theirs.id]), reasons: ["email"] }]);
    expect(await all(rep.ctx, "CONTACT")).toEqual([]);
    expect(await duplicatesOf(rep.ctx, "CONTACT", mine.id)).toEqual([]);
  });

  it("the REST route: a page with its cursor; a bad objectType or cursor is a 400", async () => {
    const t = await makeTenant();
    const a = await createRecord(t.ctx, "CONTACT", { firstName: "A", email: "a@x.test" });
    const b = await createRecord(t.ctx, "CONTACT", { firstName: "B", email: "a@x.test" });
    await createRecord(t.ctx, "CONTACT", { firstName: "C", email: "c@x.test" });
    await createRecord(t.ctx, "CONTACT", { firstName: "D", email: "c@x.test" });
    const { key } = await createApiKey(t.ctx, { name: "k", role: "readonly" });
    const res = await duplicatesRoute(req("GET", "/duplicates?objectType=CONTACT&limit=1", { key }), params({}));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ data: [{ recordIds: sorted([a.id, b.id]), reasons: ["email"] }], nextCursor: expect.any(String) });
    const next = await duplicatesRoute(req("GET", `/duplicates?objectType=CONTACT&limit=1&cursor=${body.nextCursor}`, { key }), params({}));
    expect((await next.json()).data).toHaveLength(1);
    expect((await duplicatesRoute(req("GET", "/duplicates?objectType=DEAL", { key }), params({}))).status).toBe(400);
    expect((await duplicatesRoute(req("GET", "/duplicates?objectType=CONTACT&cursor=abc", { key }), params({}))).status).toBe(400);
  });
});

describe("dismissDuplicates", () => {
  it("a group marked as not duplicates is not listed again, until another record joins it", async () => {
    const t = await makeTenant();
    const a = await createRecord(t.ctx, "CONTACT", { firstName: "A", email: "same@x.test" });
    const b = await createRecord(t.ctx, "CONTACT", { firstName: "B", email: "same@x.test" });
    const c = await createRecord(t.ctx, "CONTACT", { firstName: "C", phone: "555 010 2030" });
    const d = await createRecord(t.ctx, "CONTACT", { firstName: "D", phone: "5550102030" });
    await dismissDuplicates(t.ctx, "CONTACT", [b.id, a.id]);
    await dismissDuplicates(t.ctx, "CONTACT", [a.id, b.id]); // twice is once
    expect(await all(t.ctx, "CONTACT")).toEqual([{ recordIds: sorted([c.id, d.id]), reasons: ["phone"] }]);
    const e = await createRecord(t.ctx, "CONTACT", { firstName: "E", email: "SAME@x.test" });
    expect(await all(t.ctx, "CONTACT")).toEqual([
      { recordIds: sorted([a.id, b.id, e.id]), reasons: ["email"] },
      { recordIds: sorted([c.id, d.id]), reasons: ["phone"] },
    ]);
    await expect(dismissDuplicates(t.ctx, "CONTACT", [a.id])).rejects.toMatchObject({ code: "validation" });
  });
});

describe("duplicatesOf", () => {
  it("a record's possible duplicates, each with the reasons", async () => {
    const t = await makeTenant();
    const acme = await createRecord(t.ctx, "COMPANY", { name: "Acme" });
    const me = await createRecord(t.ctx, "CONTACT", { firstName: "Ann", lastName: "Lee", email: "ann@x.test", phone: "555 010 2030", companyId: acme.id });
    const byEmail = await createRecord(t.ctx, "CONTACT", { firstName: "Other", email: "Ann@X.test" });
    const byPhoneAndName = await createRecord(t.ctx, "CONTACT", { firstName: "ann", lastName: "lee", mobilePhone: "+1 555-010-2030", companyId: acme.id });
    await createRecord(t.ctx, "CONTACT", { firstName: "Ann", lastName: "Lee" });
    const found = await duplicatesOf(t.ctx, "CONTACT", me.id);
    expect(found.map((f) => [f.id, f.reasons])).toEqual([
      [byEmail.id, ["email"]],
      [byPhoneAndName.id, ["phone", "name_company"]],
    ]);
  });
});
