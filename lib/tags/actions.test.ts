// Settings → Tags actions through the real action client: who may call them, what bad
// input answers, and that a refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createTagAction, deleteTagAction, updateTagAction } from "./actions";
import { createTag, listTags } from "./service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

async function setup() {
  const f = await tenantWithRoles();
  return { ...f, tag: await createTag(f.ctx, { name: "VIP" }) };
}

describe("tag actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state: (f) => listTags(f.ctx),
    cases: [
      { action: "createTagAction", refused: () => createTagAction({ name: "Churn risk" }), invalid: { call: () => createTagAction({ name: " ", color: "red" }), paths: ["name", "color"] } },
      { action: "updateTagAction", refused: (f) => updateTagAction({ tagId: f.tag.id, name: "Gold", color: "#2563eb" }), invalid: { call: (f) => updateTagAction({ tagId: f.tag.id, name: "x".repeat(61), color: "#2563eb" }), paths: ["name"] } },
      { action: "deleteTagAction", refused: (f) => deleteTagAction({ tagId: f.tag.id }), invalid: { call: () => deleteTagAction({ tagId: "not-a-uuid" }), paths: ["tagId"] } },
    ],
  });

  it("an admin's call goes through; a service refusal comes back with its code and field", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    expect((await createTagAction({ name: "Churn risk" }))?.data).toMatchObject({ name: "Churn risk" });
    const dup = await createTagAction({ name: "vip" });
    expect(dup?.serverError).toMatchObject({ code: "conflict", errors: [expect.objectContaining({ path: "name" })] });
    expect((await listTags(f.ctx)).map((t) => t.name).sort()).toEqual(["Churn risk", "VIP"]);
  });

  it("no session: unauthorized, nothing changes", async () => {
    const f = await setup();
    signedIn.claims = null;
    expect((await createTagAction({ name: "Nope" }))?.serverError).toMatchObject({ code: "unauthorized" });
    expect(await listTags(f.ctx)).toHaveLength(1);
  });
});
