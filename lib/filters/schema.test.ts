import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { FilterCustomField, FilterObjectType } from "./fields";
import { assertValidFilter, FILTER_LIMITS, filterSchema, validateFilter } from "./schema";

const LIST_ID = "6f1c2b1e-8a4d-4c3b-9f00-0123456789ab";
const CUSTOM: FilterCustomField[] = [
  { objectType: "CONTACT", key: "score", fieldType: "NUMBER", options: [] },
  { objectType: "CONTACT", key: "tier", fieldType: "SELECT", options: ["gold", "silver"] },
  { objectType: "CONTACT", key: "interests", fieldType: "MULTI_SELECT", options: [] },
  { objectType: "CONTACT", key: "vip", fieldType: "CHECKBOX", options: [] },
  { objectType: "CONTACT", key: "birthday", fieldType: "DATE", options: [] },
  { objectType: "DEAL", key: "region", fieldType: "TEXT", options: [] },
];
const ok = { field: "email", op: "contains", value: "@acme" };
const nest = (depth: number): unknown => (depth === 0 ? ok : { all: [nest(depth - 1)] });

const valid: [string, FilterObjectType, unknown][] = [
  ["empty all", "CONTACT", { all: [] }],
  ["empty any", "CONTACT", { any: [] }],
  ["a bare condition", "CONTACT", ok],
  ["nested groups", "CONTACT", { any: [{ all: [ok, { field: "tags", op: "hasAny", value: ["vip"] }] }, { field: "lastName", op: "isEmpty" }] }],
  ["isEmpty with null value", "CONTACT", { all: [{ field: "phone", op: "isNotEmpty", value: null }] }],
  ["me on an owner field", "CONTACT", { all: [{ field: "ownedByUserId", op: "in", value: ["me", LIST_ID] }] }],
  ["relative dates", "DEAL", { all: [{ field: "closeDate", op: "between", value: ["today-7d", "today+1w"] }, { field: "createdAt", op: "gt", value: "now-2h" }] }],
  ["a date-time without offset", "DEAL", { all: [{ field: "closedAt", op: "lte", value: "2024-05-01T10:00" }] }],
  ["withinLastDays", "CONTACT", { all: [{ field: "createdAt", op: "withinLastDays", value: 7 }] }],
  ["number as decimal string", "DEAL", { all: [{ field: "amount", op: "gte", value: "12500.00" }] }],
  ["enum values", "DEAL", { all: [{ field: "dealType", op: "in", value: ["NEW", "UPSELL"] }, { field: "status", op: "eq", value: "won" }] }],
  ["custom fields by type", "CONTACT", { all: [
    { field: "customFields.score", op: "between", value: [1, "2.5"] },
    { field: "customFields.tier", op: "eq", value: "gold" },
    { field: "customFields.interests", op: "hasAll", value: ["golf"] },
    { field: "customFields.vip", op: "eq", value: true },
    { field: "customFields.birthday", op: "withinNextDays", value: 30 },
  ] }],
  ["list membership on id", "CONTACT", { all: [{ field: "id", op: "notInList", value: LIST_ID }] }],
  ["related company field", "DEAL", { all: [{ field: "company.employeeCount", op: "gt", value: 50 }] }],
  ["activity fields", "ACTIVITY", { all: [{ field: "activityType", op: "eq", value: "CALL" }, { field: "dueAt", op: "withinNextDays", value: 1 }] }],
  ["depth at the limit", "CONTACT", nest(FILTER_LIMITS.maxDepth)],
];

// [name, object type, filter, path, message fragment]
const invalid: [string, FilterObjectType, unknown, string, string][] = [
  ["not an object", "CONTACT", "email = x", "filter", "group"],
  ["null", "CONTACT", null, "filter", "group"],
  ["unknown field", "CONTACT", { all: [ok, { field: "nope", op: "eq", value: "x" }] }, "filter.all[1].field", "unknown field"],
  ["unknown op, nested", "CONTACT", { any: [{ all: [ok, ok, { field: "email", op: "like", value: "x" }] }] }, "filter.any[0].all[2].op", "unknown op"],
  ["op not valid for a string", "CONTACT", { all: [{ field: "email", op: "gt", value: "a" }] }, "filter.all[0].op", "does not apply to string"],
  ["op not valid for tags", "CONTACT", { all: [{ field: "tags", op: "eq", value: "vip" }] }, "filter.all[0].op", "does not apply to tags"],
  ["inList on a plain field", "CONTACT", { all: [{ field: "email", op: "inList", value: LIST_ID }] }, "filter.all[0].op", "does not apply"],
  ["wrong value type", "CONTACT", { all: [ok, { field: "email", op: "eq", value: 5 }] }, "filter.all[1].value", "must be a string"],
  ["missing value", "CONTACT", { all: [{ field: "email", op: "eq" }] }, "filter.all[0].value", "is required"],
  ["missing op", "CONTACT", { all: [{ field: "email", value: "x" }] }, "filter.all[0].op", "is required"],
  ["missing field", "CONTACT", { all: [{ op: "eq", value: "x" }] }, "filter.all[0].field", "is required"],
  ["bad element of in", "CONTACT", { all: [{ field: "firstName", op: "in", value: ["a", 2] }] }, "filter.all[0].value[1]", "must be a string"],
  ["in needs an array", "CONTACT", { all: [{ field: "firstName", op: "in", value: "a" }] }, "filter.all[0].value", "array"],
  ["in needs values", "CONTACT", { all: [{ field: "firstName", op: "notIn", value: [] }] }, "filter.all[0].value", "1 to"],
  ["between needs two", "DEAL", { all: [{ field: "amount", op: "between", value: [1] }] }, "filter.all[0].value", "[low, high]"],
  ["bad between bound", "DEAL", { all: [{ field: "amount", op: "between", value: [1, "lots"] }] }, "filter.all[0].value[1]", "must be a number"],
  ["non-finite number", "DEAL", { all: [{ field: "amount", op: "gt", value: "1e999" }] }, "filter.all[0].value", "must be a number"],
  ["fractional days", "CONTACT", { all: [{ field: "createdAt", op: "withinLastDays", value: 1.5 }] }, "filter.all[0].value", "whole number"],
  ["negative days", "CONTACT", { all: [{ field: "createdAt", op: "withinNextDays", value: -1 }] }, "filter.all[0].value", "whole number"],
  ["isEmpty takes no value", "CONTACT", { all: [{ field: "email", op: "isEmpty", value: "" }] }, "filter.all[0].value", "takes no value"],
  ["impossible date", "DEAL", { all: [{ field: "closeDate", op: "eq", value: "2024-02-30" }] }, "filter.all[0].value", "must be a date"],
  ["month and day past any calendar", "DEAL", { all: [{ field: "closeDate", op: "eq", value: "2024-99-99" }] }, "filter.all[0].value", "must be a date"],
  ["date-time on no calendar day", "DEAL", { all: [{ field: "createdAt", op: "gt", value: "2024-99-99T10:00:00Z" }] }, "filter.all[0].value", "must be a date"],
  ["unknown relative date", "DEAL", { all: [{ field: "closeDate", op: "gt", value: "yesterday" }] }, "filter.all[0].value", "relative"],
  ["hours on a day", "DEAL", { all: [{ field: "closeDate", op: "gt", value: "today+2h" }] }, "filter.all[0].value", "relative"],
  ["me on a group field", "CONTACT", { all: [{ field: "ownedByGroupId", op: "eq", value: "me" }] }, "filter.all[0].value", "must be a uuid"],
  ["not a uuid", "CONTACT", { all: [{ field: "ownedByUserId", op: "eq", value: "42" }] }, "filter.all[0].value", 'or "me"'],
  ["enum is exact", "DEAL", { all: [{ field: "dealType", op: "eq", value: "new" }] }, "filter.all[0].value", "NEW, RENEWAL"],
  ["select option unknown", "CONTACT", { all: [{ field: "customFields.tier", op: "eq", value: "bronze" }] }, "filter.all[0].value", "gold, silver"],
  ["checkbox needs a boolean", "CONTACT", { all: [{ field: "customFields.vip", op: "eq", value: "true" }] }, "filter.all[0].value", "true or false"],
  ["list id must be a uuid", "CONTACT", { all: [{ field: "id", op: "inList", value: "my-list" }] }, "filter.all[0].value", "list id"],
  ["hasAny needs values", "CONTACT", { all: [{ field: "tags", op: "hasAny", value: [] }] }, "filter.all[0].value", "1 to"],
  ["NUL in a string", "CONTACT", { all: [{ field: "email", op: "contains", value: "a\u0000b" }] }, "filter.all[0].value", "NUL"],
  ["custom field of another type", "CONTACT", { all: [{ field: "customFields.region", op: "eq", value: "x" }] }, "filter.all[0].field", "unknown field"],
  ["deal field on a contact", "CONTACT", { all: [{ field: "amount", op: "gt", value: 1 }] }, "filter.all[0].field", "unknown field"],
  ["company fields on a lead", "LEAD", { all: [{ field: "company.name", op: "eq", value: "x" }] }, "filter.all[0].field", "unknown field"],
  ["no custom fields on activities", "ACTIVITY", { all: [{ field: "customFields.score", op: "gt", value: 1 }] }, "filter.all[0].field", "unknown field"],
  ["all and any together", "CONTACT", { all: [], any: [] }, "filter", "not both"],
  ["all must be an array", "CONTACT", { any: [{ all: ok }] }, "filter.any[0].all", "must be an array"],
  ["extra key in a condition", "CONTACT", { all: [{ ...ok, negate: true }] }, "filter.all[0].negate", "not allowed"],
  ["extra key in a group", "CONTACT", { all: [], note: "x" }, "filter.note", "not allowed"],
  ["too deep", "CONTACT", nest(FILTER_LIMITS.maxDepth + 1), `filter${".all[0]".repeat(FILTER_LIMITS.maxDepth)}`, "nest at most"],
  ["too many conditions", "CONTACT", { any: Array.from({ length: FILTER_LIMITS.maxConditions + 1 }, () => ok) }, `filter.any[${FILTER_LIMITS.maxConditions}]`, "at most"],
  ["a condition is not an array", "CONTACT", { all: [[ok]] }, "filter.all[0]", "group"],
];

describe("validateFilter", () => {
  it.each(valid)("accepts %s", (_name, objectType, json) => {
    const result = validateFilter(objectType, json, { customFields: CUSTOM });
    expect(result).toEqual({ ok: true, filter: json });
    expect(filterSchema.safeParse(json).success).toBe(true);
  });

  it.each(invalid)("refuses %s", (_name, objectType, json, path, message) => {
    const result = validateFilter(objectType, json, { customFields: CUSTOM });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it("reports every bad node, not just the first", () => {
    const result = validateFilter("CONTACT", { all: [{ field: "nope", op: "eq", value: "x" }, ok, { field: "email", op: "eq", value: 1 }] });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(["filter.all[0].field", "filter.all[2].value"]);
  });

  it("assertValidFilter throws a validation AppError carrying the errors", () => {
    const bad = { all: [ok, { field: "email", op: "nope" }] };
    expect(() => assertValidFilter("CONTACT", bad)).toThrow(AppError);
    try {
      assertValidFilter("CONTACT", bad);
    } catch (err) {
      expect(err).toMatchObject({ code: "validation", status: 422, extensions: { errors: [{ path: "filter.all[1].op" }] } });
    }
    expect(assertValidFilter("CONTACT", { all: [ok] })).toEqual({ all: [ok] });
  });
});
