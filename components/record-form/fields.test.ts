import { describe, expect, it } from "vitest";
import { formSchema, RECORD_FIELDS, toApiInput, toFormValue } from "./fields";

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
