import { describe, expect, it } from "vitest";
import { incompleteConditions, validateCompleteFilter } from "./complete";

describe("unfinished filter conditions", () => {
  it.each([
    ["no field chosen", { all: [{ field: "", op: "eq", value: "" }] }, [{ path: "filter.all[0].field", message: "choose a field" }]],
    ["an empty text", { all: [{ field: "industry", op: "eq", value: "" }] }, [{ path: "filter.all[0].value", message: "needs a value" }]],
    ["blank spaces", { all: [{ field: "industry", op: "contains", value: "  " }] }, [{ path: "filter.all[0].value", message: "needs a value" }]],
    ["no value at all", { any: [{ field: "name", op: "eq" }] }, [{ path: "filter.any[0].value", message: "needs a value" }]],
    ["an empty list", { all: [{ field: "tags", op: "hasAny", value: [] }] }, [{ path: "filter.all[0].value", message: "needs a value" }]],
    ["a range with an empty end", { all: [{ field: "createdAt", op: "between", value: ["2024-01-01", ""] }] }, [{ path: "filter.all[0].value", message: "needs a value" }]],
    ["nested", { all: [{ field: "name", op: "eq", value: "x" }, { any: [{ field: "domain", op: "eq", value: "" }] }] }, [{ path: "filter.all[1].any[0].value", message: "needs a value" }]],
  ])("%s is unfinished", (_name, filter, issues) => {
    expect(incompleteConditions(filter)).toEqual(issues);
  });

  it.each([
    ["a value", { all: [{ field: "industry", op: "eq", value: "Software" }] }],
    ["isEmpty without a value", { all: [{ field: "industry", op: "isEmpty" }] }],
    ["a zero", { all: [{ field: "employeeCount", op: "eq", value: 0 }] }],
    ["a list of values", { all: [{ field: "tags", op: "hasAny", value: ["vip"] }] }],
    ["no conditions", { all: [] }],
  ])("%s is finished", (_name, filter) => {
    expect(incompleteConditions(filter)).toEqual([]);
  });

  it("reports an unfinished condition instead of the validator's message for it, and keeps the others", () => {
    const r = validateCompleteFilter("COMPANY", { all: [{ field: "", op: "eq", value: "" }, { field: "industry", op: "eq", value: "" }, { field: "employeeCount", op: "gt", value: "many" }] });
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: "filter.all[0].field", message: "choose a field" },
        { path: "filter.all[1].value", message: "needs a value" },
        { path: "filter.all[2].value", message: "must be a number" },
      ],
    });
    expect(validateCompleteFilter("COMPANY", { all: [{ field: "industry", op: "eq", value: "Software" }] }).ok).toBe(true);
    // an empty date keeps the validator's more helpful message
    const date = validateCompleteFilter("COMPANY", { all: [{ field: "createdAt", op: "gt", value: "" }] });
    expect(date.ok ? [] : date.errors).toEqual([{ path: "filter.all[0].value", message: expect.stringContaining("must be a date") }]);
  });
});
