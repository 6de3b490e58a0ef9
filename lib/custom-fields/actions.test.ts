// Settings → Fields actions through the real action client: permission, validation, and
// that a refusal changes nothing.
import { describe, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createFieldAction, deleteFieldAction, moveFieldAction, updateFieldAction } from "./actions";
import { createCustomField, listCustomFields } from "./service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

async function setup() {
  const f = await tenantWithRoles();
  const tier = await createCustomField(f.ctx, { objectType: "CONTACT", label: "Tier", fieldType: "SELECT", options: ["Gold", "Silver"] });
  const region = await createCustomField(f.ctx, { objectType: "CONTACT", label: "Region", fieldType: "TEXT" });
  return { ...f, tier, region };
}

describe("custom field actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state: (f) => listCustomFields(f.ctx),
    cases: [
      {
        action: "createFieldAction",
        refused: () => createFieldAction({ objectType: "CONTACT", label: "Budget", fieldType: "NUMBER" }),
        invalid: { call: () => createFieldAction({ objectType: "CONTACT", label: "Size", fieldType: "SELECT" }), paths: ["options"] },
      },
      {
        action: "updateFieldAction",
        refused: (f) => updateFieldAction({ fieldId: f.tier.id, label: "Level", isRequired: true }),
        invalid: { call: (f) => updateFieldAction({ fieldId: f.tier.id, label: "", isRequired: false }), paths: ["label"] },
      },
      {
        action: "moveFieldAction",
        refused: (f) => moveFieldAction({ fieldId: f.region.id, direction: "up" }),
        invalid: { call: (f) => moveFieldAction({ fieldId: f.region.id, direction: "left" as never }), paths: ["direction"] },
      },
      { action: "deleteFieldAction", refused: (f) => deleteFieldAction({ fieldId: f.tier.id }), invalid: { call: () => deleteFieldAction({ fieldId: "tier" }), paths: ["fieldId"] } },
    ],
  });
});
