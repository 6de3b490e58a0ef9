import { describe, expect, it } from "vitest";
import { describeFilterFields } from "@/lib/filters/fields";
import { validateFilter, type FilterGroup } from "@/lib/filters/schema";
import { appendAt, asGroup, changeField, changeOp, countConditions, errorPathOf, issuesAt, newCondition, removeAt, setMode, updateAt } from "./tree";

const fields = describeFilterFields("CONTACT", [{ key: "tier", fieldType: "SELECT", options: ["gold"] }]);
const field = (path: string) => fields.find((f) => f.path === path)!;

const tree: FilterGroup = {
  all: [
    { field: "email", op: "contains", value: "@acme" },
    { any: [{ field: "tags", op: "hasAny", value: ["vip"] }, { field: "lastName", op: "eq", value: 3 }] },
  ],
};

describe("filter tree edits", () => {
  it("updates, appends, removes and switches groups without touching the rest", () => {
    const t1 = updateAt(tree, [1, 1], () => ({ field: "lastName", op: "eq", value: "Lee" }));
    expect(t1).toEqual({ all: [tree.all[0], { any: [{ field: "tags", op: "hasAny", value: ["vip"] }, { field: "lastName", op: "eq", value: "Lee" }] }] });
    expect(tree.all[1]).toEqual({ any: [{ field: "tags", op: "hasAny", value: ["vip"] }, { field: "lastName", op: "eq", value: 3 }] }); // unchanged
    expect(appendAt(tree, [1], { all: [] })).toMatchObject({ all: [{}, { any: [{}, {}, { all: [] }] }] });
    expect(removeAt(tree, [0])).toEqual({ all: [tree.all[1]] });
    expect(removeAt(tree, [1, 0])).toEqual({ all: [tree.all[0], { any: [{ field: "lastName", op: "eq", value: 3 }] }] });
    expect(setMode(tree, [], "any")).toEqual({ any: tree.all });
    expect(setMode(tree, [1], "all")).toMatchObject({ all: [{}, { all: [{}, {}] }] });
    expect(countConditions(tree)).toBe(3);
    expect(asGroup({ field: "email", op: "isEmpty" })).toEqual({ all: [{ field: "email", op: "isEmpty" }] });
  });

  it("names nodes with the validator's paths, so errors land on the exact condition", () => {
    expect(errorPathOf(tree, [])).toBe("filter");
    expect(errorPathOf(tree, [1, 1])).toBe("filter.all[1].any[1]");
    const result = validateFilter("CONTACT", tree);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(issuesAt(errors, errorPathOf(tree, [1, 1])).value).toEqual(["must be a string"]);
    expect(issuesAt(errors, errorPathOf(tree, [0]))).toEqual({ field: [], op: [], value: [], node: [] });
    expect(issuesAt(errors, "filter")).toEqual({ field: [], op: [], value: [], node: [] });
    const bad = { all: [{ field: "nope", op: "eq", value: 1 }, { field: "tags", op: "hasAny", value: ["ok", 5] }] };
    const r2 = validateFilter("CONTACT", bad);
    const e2 = r2.ok ? [] : r2.errors;
    expect(issuesAt(e2, "filter.all[0]").field).toHaveLength(1);
    expect(issuesAt(e2, "filter.all[1]").value).toEqual(["item 2 must be a string"]);
  });

  it("starts and changes conditions with values the validator accepts where it can", () => {
    expect(newCondition(fields)).toEqual({ field: "", op: "eq" });
    expect(newCondition(fields, "ownedByUserId")).toEqual({ field: "ownedByUserId", op: "eq", value: "me" });
    expect(newCondition(fields, "tags")).toEqual({ field: "tags", op: "hasAny", value: [] });
    const c = { field: "email", op: "contains" as const, value: "acme" };
    expect(changeField(c, field("email"), field("lastName"))).toEqual({ field: "lastName", op: "contains", value: "acme" });
    expect(changeField(c, field("email"), field("createdAt"))).toEqual({ field: "createdAt", op: "eq", value: "" });
    expect(changeField({ field: "email", op: "isEmpty" }, field("email"), field("tags"))).toEqual({ field: "tags", op: "isEmpty" });
    expect(changeOp(c, field("email"), "in")).toEqual({ field: "email", op: "in", value: ["acme"] });
    expect(changeOp({ field: "email", op: "in", value: ["a", "b"] }, field("email"), "eq")).toEqual({ field: "email", op: "eq", value: "a" });
    expect(changeOp(c, field("email"), "isNotEmpty")).toEqual({ field: "email", op: "isNotEmpty" });
    expect(changeOp({ field: "createdAt", op: "eq", value: "2024-01-01" }, field("createdAt"), "withinLastDays")).toEqual({ field: "createdAt", op: "withinLastDays", value: 7 });
    for (const path of ["ownedByUserId", "createdAt", "emailOptIn", "customFields.tier", "company.employeeCount"]) {
      const cond = newCondition(fields, path);
      const ok = validateFilter("CONTACT", { all: [cond] }, { customFields: [{ key: "tier", fieldType: "SELECT", options: ["gold"] }] }).ok;
      // text-like defaults start empty and are refused until filled; the rest are valid as they start
      expect({ path, ok }).toEqual({ path, ok: path !== "createdAt" && path !== "company.employeeCount" });
    }
  });
});
