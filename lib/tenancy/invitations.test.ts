import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeMember, makeTenant, TEST_PASSWORD } from "@/db/testing/factories";
import { verifyPassword } from "@/lib/auth/password";
import { findUserByEmail, membershipsOf } from "@/lib/auth/users";
import { acceptInvitation, createInvitation, hashInvitationToken, listPendingInvitations, lookupInvitation, revokeInvitation } from "./invitations";

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
    expect(view).toMatchObject({ tenantId: t.tenantId, tenantName: "Acme", email: address, role: "sales_rep", status: "valid", existingUser: false });

    const out = await acceptInvitation(inv.token, { name: "Ivy Invitee", password: PASSWORD });
    expect(out).toMatchObject({ tenantId: t.tenantId, email: address, createdUser: true });
    const user = await findUserByEmail(address);
    expect(user!.name).toBe("Ivy Invitee");
    expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(true);
    expect(await membershipsOf(user!.id)).toEqual([{ tenantId: t.tenantId, tenantName: "Acme", role: "sales_rep", isActive: true }]);

    expect((await lookupInvitation(inv.token))!.status).toBe("used");
    expect(await listPendingInvitations(t.ctx)).toEqual([]);
    await expect(acceptInvitation(inv.token, { name: "Again", password: PASSWORD })).rejects.toMatchObject({ code: "conflict", message: /already been used/ });
  });

  it("an existing user accepts with their own password, which stays unchanged", async () => {
    const home = await makeTenant("Home");
    const t = await makeTenant("Acme");
    const inv = await createInvitation(t.ctx, { email: home.email, role: "readonly" });
    expect((await lookupInvitation(inv.token))!.existingUser).toBe(true);

    await expect(acceptInvitation(inv.token, { password: "Wrong-pass-123" })).rejects.toMatchObject({ code: "validation" });
    expect((await lookupInvitation(inv.token))!.status).toBe("valid");

    const out = await acceptInvitation(inv.token, { name: "ignored", password: TEST_PASSWORD });
    expect(out).toMatchObject({ userId: home.userId, createdUser: false });
    expect((await membershipsOf(home.userId)).map((m) => [m.tenantName, m.role])).toEqual([["Home", "admin"], ["Acme", "readonly"]]);
  });

  it("refuses an expired invitation clearly and creates nothing", async () => {
    const t = await makeTenant();
    const address = email();
    const inv = await createInvitation(t.ctx, { email: address, role: "sales_rep" });
    await owner`update invitations set expires_at = now() - interval '1 minute' where id = ${inv.id}`;
    expect((await lookupInvitation(inv.token))!.status).toBe("expired");
    await expect(acceptInvitation(inv.token, { name: "Late", password: PASSWORD })).rejects.toMatchObject({ code: "conflict", message: /expired/ });
    expect(await findUserByEmail(address)).toBeUndefined();
  });

  it("an unknown or malformed token is not found", async () => {
    expect(await lookupInvitation("x".repeat(43))).toBeNull();
    expect(await lookupInvitation("../../etc")).toBeNull();
    await expect(acceptInvitation("y".repeat(43), { name: "N", password: PASSWORD })).rejects.toMatchObject({ code: "not-found" });
  });

  it("two simultaneous accepts of one token: exactly one membership", async () => {
    const t = await makeTenant();
    const inv = await createInvitation(t.ctx, { email: email(), role: "sales_rep" });
    const results = await Promise.allSettled([
      acceptInvitation(inv.token, { name: "One", password: PASSWORD }),
      acceptInvitation(inv.token, { name: "Two", password: PASSWORD }),
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
    await acceptInvitation(inv.token, { name: "First", password: PASSWORD });
    const user = await findUserByEmail(address);
    await owner`update tenant_users set is_active = false where tenant_id = ${t.tenantId} and user_id = ${user!.id}`;
    await expect(acceptInvitation(again.token, { password: PASSWORD })).rejects.toMatchObject({ code: "conflict", message: /deactivated/ });
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
});
