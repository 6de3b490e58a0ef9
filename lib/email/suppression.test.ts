// The suppression list's screen rules (Settings → Email → Suppression list) through the real
// action client and the service: who reads, who adds and removes, an erased person's entry
// never leaves, search by address and paging.
import { describe, expect, it, vi } from "vitest";
import { claimsOf, describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { removeSuppressionAction, suppressAddressAction } from "./actions";
import { listSuppressions, removeSuppression, suppressAddress, suppressedAmong } from "./suppression";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

async function setup() {
  const f = await tenantWithRoles(["manager"]);
  const manager = f.others[0]!;
  await withTenant(f.ctx, async (tx) => {
    // bounced first, then erased: both entries are the erased person's now
    await suppressAddress(tx, { tenantId: f.tenantId, email: "gone@erased.test", reason: "BOUNCED" });
    await suppressAddress(tx, { tenantId: f.tenantId, email: "gone@erased.test", reason: "ERASED" });
    await suppressAddress(tx, { tenantId: f.tenantId, email: "left@unsub.test", reason: "UNSUBSCRIBED" });
  });
  return { ...f, manager, managerClaims: await claimsOf(manager.userId, f.tenantId) };
}
type F = Awaited<ReturnType<typeof setup>>;

const state = async (f: F) => (await listSuppressions(f.ctx)).data.map((e) => `${e.email}:${e.reason}`).sort();
const idOf = async (f: F, reason: string) => (await listSuppressions(f.ctx)).data.find((e) => e.reason === reason)!.id;

describe("suppression list", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      {
        action: "suppressAddressAction",
        refused: () => suppressAddressAction({ email: "new@x.test", reason: "COMPLAINED" }),
        invalid: { call: () => suppressAddressAction({ email: "not an address", reason: "ERASED" as never }), paths: ["email", "reason"] },
      },
      { action: "removeSuppressionAction", refused: async (f) => removeSuppressionAction({ id: await idOf(f, "UNSUBSCRIBED") }), invalid: { call: () => removeSuppressionAction({ id: "" }), paths: ["id"] } },
    ],
  });

  it("admins add and remove; managers read but change nothing; an erased person's entry never leaves", async () => {
    const f = await setup();
    // a manager reads the list (the address of an erased person is gone), and may not change it
    const seen = await listSuppressions(f.manager.ctx);
    expect(seen.data.map((e) => [e.email, e.reason, e.removable])).toEqual(
      expect.arrayContaining([
        [null, "ERASED", false],
        [null, "BOUNCED", false],
        ["left@unsub.test", "UNSUBSCRIBED", true],
      ]),
    );
    signedIn.claims = f.managerClaims;
    expect((await suppressAddressAction({ email: "m@x.test", reason: "BOUNCED" }))?.serverError).toMatchObject({ code: "forbidden" });
    expect((await removeSuppressionAction({ id: await idOf(f, "UNSUBSCRIBED") }))?.serverError).toMatchObject({ code: "forbidden" });
    // a readonly member does not even read it
    await expect(listSuppressions(f.readonly.ctx)).rejects.toThrow(/may not/);

    // an admin adds by hand: it is suppressed at once
    signedIn.claims = f.claims.admin;
    expect((await suppressAddressAction({ email: "Angry@Complaints.test", reason: "COMPLAINED", detail: "phoned us" }))?.data).toEqual({ added: true });
    expect(await withTenant(f.ctx, (tx) => suppressedAmong(tx, f.tenantId, ["angry@complaints.test"]))).toEqual(new Map([["angry@complaints.test", "COMPLAINED"]]));

    // the erased entry is refused, and stays; the others go
    const erased = await idOf(f, "ERASED");
    expect((await removeSuppressionAction({ id: erased }))?.serverError).toMatchObject({ code: "conflict" });
    await expect(removeSuppression(f.ctx, erased)).rejects.toThrow(/forever/);
    await expect(removeSuppression(f.ctx, await idOf(f, "BOUNCED"))).rejects.toThrow(/forever/);
    expect((await removeSuppressionAction({ id: await idOf(f, "COMPLAINED") }))?.serverError).toBeUndefined();
    expect((await removeSuppressionAction({ id: await idOf(f, "UNSUBSCRIBED") }))?.serverError).toBeUndefined();
    expect(await state(f)).toEqual(["null:BOUNCED", "null:ERASED"]);
    expect(await withTenant(f.ctx, (tx) => suppressedAmong(tx, f.tenantId, ["angry@complaints.test", "left@unsub.test"]))).toEqual(new Map());
    // gone already, or never there: not found
    await expect(removeSuppression(f.ctx, "nohash:BOUNCED")).rejects.toThrow(/not found/i);
  });

  it("searches by part of the address, any case, and pages newest first", async () => {
    const f = await setup();
    await withTenant(f.ctx, async (tx) => {
      for (let i = 0; i < 5; i++) await suppressAddress(tx, { tenantId: f.tenantId, email: `bounce${i}@acme.test`, reason: "BOUNCED" });
    });
    expect((await listSuppressions(f.ctx, { q: "ACME" })).data).toHaveLength(5);
    expect((await listSuppressions(f.ctx, { q: "unsub" })).data.map((e) => e.email)).toEqual(["left@unsub.test"]);
    const first = await listSuppressions(f.ctx, { q: "acme", limit: 3 });
    const second = await listSuppressions(f.ctx, { q: "acme", limit: 3, cursor: first.nextCursor });
    expect(first.data).toHaveLength(3);
    expect(second.data).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.data, ...second.data].map((e) => e.email)).size).toBe(5);
  });
});
