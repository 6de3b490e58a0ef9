import { describe, expect, it } from "vitest";
import { formatCustomFieldValue } from "./format";
import { checkCustomFieldValues, checkValue, type FieldDefinitionLike } from "./rules";
import { keyFromLabel } from "./schemas";

const def = (fieldType: FieldDefinitionLike["fieldType"], extra: Partial<FieldDefinitionLike> = {}): FieldDefinitionLike => ({
  key: "f",
  label: "F",
  fieldType,
  options: fieldType === "SELECT" || fieldType === "MULTI_SELECT" ? ["Gold", "Silver", "Bronze"] : [],
  isRequired: false,
  ...extra,
});

describe("checkValue", () => {
  const cases: [FieldDefinitionLike["fieldType"], unknown, unknown | Error][] = [
    ["TEXT", "  hello ", "hello"],
    ["TEXT", "x".repeat(2000), "x".repeat(2000)],
    ["TEXT", "x".repeat(2001), new Error("must be at most 2000 characters")],
    ["TEXT", 5, new Error("must be text")],
    ["NUMBER", 12.5, 12.5],
    ["NUMBER", -3, -3],
    ["NUMBER", "12", new Error("must be a number")],
    ["NUMBER", Number.NaN, new Error("must be a number")],
    ["NUMBER", Number.POSITIVE_INFINITY, new Error("must be a number")],
    ["DATE", "2026-02-28", "2026-02-28"],
    ["DATE", "2024-02-29", "2024-02-29"],
    ["DATE", "2026-02-30", new Error("must be a date YYYY-MM-DD")],
    ["DATE", "2026-2-3", new Error("must be a date YYYY-MM-DD")],
    ["DATE", "2026-02-03T10:00:00Z", new Error("must be a date YYYY-MM-DD")],
    ["CHECKBOX", false, false],
    ["CHECKBOX", "true", new Error("must be true or false")],
    ["URL", " https://example.com/a?b=1 ", "https://example.com/a?b=1"],
    ["URL", "ftp://example.com", new Error("must be a URL starting with http:// or https://")],
    ["URL", "example.com", new Error("must be a URL starting with http:// or https://")],
    ["SELECT", "Gold", "Gold"],
    ["SELECT", "gold", new Error('must be one of "Gold", "Silver", "Bronze"')],
    ["MULTI_SELECT", ["Gold", "Bronze", "Gold"], ["Gold", "Bronze"]],
    ["MULTI_SELECT", ["Gold", "Platinum"], new Error('must be a list of options from "Gold", "Silver", "Bronze"')],
    ["MULTI_SELECT", "Gold", new Error('must be a list of options from "Gold", "Silver", "Bronze"')],
  ];
  it.each(cases)("%s %j", (type, value, expected) => {
    const r = checkValue(def(type), value);
    if (expected instanceof Error) expect(r).toEqual({ ok: false, message: expected.message });
    else expect(r).toEqual({ ok: true, value: expected });
  });
});

describe("checkCustomFieldValues", () => {
  const defs = [def("NUMBER", { key: "budget", isRequired: true }), def("TEXT", { key: "notes" }), def("CHECKBOX", { key: "vip", isRequired: true })];

  it("refuses unknown keys and wrong types with paths customFields.<key>", () => {
    const r = checkCustomFieldValues(defs, { budget: "lots", vip: true, colour: "red" }, { plural: "deals" });
    expect(r.issues).toEqual([
      { path: "customFields.budget", message: "must be a number" },
      { path: "customFields.colour", message: "is not a custom field of deals" },
    ]);
  });

  it("on create, every required field needs a value (false is a value; empty is not)", () => {
    expect(checkCustomFieldValues(defs, { budget: 0, vip: false }).issues).toEqual([]);
    expect(checkCustomFieldValues(defs, { budget: null, notes: "" }).issues).toEqual([
      { path: "customFields.budget", message: "is required" },
      { path: "customFields.vip", message: "is required" },
    ]);
  });

  it("drops empty values from what is stored", () => {
    expect(checkCustomFieldValues(defs, { budget: 1, vip: true, notes: "  " }).values).toEqual({ budget: 1, vip: true });
  });

  it("on update, required fields need not be sent unless the record had them, and may not be cleared", () => {
    expect(checkCustomFieldValues(defs, { notes: "x" }, { partial: true, current: {} }).issues).toEqual([]);
    expect(checkCustomFieldValues(defs, { notes: "x" }, { partial: true, current: { budget: 5 } }).issues).toEqual([{ path: "customFields.budget", message: "is required" }]);
    expect(checkCustomFieldValues(defs, { budget: null }, { partial: true, current: { budget: 5 } }).issues).toEqual([{ path: "customFields.budget", message: "is required" }]);
  });

  it("on update, a stored value sent back unchanged passes even if its field is gone or changed", () => {
    const current = { oldField: "kept", budget: 5 };
    const r = checkCustomFieldValues([def("SELECT", { key: "tier", options: ["A"] })], { oldField: "kept", tier: "A" }, { partial: true, current });
    expect(r).toEqual({ values: { oldField: "kept", tier: "A" }, issues: [] });
    expect(checkCustomFieldValues([], { oldField: "changed" }, { partial: true, current }).issues).toEqual([{ path: "customFields.oldField", message: "is not a custom field" }]);
  });
});

describe("keyFromLabel", () => {
  it.each([
    ["Contract value (USD)", "contractValueUsd"],
    ["  Renewal date ", "renewalDate"],
    ["Café owner", "cafeOwner"],
    ["2026 budget", "field2026Budget"],
    ["NPS", "nps"],
  ])("%s → %s", (label, key) => {
    expect(keyFromLabel(label)).toBe(key);
    expect(key).toMatch(/^[a-zA-Z][a-zA-Z0-9_]*$/);
  });
});

describe("formatCustomFieldValue", () => {
  it.each([
    ["CHECKBOX", true, "Yes"],
    ["CHECKBOX", false, "No"],
    ["NUMBER", 1234567.5, "1,234,567.5"],
    ["DATE", "2026-03-05", "Mar 5, 2026"],
    ["MULTI_SELECT", ["Gold", "Silver"], "Gold, Silver"],
    ["TEXT", null, ""],
    ["URL", "https://x.example", "https://x.example"],
  ] as const)("%s %j → %s", (type, value, text) => {
    expect(formatCustomFieldValue({ fieldType: type }, value)).toBe(text);
  });
});
