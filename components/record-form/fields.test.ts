import { describe, expect, it } from "vitest";
import { customFieldsInput, formSchema, RECORD_FIELDS, sameValues, toApiInput, toFormValue, type CustomFieldDef } from "./fields";
import { recordErrorPath, recordFormErrors } from "./resolver";

describe("record form values ↔ API input", () => {
  const fields = RECORD_FIELDS.COMPANY;

  it("turns text inputs into the API's input: numbers parsed, empty inputs cleared, only the changed fields", () => {
    const values = { name: "Acme", domain: "", industry: "Space", website: "", phone: "", employeeCount: "42", annualRevenue: "", ownedByUserId: "", description: "" };
    expect(toApiInput(values, fields, ["employeeCount", "domain"])).toEqual({ employeeCount: 42, domain: null });
    expect(toApiInput({ ...values, name: "" }, fields, ["name"])).toEqual({ name: "" });
  });

  it("validates with the API's schema", () => {
    const schema = formSchema("COMPANY", fields);
    const bad = schema.safeParse(toApiInput({ name: "", domain: "not a domain", employeeCount: "many" }, fields));
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["domain", "employeeCount", "name"]);
    const ok = schema.safeParse(toApiInput({ name: "Acme", domain: "ACME.test", employeeCount: "3" }, fields));
    expect(ok.data).toMatchObject({ name: "Acme", domain: "acme.test", employeeCount: 3, industry: null });
  });

  it("omits a field the schema wants absent rather than null (ticket priority)", () => {
    expect(toApiInput({ subject: "Help", priority: "" }, RECORD_FIELDS.TICKET, ["subject", "priority"])).toEqual({ subject: "Help" });
  });

  it("shows stored values as input text", () => {
    expect([toFormValue(null), toFormValue(12), toFormValue("x")]).toEqual(["", "12", "x"]);
  });
});

describe("record form errors (the server's rules, as you type)", () => {
  const defs = [
    { id: "1", key: "budget", label: "Budget", fieldType: "NUMBER", options: [], isRequired: true },
    { id: "2", key: "site", label: "Site", fieldType: "URL", options: [], isRequired: false },
    { id: "3", key: "tier", label: "Tier", fieldType: "SELECT", options: ["Gold", "Silver"], isRequired: false },
  ] as const satisfies CustomFieldDef[];
  const fields = RECORD_FIELDS.CONTACT.filter((f) => f.onCreate);
  const base = { fields: { firstName: "Jane" }, tags: [] as string[] };

  it("puts custom field errors under customFields.<key> and schema errors under fields.<name>", () => {
    const errors = recordFormErrors("CONTACT", fields, defs, { fields: { email: "nope" }, tags: [], customFields: { budget: "12x", site: "ftp://x", tier: "Platinum" } });
    expect(errors.fields?.email?.message).toBe("must be an email address");
    expect(Object.fromEntries(Object.entries(errors.customFields ?? {}).map(([k, e]) => [k, (e as { message: string }).message]))).toEqual({
      budget: "must be a number",
      site: "must be a URL starting with http:// or https://",
      tier: 'must be one of "Gold", "Silver"',
    });
  });

  it("requires a required field on create; on edit only when it had a value", () => {
    expect(recordFormErrors("CONTACT", fields, defs, { ...base, customFields: {} }).customFields).toMatchObject({ budget: { message: "is required" } });
    expect(recordFormErrors("CONTACT", fields, defs, { ...base, customFields: {} }, {})).toEqual({});
    expect(recordFormErrors("CONTACT", fields, defs, { ...base, customFields: {} }, { budget: 5 }).customFields).toMatchObject({ budget: { message: "is required" } });
    expect(recordFormErrors("CONTACT", fields, defs, { ...base, customFields: { budget: 5, gone: "kept" } }, { budget: 4, gone: "kept" })).toEqual({});
  });

  it("checks tags with the API's schema", () => {
    expect(recordFormErrors("CONTACT", fields, [], { ...base, tags: ["x".repeat(61)], customFields: {} }).tags).toBeDefined();
    expect(recordFormErrors("CONTACT", fields, [], { ...base, tags: ["VIP"], customFields: {} })).toEqual({});
  });

  it("maps server error paths onto the form", () => {
    const place = recordErrorPath(["email"]);
    expect(["email", "tags", "customFields.budget", "companyId"].map(place)).toEqual(["fields.email", "tags", "customFields.budget", null]);
  });

  it("sends only non-empty custom field values and compares values whatever the key order", () => {
    expect(customFieldsInput({ a: "", b: [], c: null, d: 0, e: false, f: "x" })).toEqual({ d: 0, e: false, f: "x" });
    expect(sameValues({ a: 1, b: { c: [1, 2], d: 2 } }, { b: { d: 2, c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameValues(["a", "b"], ["b", "a"])).toBe(false);
  });
});
