import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeMember, makeTenant, TEST_PASSWORD } from "@/db/testing/factories";
import { verifyPassword } from "@/lib/auth/password";
import { findUserByEmail, membershipsOf } from "@/lib/auth/users";
import { acceptInvitationAsNewUser, acceptInvitationAsUser, createInvitation, hashInvitationToken, listPendingInvitations, lookupInvitation, revokeInvitation } from "./invitations";

const PASSWORD = "Invit3d-pass!";
const email = () => `invitee-${randomUUID()}@example.test`;

describe("invitations", () => {
  // The owner sees through RLS: it checks what is stored and can age an invitation.
  let owner: postgres.Sql;
  beforeAll(() => {
    owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await owner.end();
  });

  it("stores only the token's hash, expiring in 7 days, and lists it as pending", async () => {
    const t = await makeTenant("Acme");
    const inv = await createInvitation(t.ctx, { email: "  New.Person@Example.TEST ", role: "manager" });
    expect(inv.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await owner`select email, role, token_hash, expires_at - created_at as ttl from invitations where id = ${inv.id}`;
    expect(row).toMatchObject({ email: "new.person@example.test", role: "manager", token_hash: hashInvitationToken(inv.token) });
    expect(row!.token_hash).not.toContain(inv.token);
    expect(String(row!.ttl)).toMatch(/7 days/);
    expect((await listPendingInvitations(t.ctx)).map((i) => i.id)).toEqual([inv.id]);
  });

  it("a new user accepts: account created with the invitation's email, membership with its role, token used once", async () => {
    const t = await makeTenant("Acme");
    const address = email();
    const inv = await createInvitation(t.ctx, { email: address, role: "sales_rep" });
    const view = await lookupInvitation(inv.token);
    expect(view).toMatchObject({ tenantId: t.tenantId, tenantName: "Acme", email: address, role: "sales_rep", status: "valid" });

    const out = await acceptInvitationAsNewUser(inv.token, { name: "Ivy Invitee", password: PASSWORD });
    expect(out).toMatchObject({ tenantId: t.tenantId, email: address });
    const user = await findUserByEmail(address);
    expect(user!.name).toBe("Ivy Invitee");
    expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(true);
    expect(await membershipsOf(user!.id)).toEqual([{ tenantId: t.tenantId, tenantName: "Acme", role: "sales_rep", isActive: true }]);

    expect((await lookupInvitation(inv.token))!.status).toBe("used");
    expect(await listPendingInvitations(t.ctx)).toEqual([]);
    await expect(acceptInvitationAsNewUser(inv.token, { name: "Again", password: PASSWORD })).rejects.toMatchObject({ code: "conflict", message: /already been used/ });
  });

  it("someone with an account accepts signed in as themselves; nobody else's session can use the link", async () => {
    const home = await makeTenant("Home");
    const t = await makeTenant("Acme");
    const stranger = await makeTenant("Elsewhere");
    const inv = await createInvitation(t.ctx, { email: home.email, role: "readonly" });

    await expect(acceptInvitationAsUser(inv.token, stranger.userId)).rejects.toMatchObject({ code: "forbidden", message: new RegExp(home.email) });
    expect((await lookupInvitation(inv.token))!.status).toBe("valid");
    expect(await membershipsOf(stranger.userId)).toHaveLength(1);

    const out = await acceptInvitationAsUser(inv.token, home.userId);
    expect(out).toMatchObject({ tenantId: t.tenantId, userId: home.userId });
    expect((await membershipsOf(home.userId)).map((m) => [m.tenantName, m.role])).toEqual([["Home", "admin"], ["Acme", "readonly"]]);
    // Their password is theirs: nothing in the invitation touched it.
    expect(await verifyPassword((await findUserByEmail(home.email))!.passwordHash, TEST_PASSWORD)).toBe(true);
  });

  it("knowing the link is not enough to take over an account: creating one for a registered email is refused and changes nothing", async () => {
    const home = await makeTenant("Home");
    const t = await makeTenant("Acme");
    const inv = await createInvitation(t.ctx, { email: home.email, role: "admin" });
    await expect(acceptInvitationAsNewUser(inv.token, { name: "Mallory", password: PASSWORD })).rejects.toMatchObject({ code: "conflict", message: /sign in/ });
    const user = await findUserByEmail(home.email);
    expect(await verifyPassword(user!.passwordHash, TEST_PASSWORD)).toBe(true);
    expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(false);
    expect(user!.name).not.toBe("Mallory");
    expect(await membershipsOf(home.userId)).toEqual([expect.objectContaining({ tenantId: home.tenantId })]);
    expect((await lookupInvitation(inv.token))!.status).toBe("valid");
  });

  it("refuses an expired invitation clearly and creates nothing", async () => {
    const t = await makeTenant();
    const address = email();
    const inv = await createInvitation(t.ctx, { email: address, role: "sales_rep" });
    await owner`update invitations set expires_at = now() - interval '1 minute' where id = ${inv.id}`;
    expect((await lookupInvitation(inv.token))!.status).toBe("expired");
    await expect(acceptInvitationAsNewUser(inv.token, { name: "Late", password: PASSWORD })).rejects.toMatchObject({ code: "conflict", message: /expired/ });
    expect(await findUserByEmail(address)).toBeUndefined();
  });

  it("an unknown or malformed token is not found", async () => {
    expect(await lookupInvitation("x".repeat(43))).toBeNull();
    expect(await lookupInvitation("../../etc")).toBeNull();
    await expect(acceptInvitationAsNewUser("y".repeat(43), { name: "N", password: PASSWORD })).rejects.toMatchObject({ code: "not-found" });
  });

  it("two simultaneous accepts of one token: exactly one membership", async () => {
    const t = await makeTenant();
    const inv = await createInvitation(t.ctx, { email: email(), role: "sales_rep" });
    const results = await Promise.allSettled([
      acceptInvitationAsNewUser(inv.token, { name: "One", password: PASSWORD }),
      acceptInvitationAsNewUser(inv.token, { name: "Two", password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [n] = await owner`select count(*)::int as n from tenant_users where tenant_id = ${t.tenantId}`;
    expect(n!.n).toBe(2);
  });

  it("refuses inviting a current member, and a deactivated member cannot rejoin through an old link", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    await expect(createInvitation(t.ctx, { email: rep.email, role: "admin" })).rejects.toMatchObject({ code: "conflict" });

    const address = email();
    const inv = await createInvitation(t.ctx, { email: address, role: "sales_rep" });
    const again = await createInvitation(t.ctx, { email: address, role: "admin" });
    await acceptInvitationAsNewUser(inv.token, { name: "First", password: PASSWORD });
    const user = await findUserByEmail(address);
    await owner`update tenant_users set is_active = false where tenant_id = ${t.tenantId} and user_id = ${user!.id}`;
    await expect(acceptInvitationAsUser(again.token, user!.id)).rejects.toMatchObject({ code: "conflict", message: /deactivated/ });
    expect((await membershipsOf(user!.id))[0]).toMatchObject({ isActive: false, role: "sales_rep" });
  });

  it("revoking a pending invitation kills its link; only admins of the tenant may invite or revoke", async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const manager = await makeMember(a.tenantId, "manager");
    await expect(createInvitation(manager.ctx, { email: email(), role: "readonly" })).rejects.toMatchObject({ code: "forbidden" });
    const inv = await createInvitation(a.ctx, { email: email(), role: "readonly" });
    await expect(revokeInvitation(b.ctx, { invitationId: inv.id })).rejects.toMatchObject({ code: "not-found" });
    expect((await lookupInvitation(inv.token))!.status).toBe("valid");
    await revokeInvitation(a.ctx, { invitationId: inv.id });
    expect(await lookupInvitation(inv.token)).toBeNull();
  });

  it("accepting as a new user is throttled per address: the 11th try in an hour is refused", async () => {
    const from = `test-${randomUUID()}`;
    for (let i = 0; i < 10; i++) {
      await expect(acceptInvitationAsNewUser("z".repeat(43), { name: "N", password: PASSWORD }, { address: from })).rejects.toMatchObject({ code: "not-found" });
    }
    const t = await makeTenant();
    const inv = await createInvitation(t.ctx, { email: email(), role: "sales_rep" });
    await expect(acceptInvitationAsNewUser(inv.token, { name: "N", password: PASSWORD }, { address: from })).rejects.toMatchObject({ code: "rate-limited" });
    expect((await lookupInvitation(inv.token))!.status).toBe("valid");
    await expect(acceptInvitationAsNewUser(inv.token, { name: "N", password: PASSWORD }, { address: `test-${randomUUID()}` })).resolves.toBeDefined();
  });
});

describe("Add user (an invitation for any email)", () => {
  it("answers alike for an email with an account in another workspace and an unknown one", async () => {
    const other = await makeTenant("Other");
    const t = await makeTenant("Acme");
    const known = await createInvitation(t.ctx, { email: other.email, role: "manager" });
    const unknown = await createInvitation(t.ctx, { email: email(), role: "manager" });
    // The same fields, none about the person (no user id, name, or "already has an account").
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    expect(Object.keys(known).sort()).toEqual(["createdAt", "email", "expiresAt", "id", "role", "token"]);
    expect(JSON.stringify(known)).not.toContain(other.userId);
    // Nothing joined yet, in either case: both are pending invitations.
    expect((await listPendingInvitations(t.ctx)).map((i) => i.id).sort()).toEqual([known.id, unknown.id].sort());
    expect(await membershipsOf(other.userId)).toEqual([expect.objectContaining({ tenantId: other.tenantId })]);
    // The page behind the link shows the same fields too.
    const [a, b] = [await lookupInvitation(known.token), await lookupInvitation(unknown.token)];
    expect(Object.keys(a!).sort()).toEqual(Object.keys(b!).sort());
  });

  it("the cross-workspace takeover fails: an account A's admin made cannot be in B when B's admin adds the same email", async () => {
    // A's admin adds x@… and, holding the link, creates the account with a password of their choosing.
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const x = email();
    const fromA = await createInvitation(a.ctx, { email: x, role: "sales_rep" });
    const squatted = await acceptInvitationAsNewUser(fromA.token, { name: "Planted", password: PASSWORD });
    // B's admin adds the same email later: an invitation, answered like any other; no membership.
    const fromB = await createInvitation(b.ctx, { email: x, role: "admin" });
    expect(Object.keys(fromB).sort()).toEqual(Object.keys(fromA).sort());
    expect((await membershipsOf(squatted.userId)).map((m) => m.tenantId)).toEqual([a.tenantId]);
    // B's link goes to x, not to A; and the link alone never sets a password or joins for someone
    // else's session: only the account itself, signed in, can accept it.
    await expect(acceptInvitationAsNewUser(fromB.token, { name: "Planted", password: "An0ther-pass!" })).rejects.toMatchObject({ code: "conflict" });
    await expect(acceptInvitationAsUser(fromB.token, a.userId)).rejects.toMatchObject({ code: "forbidden" });
    expect((await membershipsOf(squatted.userId)).map((m) => m.tenantId)).toEqual([a.tenantId]);
    expect(await verifyPassword((await findUserByEmail(x))!.passwordHash, PASSWORD)).toBe(true);
  });
});
