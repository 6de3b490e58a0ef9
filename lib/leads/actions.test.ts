// Lead conversion, disqualification and web-form actions through the real action client:
// who may call them, what bad input answers, and that a refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord, getRecord } from "@/lib/records/service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { createWebFormAction, deleteWebFormAction, updateWebFormAction } from "./web-form-actions";
import { createWebForm, listWebForms } from "./web-forms";
import { convertLeadAction, disqualifyLeadAction, previewConversionAction } from "./actions";

async function setup() {
  const f = await tenantWithRoles();
  const lead = await createRecord(f.ctx, "LEAD", { firstName: "Lia", email: "lia@convert.example", companyName: "Convert Co" });
  const form = await createWebForm(f.ctx, { name: "Demo", fields: ["firstName", "email"] });
  return { ...f, lead, form };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({ lead: await getRecord(f.ctx, "LEAD", f.lead.id), forms: await listWebForms(f.ctx) });

describe("lead actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      { action: "convertLeadAction", refused: (f) => convertLeadAction({ id: f.lead.id, input: {} }), invalid: { call: (f) => convertLeadAction({ id: f.lead.id, input: { contactId: "nope" } }), paths: ["input.contactId"] } },
      { action: "disqualifyLeadAction", refused: (f) => disqualifyLeadAction({ id: f.lead.id, input: { reason: "No budget" } }), invalid: { call: (f) => disqualifyLeadAction({ id: f.lead.id, input: { reason: " " } }), paths: ["input.reason"] } },
      { action: "previewConversionAction", refused: (f) => previewConversionAction({ id: f.lead.id }), invalid: { call: () => previewConversionAction({ id: "not-a-uuid" }), paths: ["id"] } },
      { action: "createWebFormAction", refused: () => createWebFormAction({ name: "Other", fields: ["email"] }), invalid: { call: () => createWebFormAction({ name: " ", fields: [] }), paths: ["name", "fields"] } },
      { action: "updateWebFormAction", refused: (f) => updateWebFormAction({ id: f.form.id, patch: { enabled: false } }), invalid: { call: (f) => updateWebFormAction({ id: f.form.id, patch: { fields: ["score" as never] } }), paths: ["patch.fields[0]"] } },
      { action: "deleteWebFormAction", refused: (f) => deleteWebFormAction({ id: f.form.id }), invalid: { call: () => deleteWebFormAction({ id: "x" }), paths: ["id"] } },
    ],
  });

  it("an admin converts and the lead says so; converting it again is a conflict", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    const r = await convertLeadAction({ id: f.lead.id, input: { deal: null } });
    expect(r?.serverError).toBeUndefined();
    expect((await getRecord(f.ctx, "LEAD", f.lead.id)).status).toBe("converted");
    expect((await convertLeadAction({ id: f.lead.id, input: {} }))?.serverError).toMatchObject({ code: "conflict" });
  });
});
