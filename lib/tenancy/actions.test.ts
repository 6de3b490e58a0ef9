// Settings → Users, Groups and API keys actions through the real action client:
// permission, validation, and that a refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { claimsOf, describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import { createApiKey, listApiKeys } from "@/lib/api/keys";
import type { SessionClaims } from "@/lib/auth/session";
import {
  addGroupMemberAction,
  changeRoleAction,
  createApiKeyAction,
  createGroupAction,
  deleteGroupAction,
  inviteAction,
  putAccessPolicyAction,
  removeGroupMemberAction,
  renameGroupAction,
  revokeApiKeyAction,
  revokeInvitationAction,
  setActiveAction,
  setGroupManagerAction,
} from "./actions";
import { getAccessPolicy } from "./access-policy";
import { createGroup, listGroups } from "./groups";
import { createInvitation, listPendingInvitations } from "./invitations";
import { listMembers } from "./members";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

async function setup() {
  const f = await tenantWithRoles(["sales_rep"]);
  const rep = f.others[0]!;
  const group = await createGroup(f.ctx, { name: "EMEA", memberUserIds: [rep.userId] });
  const invitation = await createInvitation(f.ctx, { email: "new@example.test", role: "sales_rep" });
  const key = await createApiKey(f.ctx, { name: "Zapier", role: "sales_rep" });
  return { ...f, rep, group, invitation, key };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => ({
  members: await listMembers(f.ctx),
  groups: await listGroups(f.ctx),
  invitations: await listPendingInvitations(f.ctx),
  keys: await listApiKeys(f.ctx),
  policy: await getAccessPolicy(f.ctx),
});

describe("users, groups and API key actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      { action: "inviteAction", refused: () => inviteAction({ email: "x@example.test", role: "admin" }), invalid: { call: () => inviteAction({ email: "not an email", role: "owner" as never }), paths: ["email", "role"] } },
      { action: "revokeInvitationAction", refused: (f) => revokeInvitationAction({ invitationId: f.invitation.id }), invalid: { call: () => revokeInvitationAction({ invitationId: "1" }), paths: ["invitationId"] } },
      { action: "changeRoleAction", refused: (f) => changeRoleAction({ userId: f.rep.userId, role: "admin" }), invalid: { call: (f) => changeRoleAction({ userId: f.rep.userId, role: "root" as never }), paths: ["role"] } },
      { action: "setActiveAction", refused: (f) => setActiveAction({ userId: f.rep.userId, active: false }), invalid: { call: (f) => setActiveAction({ userId: f.rep.userId, active: "no" as never }), paths: ["active"] } },
      { action: "createGroupAction", refused: () => createGroupAction({ name: "APAC" }), invalid: { call: () => createGroupAction({ name: "", memberUserIds: ["x"] }), paths: ["name", "memberUserIds[0]"] } },
      { action: "renameGroupAction", refused: (f) => renameGroupAction({ groupId: f.group.id, name: "Europe" }), invalid: { call: (f) => renameGroupAction({ groupId: f.group.id, name: "" }), paths: ["name"] } },
      { action: "deleteGroupAction", refused: (f) => deleteGroupAction({ groupId: f.group.id }), invalid: { call: () => deleteGroupAction({ groupId: "emea" }), paths: ["groupId"] } },
      { action: "addGroupMemberAction", refused: (f) => addGroupMemberAction({ groupId: f.group.id, userId: f.readonly.userId }), invalid: { call: (f) => addGroupMemberAction({ groupId: f.group.id, userId: "me" }), paths: ["userId"] } },
      { action: "removeGroupMemberAction", refused: (f) => removeGroupMemberAction({ groupId: f.group.id, userId: f.rep.userId }), invalid: { call: () => removeGroupMemberAction({ groupId: "", userId: "" }), paths: ["groupId", "userId"] } },
      { action: "setGroupManagerAction", refused: (f) => setGroupManagerAction({ groupId: f.group.id, managerUserId: f.rep.userId }), invalid: { call: (f) => setGroupManagerAction({ groupId: f.group.id, managerUserId: "boss" }), paths: ["managerUserId"] } },
      {
        action: "putAccessPolicyAction",
        refused: () => putAccessPolicyAction({ sales_rep: { CONTACT: { read: "own", write: "own" } } }),
        invalid: { call: () => putAccessPolicyAction({ sales_rep: { CONTACT: { read: "mine" as never, write: "own" } } }), paths: ["sales_rep.CONTACT.read"] },
      },
      { action: "createApiKeyAction", refused: () => createApiKeyAction({ name: "CI", role: "admin" }), invalid: { call: () => createApiKeyAction({ name: "", role: "admin" }), paths: ["name"] } },
      { action: "revokeApiKeyAction", refused: (f) => revokeApiKeyAction({ apiKeyId: f.key.id }), invalid: { call: () => revokeApiKeyAction({ apiKeyId: "zapier" }), paths: ["apiKeyId"] } },
    ],
  });

  it("a manager, who may read users but not manage them, is refused too", async () => {
    const f = await tenantWithRoles(["manager"]);
    signedIn.claims = await claimsOf(f.others[0]!.userId, f.tenantId);
    expect((await createApiKeyAction({ name: "CI", role: "admin" }))?.serverError).toMatchObject({ code: "forbidden" });
    expect(await listApiKeys(f.ctx)).toHaveLength(0);
  });

  it("a deactivated member's session is refused before anything runs", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    const repClaims = await claimsOf(f.rep.userId, f.tenantId);
    expect((await setActiveAction({ userId: f.rep.userId, active: false }))?.serverError).toBeUndefined();
    signedIn.claims = repClaims;
    expect((await createGroupAction({ name: "Rogue" }))?.serverError).toMatchObject({ code: "unauthorized" });
    expect((await listGroups(f.ctx)).map((g) => g.name)).toEqual(["EMEA"]);
  });
});
