// The duplicate keys as pure functions, and the database's dup_*_key functions (the ones
// the expression indexes use) giving the same key for the same input.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { companyKey, domainKey, emailKey, nameKey, phoneKey, sharedReasons } from "./rules";

const COMPANY_NAMES: [string, string | null][] = [
  ["Acme", "acme"],
  ["ACME, Inc.", "acme"],
  ["Acme Inc", "acme"],
  ["acme   llc", "acme"],
  ["Acme L.L.C.", "acme"],
  ["A.C.M.E. GmbH", "acme"],
  ["Acme Co., Ltd.", "acme"],
  ["Acme Corporation", "acme"],
  ["  Acme-Widgets  Ltd ", "acmewidgets"],
  ["Acme Widgets", "acmewidgets"],
  ["Inc", "inc"],
  ["The Company", "the"],
  ["Incubator Labs", "incubatorlabs"],
  ["!!!", null],
];
const EMAILS: [string | null, string | null][] = [
  ["Ann@Example.com", "ann@example.com"],
  ["  ann@example.com ", "ann@example.com"],
  ["not an email", null],
  ["@example.com", null],
  [null, null],
];
const PHONES: [string | null, string | null][] = [
  ["+1 (555) 010-2030", "550102030"],
  ["555.010.2030", "550102030"],
  ["0044 20 7946 0000", "079460000"],
  ["12345678", null],
  ["", null],
  [null, null],
];
const DOMAINS: [string | null, string | null][] = [
  ["acme.com", "acme.com"],
  ["https://www.Acme.com/about", "acme.com"],
  ["WWW.ACME.COM.", "acme.com"],
  ["http://acme.com:8080", "acme.com"],
  ["", null],
  [null, null],
];
const NAMES: [string | null, string | null, string | null][] = [
  ["Ann", "Lee", "ann lee"],
  ["  ANN ", " lee", "ann lee"],
  ["Ann Marie", null, "ann marie"],
  [null, null, null],
  ["", " ", null],
];

describe("duplicate keys (pure)", () => {
  it.each(COMPANY_NAMES)("company name %j → %j", (name, key) => expect(companyKey(name)).toBe(key));
  it.each(EMAILS)("email %j → %j", (email, key) => expect(emailKey(email)).toBe(key));
  it.each(PHONES)("phone %j → %j", (phone, key) => expect(phoneKey(phone)).toBe(key));
  it.each(DOMAINS)("domain %j → %j", (domain, key) => expect(domainKey(domain)).toBe(key));
  it.each(NAMES)("name %j %j → %j", (first, last, key) => expect(nameKey(first, last)).toBe(key));

  it("a group's reasons are those every record shares; a contact's mobile counts as a phone", () => {
    const a = { email: "a@x.test", phone: "555 010 2030", companyId: "c1", firstName: "Ann", lastName: "Lee" };
    const b = { email: "A@X.test", mobilePhone: "+1 555-010-2030", companyId: "c1", firstName: "ann", lastName: "lee " };
    const c = { email: "a@x.test", phone: null, companyId: "c2", firstName: "Ann", lastName: "Lee" };
    expect(sharedReasons("CONTACT", [a, b])).toEqual(["email", "phone", "name_company"]);
    expect(sharedReasons("CONTACT", [a, b, c])).toEqual(["email"]);
    expect(sharedReasons("LEAD", [{ companyName: "Acme Inc", firstName: "Bo" }, { companyName: "ACME", firstName: "bo" }])).toEqual(["name_company"]);
    expect(sharedReasons("COMPANY", [{ name: "Acme GmbH", domain: null, website: "https://acme.de" }, { name: "Acme", domain: "acme.de" }])).toEqual(["domain", "name"]);
    expect(sharedReasons("COMPANY", [{ name: "Acme" }])).toEqual([]);
  });
});

describe("duplicate keys: the database's functions agree with the pure ones", () => {
  it("on every case above", async () => {
    const t = await makeTenant();
    const one = (q: ReturnType<typeof sql>) => withTenant(t.ctx, async (tx) => ((await tx.execute(q)) as unknown as { k: string | null }[])[0]!.k);
    for (const [name, key] of COMPANY_NAMES) expect(await one(sql`select dup_company_key(${name}) as k`), name).toBe(key);
    for (const [email, key] of EMAILS) expect(await one(sql`select dup_email_key(${email}::text) as k`), String(email)).toBe(key);
    for (const [phone, key] of PHONES) expect(await one(sql`select dup_phone_key(${phone}::text) as k`), String(phone)).toBe(key);
    for (const [domain, key] of DOMAINS) expect(await one(sql`select dup_domain_key(${domain}::text) as k`), String(domain)).toBe(key);
    for (const [first, last, key] of NAMES) expect(await one(sql`select dup_name_key(${first}::text, ${last}::text) as k`), `${first} ${last}`).toBe(key);
  });
});
