import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createRecord, deleteRecord } from "@/lib/records/service";
import { knownValues } from "./known-values";

describe("known values of a filter field", () => {
  it("offers a text column's values in use, most used first, without blanks, deleted records or other workspaces", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    for (const industry of ["Software", "Retail", "Software", "", "Banking"]) await createRecord(t.ctx, "COMPANY", { name: `Co ${industry || "none"}`, industry: industry || null });
    const gone = await createRecord(t.ctx, "COMPANY", { name: "Gone", industry: "Mining" });
    await deleteRecord(t.ctx, "COMPANY", gone.id);
    await createRecord(other.ctx, "COMPANY", { name: "Theirs", industry: "Shipping" });

    expect((await knownValues(t.ctx, "COMPANY", "industry")).map((v) => v.value)).toEqual(["Software", "Banking", "Retail"]);
    expect((await knownValues(t.ctx, "CONTACT", "company.industry")).map((v) => v.value)).toEqual(["Software", "Banking", "Retail"]);
    expect(await knownValues(t.ctx, "COMPANY", "employeeCount")).toEqual([]);
    expect(await knownValues(t.ctx, "COMPANY", "nope")).toEqual([]);
  });

  it("offers the stages and pipelines of the record type by name", async () => {
    const t = await makeTenant();
    const stages = await knownValues(t.ctx, "DEAL", "stageId");
    expect(stages.map((s) => s.label)).toEqual(["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]);
    expect(stages.every((s) => /^[0-9a-f-]{36}$/.test(s.value))).toBe(true);
    expect((await knownValues(t.ctx, "DEAL", "pipelineId")).map((p) => p.label)).toEqual(["Sales Pipeline"]);
  });
});
