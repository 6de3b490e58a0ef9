// The record pages' actions through the real action client: create and edit with each
// kind's own schema, delete and restore; permission, validation at the form's paths, and
// that a refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createCustomField } from "@/lib/custom-fields/service";
import { createRecordAction, deleteRecordAction, restoreRecordAction, updateRecordAction } from "./actions";
import { listRecords } from "./queries";
import { createRecord, deleteRecord } from "./service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

async function setup() {
  const f = await tenantWithRoles();
  const ann = await createRecord(f.ctx, "CONTACT", { firstName: "Ann", email: "ann@example.test" });
  const gone = await createRecord(f.ctx, "CONTACT", { firstName: "Gone" });
  await deleteRecord(f.ctx, "CONTACT", gone.id);
  return { ...f, ann, gone };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({
  live: (await listRecords(f.ctx, "CONTACT", {})).data,
  deals: (await listRecords(f.ctx, "DEAL", {})).data,
});

describe("record actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      {
        action: "createRecordAction",
        refused: () => createRecordAction({ kind: "DEAL", values: { name: "Acme renewal" } }),
        invalid: { call: () => createRecordAction({ kind: "DEAL", values: { name: "", amount: "12.345", closeDate: "2024-02-30" } }), paths: ["values.name", "values.amount", "values.closeDate"] },
      },
      {
        action: "updateRecordAction",
        refused: (f) => updateRecordAction({ kind: "CONTACT", id: f.ann.id, patch: { lastName: "Archer" } }),
        invalid: { call: (f) => updateRecordAction({ kind: "CONTACT", id: f.ann.id, patch: { email: "ann at example" } }), paths: ["patch.email"] },
      },
      { action: "deleteRecordAction", refused: (f) => deleteRecordAction({ kind: "CONTACT", id: f.ann.id }), invalid: { call: (f) => deleteRecordAction({ kind: "PERSON" as never, id: f.ann.id }), paths: ["kind"] } },
      { action: "restoreRecordAction", refused: (f) => restoreRecordAction({ kind: "CONTACT", id: f.gone.id }), invalid: { call: () => restoreRecordAction({ kind: "CONTACT", id: "gone" }), paths: ["id"] } },
    ],
  });

  it("a field the kind does not have is refused by its schema (a stage is set only by a move)", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    const deal = await createRecord(f.ctx, "DEAL", { name: "Acme" });
    const r = await updateRecordAction({ kind: "DEAL", id: deal.id, patch: { stageId: deal.stageId } as never });
    expect(r?.validationErrors).toBeDefined();
    expect(r?.data).toBeUndefined();
  });

  it("the service's own checks (custom field values, a contact's identity) come back by field", async () => {
    const f = await setup();
    await createCustomField(f.ctx, { objectType: "CONTACT", label: "Tier", fieldType: "SELECT", options: ["Gold"] });
    signedIn.claims = f.claims.admin;
    const before = await state(f);
    const badTier = await createRecordAction({ kind: "CONTACT", values: { firstName: "Cid", customFields: { tier: "Platinum" } } });
    expect(badTier?.serverError).toMatchObject({ code: "validation", errors: [expect.objectContaining({ path: "customFields.tier" })] });
    const nobody = await createRecordAction({ kind: "CONTACT", values: { phone: "555" } });
    expect(nobody?.serverError).toMatchObject({ code: "validation", errors: [expect.objectContaining({ path: "firstName" })] });
    expect(await state(f)).toEqual(before);
  });

  it("an admin creates, edits, deletes and restores", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    const created = await createRecordAction({ kind: "COMPANY", values: { name: "Globex", domain: "globex.example" } });
    expect(created?.data).toEqual({ id: expect.any(String) });
    expect((await updateRecordAction({ kind: "CONTACT", id: f.ann.id, patch: { lastName: "Archer" } }))?.data).toMatchObject({ updatedAt: expect.anything() });
    expect((await deleteRecordAction({ kind: "CONTACT", id: f.ann.id }))?.serverError).toBeUndefined();
    expect((await restoreRecordAction({ kind: "CONTACT", id: f.ann.id }))?.data).toEqual({ id: f.ann.id });
    expect((await state(f)).live.map((r) => r.lastName)).toEqual(["Archer"]);
  });
});
