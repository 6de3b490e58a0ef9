// Settings → Quotas and Settings → Workspace actions through the real action client:
// who may call them, what bad input answers, and that a refusal changes nothing.
import { describe, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord, getRecord } from "@/lib/records/service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { updateWorkspaceAction } from "@/lib/workspace/actions";
import { getWorkspace } from "@/lib/workspace/service";
import { eraseContactAction } from "@/lib/privacy/actions";
import { createQuotaAction, deleteQuotaAction } from "./actions";
import { createQuota, listQuotas } from "./service";

async function setup() {
  const f = await tenantWithRoles();
  const quota = await createQuota(f.ctx, { userId: f.userId, period: "QUARTER", start: "2026-10-01", dealsTarget: 5 });
  const contact = await createRecord(f.ctx, "CONTACT", { firstName: "Eve", email: "eve@erase.example" });
  return { ...f, quota, contact };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({ quotas: await listQuotas(f.ctx), workspace: await getWorkspace(f.ctx), contact: await getRecord(f.ctx, "CONTACT", f.contact.id) });

describe("quota, workspace and privacy actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      { action: "createQuotaAction", refused: (f) => createQuotaAction({ userId: f.userId, period: "MONTH", start: "2026-11-01", dealsTarget: 3 }), invalid: { call: (f) => createQuotaAction({ userId: f.userId, period: "WEEK" as never, start: "2026-11-01", dealsTarget: 3 }), paths: ["period"] } },
      { action: "deleteQuotaAction", refused: (f) => deleteQuotaAction({ quotaId: f.quota.id }), invalid: { call: () => deleteQuotaAction({ quotaId: "x" }), paths: ["quotaId"] } },
      { action: "updateWorkspaceAction", refused: () => updateWorkspaceAction({ timeZone: "Europe/Paris" }), invalid: { call: () => updateWorkspaceAction({ timeZone: "Mars/Olympus" }), paths: ["timeZone"] } },
      { action: "eraseContactAction", refused: (f) => eraseContactAction({ id: f.contact.id }), invalid: { call: () => eraseContactAction({ id: "x" }), paths: ["id"] } },
    ],
  });
});
