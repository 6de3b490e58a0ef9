import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createCompany } from "@/lib/records/create-company";
import { addGroupMember, createGroup, deleteGroup, getGroup, listGroups, removeGroupMember, updateGroup } from "./groups";
import { setMemberActive } from "./members";
import { withTenant } from "./with-tenant";

describe("groups", () => {
  it("creates, renames, replaces members and deletes a group", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
    const mgr = await makeMember(t.tenantId, "manager", "Max Manager");
    const g = await createGroup(t.ctx, { name: " Inside sales ", memberUserIds: [rep.userId, rep.userId] });
    expect(g).toMatchObject({ name: "Inside sales", memberUserIds: [rep.userId] });

    const renamed = await updateGroup(t.ctx, g.id, { name: "EMEA", memberUserIds: [mgr.userId, t.userId] });
    expect(renamed.name).toBe("EMEA");
    expect(renamed.memberUserIds.sort()).toEqual([mgr.userId, t.userId].sort());

    await removeGroupMember(t.ctx, { groupId: g.id, userId: mgr.userId });
    const added = await addGroupMember(t.ctx, { groupId: g.id, userId: rep.userId });
    expect(added.memberUserIds.sort()).toEqual([rep.userId, t.userId].sort());
    expect(added.members.find((m) => m.userId === rep.userId)).toMatchObject({ name: "Rita Rep", email: rep.email, isActive: true });
    expect((await listGroups(t.ctx)).map((x) => x.id)).toEqual([g.id]);

    await deleteGroup(t.ctx, g.id);
    expect(await listGroups(t.ctx)).toEqual([]);
    await expect(getGroup(t.ctx, g.id)).rejects.toMatchObject({ code: "not-found" });
  });

  it("sets, changes and removes a group's manager, who must be an active member of the workspace", async () => {
    const t = await makeTenant();
    const mgr = await makeMember(t.tenantId, "manager", "Max Manager");
    const other = await makeTenant();
    const g = await createGroup(t.ctx, { name: "EMEA", managerUserId: mgr.userId });
    expect(g.managerUserId).toBe(mgr.userId);
    expect((await updateGroup(t.ctx, g.id, { managerUserId: t.userId })).managerUserId).toBe(t.userId);
    await expect(updateGroup(t.ctx, g.id, { managerUserId: other.userId })).rejects.toMatchObject({ code: "validation" });
    expect((await updateGroup(t.ctx, g.id, { managerUserId: null })).managerUserId).toBeNull();
    expect((await getGroup(t.ctx, g.id)).managerUserId).toBeNull();
  });

  it("refuses a duplicate name in the tenant, but another tenant may use it", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    await createGroup(a.ctx, { name: "Support" });
    await expect(createGroup(a.ctx, { name: "Support" })).rejects.toMatchObject({ code: "conflict" });
    const other = await createGroup(a.ctx, { name: "Sales" });
    await expect(updateGroup(a.ctx, other.id, { name: "Support" })).rejects.toMatchObject({ code: "conflict" });
    await expect(createGroup(b.ctx, { name: "Support" })).resolves.toMatchObject({ name: "Support" });
  });

  it("adds only active members of the tenant (422 with the offending path)", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const gone = await makeMember(a.tenantId, "sales_rep");
    await setMemberActive(a.ctx, { userId: gone.userId, active: false });
    await expect(createGroup(a.ctx, { name: "X", memberUserIds: [a.userId, b.userId] })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "memberUserIds[1]", message: expect.any(String) }] },
    });
    const g = await createGroup(a.ctx, { name: "Y" });
    await expect(addGroupMember(a.ctx, { groupId: g.id, userId: gone.userId })).rejects.toMatchObject({ code: "validation" });
    await expect(addGroupMember(a.ctx, { groupId: g.id, userId: randomUUID() })).rejects.toMatchObject({ code: "validation" });
    expect((await getGroup(a.ctx, g.id)).memberUserIds).toEqual([]);
  });

  it("keeps a member deactivated after joining, marked inactive", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    const g = await createGroup(t.ctx, { name: "Team", memberUserIds: [rep.userId] });
    await setMemberActive(t.ctx, { userId: rep.userId, active: false });
    expect((await getGroup(t.ctx, g.id)).members).toEqual([expect.objectContaining({ userId: rep.userId, isActive: false })]);
    // Replacing the set may keep them (they are not being added again).
    await expect(updateGroup(t.ctx, g.id, { memberUserIds: [rep.userId, t.userId] })).resolves.toMatchObject({ memberUserIds: expect.arrayContaining([rep.userId, t.userId]) });
  });

  it("refuses to delete a group that still owns records", async () => {
    const t = await makeTenant();
    const g = await createGroup(t.ctx, { name: "Owners" });
    await createCompany(t.ctx, { name: "Owned", ownedByGroupId: g.id });
    await expect(deleteGroup(t.ctx, g.id)).rejects.toMatchObject({ code: "conflict", message: /reassign/ });
    await expect(getGroup(t.ctx, g.id)).resolves.toMatchObject({ name: "Owners" });
  });

  it("deleting a group removes the watches it held", async () => {
    const t = await makeTenant();
    const g = await createGroup(t.ctx, { name: "Watchers" });
    const company = await createCompany(t.ctx, { name: "Watched" });
    await withTenant(t.ctx, (tx) =>
      tx.execute(sql`insert into record_watchers (tenant_id, record_type, record_id, principal_type, principal_id) values (${t.tenantId}, 'COMPANY', ${company.id}, 'GROUP', ${g.id})`),
    );
    await deleteGroup(t.ctx, g.id);
    const rows = await withTenant(t.ctx, (tx) => tx.execute(sql`select 1 from record_watchers where principal_id = ${g.id}`));
    expect(rows).toHaveLength(0);
  });

  it("tenant A cannot read, change, join or delete B's groups: not found, B unchanged", async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const bGroup = await createGroup(b.ctx, { name: "B team", memberUserIds: [b.userId] });
    await expect(getGroup(a.ctx, bGroup.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(updateGroup(a.ctx, bGroup.id, { name: "pwned" })).rejects.toMatchObject({ code: "not-found" });
    await expect(addGroupMember(a.ctx, { groupId: bGroup.id, userId: a.userId })).rejects.toMatchObject({ code: "not-found" });
    await expect(removeGroupMember(a.ctx, { groupId: bGroup.id, userId: b.userId })).rejects.toMatchObject({ code: "not-found" });
    await expect(deleteGroup(a.ctx, bGroup.id)).rejects.toMatchObject({ code: "not-found" });
    expect(await getGroup(b.ctx, bGroup.id)).toEqual(bGroup);
    expect(await listGroups(a.ctx)).toEqual([]);
  });

  it("only admins may change groups", async () => {
    const t = await makeTenant();
    const manager = await makeMember(t.tenantId, "manager");
    await expect(createGroup(manager.ctx, { name: "Nope" })).rejects.toMatchObject({ code: "forbidden" });
    const g = await createGroup(t.ctx, { name: "Yes" });
    await expect(deleteGroup(manager.ctx, g.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listGroups(manager.ctx)).resolves.toHaveLength(1);
  });
});
