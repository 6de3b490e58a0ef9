import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tenantGroupMembers, tenantGroups } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createView, deleteView, getView, listViews, updateView } from "./service";

async function makeGroup(ctx: Awaited<ReturnType<typeof makeTenant>>["ctx"], name: string, memberIds: string[]) {
  return withTenant(ctx, async (tx) => {
    const [g] = await tx.insert(tenantGroups).values({ tenantId: ctx.tenantId, name }).returning({ id: tenantGroups.id });
    if (memberIds.length) await tx.insert(tenantGroupMembers).values(memberIds.map((userId) => ({ tenantId: ctx.tenantId, groupId: g!.id, userId })));
    return g!.id;
  });
}

const names = async (ctx: Parameters<typeof listViews>[0]) => (await listViews(ctx, "CONTACT")).map((v) => `${v.name}${v.mine ? "" : ` (by ${v.ownerName})`}`);

describe("saved views sharing", () => {
  it("a view shared with the workspace is listed for every member, who can neither change nor delete it", async () => {
    const t = await makeTenant();
    const manager = await makeMember(t.tenantId, "manager", "Mona Manager");
    const rep = await makeMember(t.tenantId, "sales_rep", "Rick Rep");
    const other = await makeTenant();
    const v = await createView(manager.ctx, { objectType: "CONTACT", name: "Hot leads", visibility: "workspace" });
    await createView(manager.ctx, { objectType: "CONTACT", name: "Mine only" });
    await createView(rep.ctx, { objectType: "CONTACT", name: "Rep's own" });

    expect(v).toMatchObject({ visibility: "workspace", groupId: null });
    expect(await names(rep.ctx)).toEqual(["Rep's own", "Hot leads (by Mona Manager)"]);
    expect(await names(t.ctx)).toEqual(["Hot leads (by Mona Manager)"]);
    expect(await names(manager.ctx)).toEqual(["Hot leads", "Mine only"]);
    expect(await names(other.ctx)).toEqual([]);
    expect(await listViews(rep.ctx, "COMPANY")).toEqual([]);

    await expect(updateView(rep.ctx, v.id, { name: "Mine now" })).rejects.toMatchObject({ code: "not-found" });
    await expect(deleteView(rep.ctx, v.id)).rejects.toMatchObject({ code: "not-found" });
    await deleteView(manager.ctx, v.id);
    expect(await names(rep.ctx)).toEqual(["Rep's own"]);
  });

  it("a view shared with a group is listed for the group's members only; a deleted group leaves it to its owner", async () => {
    const t = await makeTenant();
    const inGroup = await makeMember(t.tenantId, "sales_rep", "In Group");
    const outside = await makeMember(t.tenantId, "sales_rep", "Outside");
    const groupId = await makeGroup(t.ctx, "Enterprise", [inGroup.userId]);
    const v = await createView(t.ctx, { objectType: "CONTACT", name: "Enterprise accounts", visibility: "group", groupId });
    expect(v).toMatchObject({ visibility: "group", groupId });
    expect((await names(inGroup.ctx)).length).toBe(1);
    expect(await names(outside.ctx)).toEqual([]);

    await withTenant(t.ctx, (tx) => tx.delete(tenantGroups).where(and(eq(tenantGroups.tenantId, t.tenantId), eq(tenantGroups.id, groupId))));
    expect(await names(inGroup.ctx)).toEqual([]);
    expect(await getView(t.ctx, v.id)).toMatchObject({ name: "Enterprise accounts", visibility: "group", groupId: null });
  });

  it("only admins and managers share; a group view needs a group of this workspace; sharing can be changed and withdrawn", async () => {
    const t = await makeTenant();
    const rep = await makeMember(t.tenantId, "sales_rep");
    const colleague = await makeMember(t.tenantId, "readonly");
    const other = await makeTenant();
    const foreignGroup = await makeGroup(other.ctx, "Theirs", []);

    await expect(createView(rep.ctx, { objectType: "CONTACT", name: "Shared", visibility: "workspace" })).rejects.toMatchObject({ code: "forbidden" });
    const own = await createView(rep.ctx, { objectType: "CONTACT", name: "Private" });
    await expect(updateView(rep.ctx, own.id, { visibility: "workspace" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await names(colleague.ctx)).toEqual([]);

    await expect(createView(t.ctx, { objectType: "CONTACT", name: "G", visibility: "group" })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "groupId" }] } });
    await expect(createView(t.ctx, { objectType: "CONTACT", name: "G", visibility: "group", groupId: foreignGroup })).rejects.toMatchObject({ code: "validation" });
    await expect(createView(t.ctx, { objectType: "CONTACT", name: "G", visibility: "workspace", groupId: foreignGroup })).rejects.toMatchObject({ code: "validation" });

    const v = await createView(t.ctx, { objectType: "CONTACT", name: "Team view" });
    expect(await names(colleague.ctx)).toEqual([]);
    await updateView(t.ctx, v.id, { visibility: "workspace" });
    expect((await names(colleague.ctx)).length).toBe(1);
    await updateView(t.ctx, v.id, { visibility: "private" });
    expect(await names(colleague.ctx)).toEqual([]);
  });
});
