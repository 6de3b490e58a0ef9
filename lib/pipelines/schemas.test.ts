// Pure: the configuration schemas and the required-field vocabulary (no database).
import { describe, expect, it } from "vitest";
import { fieldLabel, requiredFieldIssues, standardFieldsOf } from "./fields";
import { pipelineKeySchema, probabilitySchema, stageOrderSchema, summaryQuerySchema } from "./schemas";

describe("probabilitySchema", () => {
  it.each([
    [0, "0.0000"],
    [1, "1.0000"],
    ["0.25", "0.2500"],
    [".5", "0.5000"],
    [0.33333, "0.3333"],
    [" 0.7 ", "0.7000"],
  ])("accepts %j as %s", (input, out) => expect(probabilitySchema.parse(input)).toBe(out));

  it.each([-0.1, 1.01, "1.5", "", "abc", "0x1", Number.NaN, "-0"])("refuses %j", (input) => expect(probabilitySchema.safeParse(input).success).toBe(false));
});

describe("pipelineKeySchema", () => {
  it.each(["sales", "enterprise-deals", "emea_2"])("accepts %s", (k) => expect(pipelineKeySchema.parse(k)).toBe(k));
  it.each(["Sales", "-sales", "sales-", "a b", "ünïcode", ""])("refuses %j", (k) => expect(pipelineKeySchema.safeParse(k).success).toBe(false));
});

describe("summaryQuerySchema", () => {
  it("reads dates as whole UTC days (to inclusive) and date-times as given", () => {
    expect(summaryQuerySchema.parse({ from: "2026-01-01", to: "2026-01-31" })).toEqual({ from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-02-01T00:00:00Z") });
    expect(summaryQuerySchema.parse({ to: "2026-01-31T12:00:00Z" })).toEqual({ to: new Date("2026-01-31T12:00:00Z") });
    expect(summaryQuerySchema.safeParse({ from: "last week" }).success).toBe(false);
    expect(summaryQuerySchema.safeParse({ from: "2026-13-45" }).success).toBe(false);
    // Date would roll these over into March
    expect(summaryQuerySchema.safeParse({ from: "2024-02-30" }).success).toBe(false);
    expect(summaryQuerySchema.safeParse({ to: "2023-02-29T10:00:00Z" }).success).toBe(false);
  });
});

describe("required fields", () => {
  it("offers the create fields of the object type, not the placement or the custom-field bag", () => {
    const deal = standardFieldsOf("DEAL");
    expect(deal).toEqual(expect.arrayContaining(["name", "amount", "closeDate", "tags", "lostReason"]));
    expect(deal).not.toContain("pipelineId");
    expect(deal).not.toContain("customFields");
    expect(standardFieldsOf("TICKET")).toContain("subject");
  });

  it("names each unknown field with its path; custom fields only need a well-formed key", () => {
    expect(requiredFieldIssues("DEAL", ["amount", "customFields.budget_2026", "subject", "customFields.", "customFields.9x"])).toEqual([
      { path: "requiredFields[2]", message: "subject is not a field of a deal" },
      { path: "requiredFields[3]", message: "customFields. is not a field of a deal" },
      { path: "requiredFields[4]", message: "customFields.9x is not a field of a deal" },
    ]);
    expect(requiredFieldIssues("CONTACT", ["email"], "stages[1].requiredFields")).toEqual([]);
  });

  it("labels fields for people", () => {
    expect(fieldLabel("closeDate")).toBe("Close date");
    expect(fieldLabel("assignedUserId")).toBe("Assignee");
    expect(fieldLabel("customFields.contract_value")).toBe("Contract value");
  });
});

it("stage order needs at least one id", () => {
  expect(stageOrderSchema.safeParse({ stageIds: [] }).success).toBe(false);
});
