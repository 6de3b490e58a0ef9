import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { findUserByEmail, membershipsOf } from "@/lib/auth/users";
import { changeMemberRole, listMembers, setMemberActive, updateOwnName } from "./members";
import { withTenant } from "./with-tenant";

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
