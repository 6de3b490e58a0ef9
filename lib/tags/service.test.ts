import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, tags } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord, deleteRecord, getRecord, restoreRecord, updateRecord } from "@/lib/records/service";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createTag, deleteTag, getTag, listTags, updateTag } from "./service";

describe("tags", () => {
  it("creates tags with a colour, lists them by name with usage counts", async () => {
    const { ctx } = await makeTenant();
    const vip = await createTag(ctx, { name: "VIP", color: "#DC2626", category: "Segment" });
    expect(vip).toMatchObject({ name: "VIP", color: "#dc2626", category: "Segment" });
    await createTag(ctx, { name: "cold" });
    await createRecord(ctx, "CONTACT", { firstName: "Ann", tags: ["VIP"] });
    await createRecord(ctx, "DEAL", { name: "Big one", tags: ["VIP", "cold"] });
    const deleted = await createRecord(ctx, "COMPANY", { name: "Gone Inc", tags: ["VIP"] });
    await deleteRecord(ctx, "COMPANY", deleted.id);

    const listed = await listTags(ctx, { withCounts: true });
    expect(listed.map((t) => [t.name, t.color, t.usageCount])).toEqual([
      ["cold", "#64748b", 1],
      ["VIP", "#dc2626", 2],
    ]);
    expect((await listTags(ctx))[0]!.usageCount).toBeUndefined();
  });

  it("refuses a second tag with the same name, whatever its case (409 on name)", async () => {
    const { ctx } = await makeTenant();
    await createTag(ctx, { name: "VIP" });
    await expect(createTag(ctx, { name: "vip" })).rejects.toMatchObject({ code: "conflict", extensions: { errors: [{ path: "name" }] } });
    const other = await createTag(ctx, { name: "Partner" });
    await expect(updateTag(ctx, other.id, { name: "VIP" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("renaming rewrites the name inside every record's tags array, soft-deleted ones too", async () => {
    const { ctx } = await makeTenant();
    const tag = await createTag(ctx, { name: "prospect" });
    const a = await createRecord(ctx, "CONTACT", { firstName: "Ann", tags: ["x", "prospect", "y"] });
    const d = await createRecord(ctx, "DEAL", { name: "Deal", tags: ["prospect"] });
    const gone = await createRecord(ctx, "CONTACT", { firstName: "Gone", tags: ["prospect"] });
    await deleteRecord(ctx, "CONTACT", gone.id);
    const untouched = await createRecord(ctx, "CONTACT", { firstName: "Bob", tags: ["x"] });

    const renamed = await updateTag(ctx, tag.id, { name: "Qualified prospect", color: "#16a34a" });
    expect(renamed).toMatchObject({ name: "Qualified prospect", color: "#16a34a" });
    expect((await getRecord(ctx, "CONTACT", a.id)).tags).toEqual(["x", "Qualified prospect", "y"]);
    expect((await getRecord(ctx, "DEAL", d.id)).tags).toEqual(["Qualified prospect"]);
    expect((await restoreRecord(ctx, "CONTACT", gone.id)).tags).toEqual(["Qualified prospect"]);
    const b = await getRecord(ctx, "CONTACT", untouched.id);
    expect(b.tags).toEqual(["x"]);
    expect(b.updatedAt).toEqual(untouched.updatedAt);
  });

  it("renaming keeps a record that already carried the new name free of duplicates", async () => {
    const { ctx, tenantId } = await makeTenant();
    const tag = await createTag(ctx, { name: "old" });
    const c = await createRecord(ctx, "CONTACT", { firstName: "Ann", tags: ["old"] });
    // A name on a record that no tag row has (e.g. imported before tags existed).
    await withTenant(ctx, (tx) => tx.update(contacts).set({ tags: ["old", "new"] }).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, c.id))));
    await updateTag(ctx, tag.id, { name: "new" });
    expect((await getRecord(ctx, "CONTACT", c.id)).tags).toEqual(["new"]);
  });

  it("deleting removes the tag from every record's array, and the tag", async () => {
    const { ctx } = await makeTenant();
    const tag = await createTag(ctx, { name: "churn-risk" });
    const c = await createRecord(ctx, "CONTACT", { firstName: "Ann", tags: ["a", "churn-risk", "b"] });
    const t = await createRecord(ctx, "TICKET", { subject: "Help", tags: ["churn-risk"] });
    await deleteTag(ctx, tag.id);
    expect((await getRecord(ctx, "CONTACT", c.id)).tags).toEqual(["a", "b"]);
    expect((await getRecord(ctx, "TICKET", t.id)).tags).toEqual([]);
    await expect(getTag(ctx, tag.id)).rejects.toMatchObject({ code: "not-found" });
    // the other names are still tags (created on the record write)
    expect((await listTags(ctx)).map((x) => x.name)).toEqual(["a", "b"]);
  });

  it("a record write creates unknown tags and spells known ones as the tenant does", async () => {
    const { ctx } = await makeTenant();
    await createTag(ctx, { name: "VIP", color: "#7c3aed" });
    const c = await createRecord(ctx, "CONTACT", { firstName: "Ann", tags: ["vip", "Newsletter", "newsletter"] });
    expect(c.tags).toEqual(["VIP", "Newsletter"]);
    const updated = await updateRecord(ctx, "CONTACT", c.id, { tags: ["VIP", "Webinar 2026"] });
    expect(updated.tags).toEqual(["VIP", "Webinar 2026"]);
    expect((await listTags(ctx)).map((t) => [t.name, t.color])).toEqual([
      ["Newsletter", "#64748b"],
      ["VIP", "#7c3aed"],
      ["Webinar 2026", "#64748b"],
    ]);
  });

  it("only fields.manage (admins) may change tags; everyone may list", async () => {
    const { ctx, tenantId } = await makeTenant();
    const tag = await createTag(ctx, { name: "VIP" });
    const manager = await makeMember(tenantId, "manager");
    const rep = await makeMember(tenantId, "sales_rep");
    for (const who of [manager, rep]) {
      await expect(createTag(who.ctx, { name: "Nope" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateTag(who.ctx, tag.id, { name: "Nope" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(deleteTag(who.ctx, tag.id)).rejects.toMatchObject({ code: "forbidden" });
      expect((await listTags(who.ctx)).map((t) => t.name)).toEqual(["VIP"]);
    }
  });

  it("never touches another tenant: its tags, its records' arrays, its ids", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const aTag = await createTag(a.ctx, { name: "shared-name" });
    const bTag = await createTag(b.ctx, { name: "shared-name" });
    const bDeal = await createRecord(b.ctx, "DEAL", { name: "B deal", tags: ["shared-name"] });

    await updateTag(a.ctx, aTag.id, { name: "renamed-in-a" });
    expect((await getRecord(b.ctx, "DEAL", bDeal.id)).tags).toEqual(["shared-name"]);
    await deleteTag(a.ctx, aTag.id);
    expect((await getRecord(b.ctx, "DEAL", bDeal.id)).tags).toEqual(["shared-name"]);

    // B's tag id is not found from A (404, never 403)
    await expect(getTag(a.ctx, bTag.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(updateTag(a.ctx, bTag.id, { name: "hijack" })).rejects.toMatchObject({ code: "not-found" });
    await expect(deleteTag(a.ctx, bTag.id)).rejects.toMatchObject({ code: "not-found" });
    expect((await listTags(a.ctx)).map((t) => t.name)).toEqual([]);
    const [row] = await withTenant(b.ctx, (tx) => tx.select().from(tags).where(eq(tags.id, bTag.id)));
    expect(row?.name).toBe("shared-name");
  });
});
