import { describe, expect, it } from "vitest";
import type { FilterCustomField } from "./fields";
import { evaluateFilter, filterDependencies, type FilterRecord } from "./evaluate";

const NOW = new Date("2025-06-15T12:00:00.000Z");
const ME = "0b5c1a52-1d8e-4e9a-8a31-6a2a0f1c9d01";
const LIST = "6f1c2b1e-8a4d-4c3b-9f00-0123456789ab";
const CUSTOM: FilterCustomField[] = [
  { key: "score", fieldType: "NUMBER", options: [] },
  { key: "vip", fieldType: "CHECKBOX", options: [] },
  { key: "birthday", fieldType: "DATE", options: [] },
  { key: "interests", fieldType: "MULTI_SELECT", options: [] },
];
const contact = (over: Partial<FilterRecord> = {}): FilterRecord => ({
  id: "11111111-1111-4111-8111-111111111111",
  firstName: "Ann",
  email: null,
  ownedByUserId: ME,
  tags: ["vip"],
  customFields: {},
  createdAt: new Date("2025-06-10T08:00:00Z"),
  companyId: null,
  listIds: [],
  ...over,
});
const match = (filter: unknown, record = contact(), userId: string | null = ME) =>
  evaluateFilter("CONTACT", filter, record, { userId, now: NOW, customFields: CUSTOM });
const one = (field: string, op: string, value?: unknown) => ({ all: [{ field, op, value }] });

describe("evaluateFilter", () => {
  it.each([
    ["neq on a missing value", one("email", "neq", "a@b.c"), true],
    ["notContains on a missing value", one("email", "notContains", "@"), true],
    ["notIn on a missing value", one("email", "notIn", ["a@b.c"]), true],
    ["eq on a missing value", one("email", "eq", ""), false],
    ["isEmpty on a missing value", one("email", "isEmpty"), true],
    ["isEmpty on ''", one("firstName", "isEmpty"), false],
    ["case-insensitive eq", one("firstName", "eq", "aNN"), true],
    ["% is a literal", one("firstName", "contains", "%"), false],
    ["{all: []} is true", { all: [] }, true],
    ["{any: []} is false", { any: [] }, false],
    ["me is the acting user", one("ownedByUserId", "eq", "me"), true],
    ["a day value on a timestamp covers the whole UTC day", one("createdAt", "eq", "2025-06-10"), true],
    ["gt a day means after that day", one("createdAt", "gt", "2025-06-10"), false],
    ["withinLastDays counts from now, not from midnight", one("createdAt", "withinLastDays", 5), false],
    ["withinLastDays", one("createdAt", "withinLastDays", 6), true],
    ["relative today", one("createdAt", "between", ["today-7d", "today"]), true],
    ["tags are case-sensitive", one("tags", "hasAny", ["VIP"]), false],
    ["missing checkbox is false", one("customFields.vip", "eq", false), true],
    ["not in a list", one("id", "notInList", LIST), true],
  ])("%s", (_name, filter, expected) => {
    expect(match(filter)).toBe(expected);
  });

  it("matches nobody for me when there is no acting user", () => {
    expect(match(one("ownedByUserId", "eq", "me"), contact(), null)).toBe(false);
    expect(match(one("ownedByUserId", "neq", "me"), contact(), null)).toBe(true);
  });

  it("reads custom fields the way the SQL reads jsonb", () => {
    const rec = contact({ customFields: { score: "10.50", birthday: "2025-06-15T09:00:00Z", interests: "golf", vip: "true" } });
    expect(match(one("customFields.score", "eq", 10.5), rec)).toBe(true);
    expect(match(one("customFields.score", "gt", 10), contact({ customFields: { score: "ten" } }))).toBe(false);
    expect(match(one("customFields.birthday", "eq", "today"), rec)).toBe(true);
    expect(match(one("customFields.interests", "hasAny", ["golf"]), rec)).toBe(false);
    expect(match(one("customFields.vip", "eq", true), rec)).toBe(false);
  });

  it("compares numeric strings exactly", () => {
    const deal = { name: "Big", amount: "9007199254740993.01", listIds: [] };
    expect(evaluateFilter("DEAL", one("amount", "gt", "9007199254740993"), deal, { userId: null })).toBe(true);
    expect(evaluateFilter("DEAL", one("amount", "lte", "9007199254740993.00"), deal, { userId: null })).toBe(false);
  });

  it("treats a soft-deleted company as none, and asks for the company when it is needed", () => {
    const withCompany = (company: FilterRecord["company"]) => contact({ companyId: "22222222-2222-4222-8222-222222222222", company });
    expect(match(one("company.name", "eq", "Acme"), withCompany({ name: "ACME" }))).toBe(true);
    expect(match(one("company.name", "eq", "Acme"), withCompany({ name: "ACME", deletedAt: new Date() }))).toBe(false);
    expect(match(one("company.name", "neq", "Acme"), withCompany(null))).toBe(true);
    expect(() => match(one("company.name", "eq", "Acme"), withCompany(undefined))).toThrow(/record.company/);
    expect(() => match(one("id", "inList", LIST), contact({ listIds: undefined }))).toThrow(/listIds/);
  });

  it("says what a record must carry for a filter", () => {
    expect(filterDependencies({ all: [{ field: "email", op: "isEmpty" }] })).toEqual({ listIds: false, company: false });
    expect(filterDependencies({ any: [{ all: [{ field: "id", op: "notInList", value: LIST }] }, { field: "company.name", op: "eq", value: "x" }] })).toEqual({ listIds: true, company: true });
  });

  it("refuses an invalid filter with a validation error", () => {
    expect(() => match(one("nope", "eq", "x"))).toThrow(expect.objectContaining({ code: "validation" }));
  });
});
