// The merge dialog's, the getting-started checklist's and the filter builder's actions
// through the real action client: who may call them, what bad input answers, and that a
// refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord, getRecord } from "@/lib/records/service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { listDuplicates } from "@/lib/duplicates/queries";
import { knownValuesAction } from "@/lib/filters/actions";
import { dismissGettingStartedAction, loadDemoDataAction } from "@/lib/onboarding/actions";
import { getGettingStarted } from "@/lib/onboarding/getting-started";
import { dismissDuplicatesAction, loadMergeViewAction, mergeRecordsAction } from "./actions";

async function setup() {
  const f = await tenantWithRoles();
  const a = await createRecord(f.ctx, "CONTACT", { firstName: "Dee", email: "dee@twin.example" });
  const b = await createRecord(f.ctx, "CONTACT", { firstName: "Dee", email: "DEE@twin.example" });
  return { ...f, a, b };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({
  a: await getRecord(f.ctx, "CONTACT", f.a.id),
  b: await getRecord(f.ctx, "CONTACT", f.b.id),
  groups: await listDuplicates(f.ctx, "CONTACT"),
  gettingStarted: await getGettingStarted(f.ctx),
});

describe("merge, onboarding and filter actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      { action: "mergeRecordsAction", refused: (f) => mergeRecordsAction({ kind: "CONTACT", survivorId: f.a.id, mergeIds: [f.b.id] }), invalid: { call: (f) => mergeRecordsAction({ kind: "CONTACT", survivorId: f.a.id, mergeIds: [] }), paths: ["mergeIds"] } },
      { action: "dismissDuplicatesAction", refused: (f) => dismissDuplicatesAction({ kind: "CONTACT", ids: [f.a.id, f.b.id] }), invalid: { call: (f) => dismissDuplicatesAction({ kind: "CONTACT", ids: [f.a.id] }), paths: ["ids"] } },
      { action: "loadMergeViewAction", invalid: { call: (f) => loadMergeViewAction({ kind: "DEAL" as never, ids: [f.a.id, f.b.id] }), paths: ["kind"] } },
      { action: "dismissGettingStartedAction", refused: () => dismissGettingStartedAction() },
      { action: "loadDemoDataAction", refused: () => loadDemoDataAction() },
      { action: "knownValuesAction", invalid: { call: () => knownValuesAction({ objectType: "CONTACT", path: "" }), paths: ["path"] } },
    ],
  });

  it("an admin merges: the merged contact answers where it went", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    expect((await mergeRecordsAction({ kind: "CONTACT", survivorId: f.a.id, mergeIds: [f.b.id] }))?.data).toEqual({ id: f.a.id });
    await expect(getRecord(f.ctx, "CONTACT", f.b.id)).rejects.toMatchObject({ code: "not-found" });
  });
});
