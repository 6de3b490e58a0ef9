// Automations trigger on lead.converted (API.md "Leads"), through the worker like every event.
import { describe, expect, it, vi } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { listExecutions } from "@/lib/automations/executions";
import { createAutomation } from "@/lib/automations/service";
import { ownDatabaseWithWorker } from "@/lib/automations/test-harness";
import { createRecord } from "@/lib/records/service";
import { convertLead } from "./convert";

const db = ownDatabaseWithWorker("leads_automation");

describe("lead.converted", () => {
  it("triggers the leads' automations once per conversion; other record types may not use it", async () => {
    const t = await makeTenant("Convert Co");
    const { automation } = await createAutomation(t.ctx, { name: "Won a lead", entityType: "LEAD", scopeType: "ENTITY", triggerEvent: "lead.converted", actionType: "EVENT", config: { name: "lead.won" } });
    await expect(createAutomation(t.ctx, { name: "Nope", entityType: "CONTACT", scopeType: "ENTITY", triggerEvent: "lead.converted", actionType: "EVENT", config: { name: "x" } })).rejects.toThrow(/lead.converted applies to leads only/);
    const lead = await createRecord(t.ctx, "LEAD", { firstName: "Auto", email: "auto@convert.example" });
    const other = await createRecord(t.ctx, "LEAD", { firstName: "Stays" });
    await convertLead(t.ctx, lead.id, {});

    await vi.waitFor(
      async () => {
        const runs = (await listExecutions(t.ctx, { automationId: automation.id })).data;
        expect(runs).toHaveLength(1);
        expect(runs[0]).toMatchObject({ status: "SUCCEEDED", entityId: lead.id });
        expect(await db.jobsOf(runs[0]!.id)).toBe(0);
      },
      { timeout: 15_000, interval: 50 },
    );
    expect((await listExecutions(t.ctx, { automationId: automation.id })).data.map((r) => r.entityId)).not.toContain(other.id);
  });
});
