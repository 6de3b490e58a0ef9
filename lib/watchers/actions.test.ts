// The Follow control's actions through the real action client. Every role may follow a
// record for itself (watchers.write); only admins and managers for someone else.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord } from "@/lib/records/service";
import { followAction, unfollowAction } from "./actions";
import { followRecord, listWatchers } from "./service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

async function setup() {
  const f = await tenantWithRoles();
  const deal = await createRecord(f.ctx, "DEAL", { name: "Acme" });
  await followRecord(f.ctx, { recordType: "DEAL", recordId: deal.id, principalType: "USER", principalId: f.userId });
  return { ...f, deal };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => listWatchers(f.ctx, "DEAL", f.deal.id);

describe("watcher actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      { action: "followAction", invalid: { call: (f) => followAction({ kind: "DEAL", id: f.deal.id, principalType: "TEAM" as never, principalId: f.userId }), paths: ["principalType"] } },
      { action: "unfollowAction", invalid: { call: (f) => unfollowAction({ kind: "DEAL", id: f.deal.id, principalType: "USER", principalId: "me" }), paths: ["principalId"] } },
    ],
  });

  it("a readonly member follows for themselves, but may not make the admin unfollow", async () => {
    const f = await setup();
    signedIn.claims = f.claims.readonly;
    expect((await followAction({ kind: "DEAL", id: f.deal.id, principalType: "USER", principalId: f.readonly.userId }))?.data).toEqual({ created: true });
    const r = await unfollowAction({ kind: "DEAL", id: f.deal.id, principalType: "USER", principalId: f.userId });
    expect(r?.serverError).toMatchObject({ code: "forbidden" });
    expect((await state(f)).map((w) => w.principalId).sort()).toEqual([f.userId, f.readonly.userId].sort());
  });
});
