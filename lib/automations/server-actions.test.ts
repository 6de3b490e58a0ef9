// Settings → Automations and Settings → AI actions through the real action client:
// permission (admins manage, managers read, others neither), validation at the rule's own
// paths, and that a refusal changes nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { claimsOf, describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord } from "@/lib/records/service";
import {
  createAutomationAction,
  deleteAutomationAction,
  dryRunAction,
  redeliverExecutionsAction,
  retryExecutionAction,
  rotateSecretAction,
  saveAiSettingsAction,
  setAutomationEnabledAction,
  updateAutomationAction,
} from "./actions";
import { getAiSettings } from "./ai-settings";
import { listExecutions } from "./executions";
import { createAutomation, getAutomation, listAutomations } from "./service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const rule = { name: "Notify ERP", entityType: "DEAL", scopeType: "ENTITY", triggerEvent: "record.updated", actionType: "WEBHOOK", config: { url: "https://erp.example.com/hooks" } } as const;

async function setup() {
  const f = await tenantWithRoles(["manager"]);
  const { automation } = await createAutomation(f.ctx, rule);
  const deal = await createRecord(f.ctx, "DEAL", { name: "Acme" });
  return { ...f, automation, deal };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({
  automations: await listAutomations(f.ctx),
  rule: await getAutomation(f.ctx, f.automation.id),
  executions: (await listExecutions(f.ctx)).data,
  ai: await getAiSettings(f.ctx),
});

describe("automation actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      {
        action: "createAutomationAction",
        refused: () => createAutomationAction({ ...rule, name: "Copy" }),
        invalid: { call: () => createAutomationAction({ ...rule, scopeType: "PIPELINE", config: { url: "ftp://erp" } }), paths: ["pipelineId", "config.url"] },
      },
      {
        action: "updateAutomationAction",
        refused: (f) => updateAutomationAction({ automationId: f.automation.id, name: "Renamed" }),
        invalid: { call: (f) => updateAutomationAction({ automationId: f.automation.id, priority: -1 }), paths: ["priority"] },
      },
      {
        action: "setAutomationEnabledAction",
        refused: (f) => setAutomationEnabledAction({ automationId: f.automation.id, enabled: false }),
        invalid: { call: (f) => setAutomationEnabledAction({ automationId: f.automation.id, enabled: "off" as never }), paths: ["enabled"] },
      },
      { action: "rotateSecretAction", refused: (f) => rotateSecretAction({ automationId: f.automation.id }), invalid: { call: () => rotateSecretAction({ automationId: "erp" }), paths: ["automationId"] } },
      { action: "deleteAutomationAction", refused: (f) => deleteAutomationAction({ automationId: f.automation.id }), invalid: { call: () => deleteAutomationAction({ automationId: "" }), paths: ["automationId"] } },
      {
        action: "dryRunAction",
        refused: (f) => dryRunAction({ entityType: "DEAL", entityId: f.deal.id, triggerEvent: "record.updated" }),
        invalid: { call: (f) => dryRunAction({ entityType: "DEAL", entityId: f.deal.id, triggerEvent: "deal.won" as never }), paths: ["triggerEvent"] },
      },
      { action: "retryExecutionAction", refused: () => retryExecutionAction({ executionId: randomUUID() }), invalid: { call: () => retryExecutionAction({ executionId: "last" }), paths: ["executionId"] } },
      { action: "redeliverExecutionsAction", refused: () => redeliverExecutionsAction({ ids: [randomUUID()] }), invalid: { call: () => redeliverExecutionsAction({ ids: [] }), paths: ["ids"] } },
      {
        action: "saveAiSettingsAction",
        refused: () => saveAiSettingsAction({ baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini", apiKey: "sk-test" }),
        invalid: { call: () => saveAiSettingsAction({ baseUrl: "file:///etc/passwd", model: null }), paths: ["baseUrl"] },
      },
    ],
  });

  it("a manager may dry-run (read) but not change a rule", async () => {
    const f = await setup();
    const before = await state(f);
    signedIn.claims = await claimsOf(f.others[0]!.userId, f.tenantId);
    expect((await dryRunAction({ entityType: "DEAL", entityId: f.deal.id, triggerEvent: "record.updated" }))?.data).toEqual([expect.objectContaining({ automationId: f.automation.id, wouldFire: true })]);
    expect((await setAutomationEnabledAction({ automationId: f.automation.id, enabled: false }))?.serverError).toMatchObject({ code: "forbidden" });
    expect(await state(f)).toEqual(before);
  });

  it("an admin creates a webhook rule and gets its secret once", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    const r = await createAutomationAction({ ...rule, name: "Second" });
    expect(r?.data).toMatchObject({ id: expect.any(String), webhookSecret: expect.stringMatching(/^whsec_/) });
    expect(await listAutomations(f.ctx)).toHaveLength(2);
  });
});
