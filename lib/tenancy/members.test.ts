import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { makeMember, makeTenant, TEST_PASSWORD } from "@/db/testing/factories";
import { verifyPassword } from "@/lib/auth/password";
import { findUserByEmail, membershipsOf } from "@/lib/auth/users";
import { addMember, changeMemberRole, listMembers, setMemberActive, updateOwnName } from "./members";
import { withTenant } from "./with-tenant";

const NEW_PASSWORD = "Init1al-pass!";
const email = (p = "user") => `${p}-${randomUUID()}@example.test`;

describe("addMember", () => {
  it("creates a new user with the initial password and a membership with the role", async () => {
    const t = await makeTenant();
    const address = email("new");
    const out = await addMember(t.ctx, { name: "Nina New", email: address.toUpperCase(), role: "sales_rep", password: NEW_PASSWORD });
    expect(out.createdUser).toBe(true);
    const user = await findUserByEmail(address);
    expect(user).toMatchObject({ id: out.userId, email: address, name: "Nina New" });
    expect(await verifyPassword(user!.passwordHash, NEW_PASSWORD)).toBe(true);
    const members = await listMembers(t.ctx);
    expect(members.find((m) => m.userId === out.userId)).toMatchObject({ role: "sales_rep", isActive: true, deactivatedAt: null });
    expect(await membershipsOf(out.userId)).toEqual([{ tenantId: t.tenantId, tenantName: "Test Co", role: "sales_rep", isActive: true }]);
  });

  it("adds an existing user (other tenant) without touching their name or password", async () => {
    const home = await makeTenant("Home");
    const other = await makeTenant("Other");
    const out = await addMember(other.ctx, { name: "Renamed?", email: home.email, role: "manager", password: "Different-pass1" });
    expect(out).toEqual({ userId: home.userId, createdUser: false });
    const user = await findUserByEmail(home.email);
    expect(await verifyPassword(user!.passwordHash, TEST_PASSWORD)).toBe(true);
    expect(await verifyPassword(user!.passwordHash, "Different-pass1")).toBe(false);
    expect(user!.name).not.toBe("Renamed?");
    const tenants = (await membershipsOf(home.userId)).map((m) => [m.tenantName, m.role]);
    expect(tenants).toEqual([["Home", "admin"], ["Other", "manager"]]);
  });

  it("refuses a user who is already a member, naming deactivated members", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    await expect(addMember(t.ctx, { name: "x", email: rep.email, role: "manager", password: NEW_PASSWORD })).rejects.toMatchObject({ code: "conflict", message: /already a member/ });
    await setMemberActive(t.ctx, { userId: rep.userId, active: false });
    await expect(addMember(t.ctx, { name: "x", email: rep.email, role: "manager", password: NEW_PASSWORD })).rejects.toMatchObject({ code: "conflict", message: /reactivate/ });
  });

  it("is refused to non-admins, whatever the caller", async () => {
    const t = await makeTenant();
    const manager = await makeMember(t.tenantId, "manager");
    await expect(addMember(manager.ctx, { name: "x", email: email(), role: "admin", password: NEW_PASSWORD })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("role changes and deactivation", () => {
  it("changes a member's role", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    await changeMemberRole(t.ctx, { userId: rep.userId, role: "manager" });
    expect((await membershipsOf(rep.userId))[0]!.role).toBe("manager");
  });

  it("deactivation shows in the membership look-up getSession uses, and reactivation restores it", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    const out = await setMemberActive(t.ctx, { userId: rep.userId, active: false });
    expect(out.isActive).toBe(false);
    expect(out.deactivatedAt).toBeInstanceOf(Date);
    // getSession() accepts only a membership with isActive for the JWT's tenant.
    expect(await membershipsOf(rep.userId)).toEqual([expect.objectContaining({ tenantId: t.tenantId, isActive: false })]);
    // The user row stays: users are never hard-deleted.
    expect(await findUserByEmail(rep.email)).toBeDefined();
    await setMemberActive(t.ctx, { userId: rep.userId, active: true });
    expect((await membershipsOf(rep.userId))[0]!.isActive).toBe(true);
    expect((await listMembers(t.ctx)).find((m) => m.userId === rep.userId)!.deactivatedAt).toBeNull();
  });

  it("refuses to demote or deactivate the last active admin", async () => {
    const t = await makeTenant();
    await expect(changeMemberRole(t.ctx, { userId: t.userId, role: "manager" })).rejects.toMatchObject({ code: "conflict", message: /last active admin/ });
    await expect(setMemberActive(t.ctx, { userId: t.userId, active: false })).rejects.toMatchObject({ code: "conflict", message: /last active admin/ });
    expect((await membershipsOf(t.userId))[0]).toMatchObject({ role: "admin", isActive: true });
  });

  it("a deactivated admin does not count: the remaining active admin is still the last one", async () => {
    const t = await makeTenant();
    const second = await makeMember(t.tenantId, "admin");
    await setMemberActive(t.ctx, { userId: second.userId, active: false });
    await expect(changeMemberRole(t.ctx, { userId: t.userId, role: "readonly" })).rejects.toMatchObject({ code: "conflict" });
    // With a second active admin, the first may step down.
    await setMemberActive(t.ctx, { userId: second.userId, active: true });
    await changeMemberRole(t.ctx, { userId: t.userId, role: "readonly" });
    expect((await membershipsOf(t.userId))[0]!.role).toBe("readonly");
  });

  it("two admins demoting each other at once leave one admin", async () => {
    const t = await makeTenant();
    const second = await makeMember(t.tenantId, "admin");
    const results = await Promise.allSettled([
      changeMemberRole(t.ctx, { userId: second.userId, role: "manager" }),
      changeMemberRole(second.ctx, { userId: t.userId, role: "manager" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const admins = (await listMembers(t.ctx)).filter((m) => m.role === "admin" && m.isActive);
    expect(admins).toHaveLength(1);
  });

  it("non-admins cannot change roles or deactivate", async () => {
    const t = await makeTenant();
    const manager = await makeMember(t.tenantId, "manager");
    const rep = await makeMember(t.tenantId, "sales_rep");
    await expect(changeMemberRole(manager.ctx, { userId: rep.userId, role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setMemberActive(rep.ctx, { userId: manager.userId, active: false })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("cross-tenant refusal", () => {
  it("tenant A's admin cannot change or deactivate B's members: not found, and B is unchanged", async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const bRep = await makeMember(b.tenantId, "sales_rep");
    await expect(changeMemberRole(a.ctx, { userId: bRep.userId, role: "admin" })).rejects.toMatchObject({ code: "not-found" });
    await expect(setMemberActive(a.ctx, { userId: b.userId, active: false })).rejects.toMatchObject({ code: "not-found" });
    expect(await membershipsOf(bRep.userId)).toEqual([expect.objectContaining({ tenantId: b.tenantId, role: "sales_rep", isActive: true })]);
    expect((await listMembers(a.ctx)).map((m) => m.userId)).toEqual([a.userId]);
  });
});

describe("updateOwnName", () => {
  it("renames the signed-in user", async () => {
    const t = await makeTenant();
    await updateOwnName(t.ctx, { name: "  Ada Admin " });
    const [row] = await withTenant(t.ctx, (tx) => tx.select({ name: users.name }).from(users).where(eq(users.id, t.userId)));
    expect(row!.name).toBe("Ada Admin");
  });

  it("refuses a deactivated member and blank names", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep", "Rep");
    await expect(updateOwnName(rep.ctx, { name: "   " })).rejects.toThrow();
    await setMemberActive(t.ctx, { userId: rep.userId, active: false });
    await expect(updateOwnName(rep.ctx, { name: "Sneaky" })).rejects.toMatchObject({ code: "not-found" });
    const [row] = await withTenant(t.ctx, (tx) => tx.execute<{ name: string }>(sql`select name from users where id = ${rep.userId}`));
    expect(row!.name).toBe("Rep");
  });
});
