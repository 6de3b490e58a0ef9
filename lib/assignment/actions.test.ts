// Settings → Assignment and Settings → Lead scoring actions through the real action
// client: who may call them, what bad input answers, and that a refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord, getRecord } from "@/lib/records/service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { getLeadScoring } from "@/lib/scoring/service";
import { leadScoreAction, rescoreAllAction, saveLeadScoringAction } from "@/lib/scoring/actions";
import { createAssignmentRuleAction, deleteAssignmentRuleAction, moveAssignmentRuleAction, previewAssignmentAction, updateAssignmentRuleAction } from "./actions";
import { createAssignmentRule, listAssignmentRules } from "./service";

async function setup() {
  const f = await tenantWithRoles();
  const lead = await createRecord(f.ctx, "LEAD", { firstName: "Rae" });
  const rule = await createAssignmentRule(f.ctx, { name: "All to me", objectType: "LEAD", strategy: "USER", userId: f.userId });
  return { ...f, lead, rule };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({ rules: await listAssignmentRules(f.ctx), scoring: await getLeadScoring(f.ctx), lead: await getRecord(f.ctx, "LEAD", f.lead.id) });

describe("assignment and scoring actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      { action: "createAssignmentRuleAction", refused: (f) => createAssignmentRuleAction({ name: "Mine", objectType: "LEAD", strategy: "USER", userId: f.userId }), invalid: { call: () => createAssignmentRuleAction({ name: "", objectType: "LEAD", strategy: "USER" } as never), paths: ["name"] } },
      { action: "updateAssignmentRuleAction", refused: (f) => updateAssignmentRuleAction({ ruleId: f.rule.id, patch: { enabled: false } }), invalid: { call: (f) => updateAssignmentRuleAction({ ruleId: f.rule.id, patch: { strategy: "SOMETIMES" as never } }), paths: ["patch.strategy"] } },
      { action: "deleteAssignmentRuleAction", refused: (f) => deleteAssignmentRuleAction({ ruleId: f.rule.id }), invalid: { call: () => deleteAssignmentRuleAction({ ruleId: "x" }), paths: ["ruleId"] } },
      { action: "moveAssignmentRuleAction", refused: (f) => moveAssignmentRuleAction({ ruleId: f.rule.id, direction: "up" }), invalid: { call: (f) => moveAssignmentRuleAction({ ruleId: f.rule.id, direction: "sideways" as never }), paths: ["direction"] } },
      { action: "previewAssignmentAction", refused: (f) => previewAssignmentAction({ objectType: "LEAD", recordId: f.lead.id }), invalid: { call: () => previewAssignmentAction({ objectType: "LEAD", recordId: "x" }), paths: ["recordId"] } },
      { action: "saveLeadScoringAction", refused: () => saveLeadScoringAction({ rules: [], activityPoints: { CALL: 5 } }), invalid: { call: () => saveLeadScoringAction({ rules: [], activityPoints: {}, decayDays: 0 }), paths: ["decayDays"] } },
      { action: "rescoreAllAction", refused: () => rescoreAllAction({}) },
      { action: "leadScoreAction", invalid: { call: () => leadScoreAction({ leadId: "x" }), paths: ["leadId"] } },
    ],
  });

  it("a readonly member may read a lead's score", async () => {
    const f = await setup();
    signedIn.claims = f.claims.readonly;
    expect((await leadScoreAction({ leadId: f.lead.id }))?.serverError).toBeUndefined();
  });
});
