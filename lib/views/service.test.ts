import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { customFieldDefinitions } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { createView, deleteView, getView, listViews, updateView } from "./service";

const filter = { all: [{ field: "email", op: "endsWith", value: "@acme.test" }] };

describe("saved views", () => {
  it("saves, lists, renames, overwrites and deletes a view of the caller", async () => {
    const t = await makeTenant();
    const v = await createView(t.ctx, { objectType: "CONTACT", name: " Acme people ", filter, sort: "lastName:asc", columns: ["name", "email", "tags"] });
    expect(v).toMatchObject({ objectType: "CONTACT", name: "Acme people", filter, sort: "lastName:asc", columns: ["name", "email", "tags"] });
    await createView(t.ctx, { objectType: "CONTACT", name: "all", columns: [] });
    await createView(t.ctx, { objectType: "COMPANY", name: "Big ones", sort: "employeeCount:desc" });

    expect((await listViews(t.ctx, "CONTACT")).map((x) => x.name)).toEqual(["Acme people", "all"]);
    expect((await listViews(t.ctx, "COMPANY")).map((x) => x.name)).toEqual(["Big ones"]);

    const renamed = await updateView(t.ctx, v.id, { name: "Acme", filter: { all: [] }, sort: null });
    expect(renamed).toMatchObject({ name: "Acme", filter: null, sort: null, columns: ["name", "email", "tags"] });
    expect(await getView(t.ctx, v.id)).toEqual(renamed);

    await deleteView(t.ctx, v.id);
    await expect(getView(t.ctx, v.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(deleteView(t.ctx, v.id)).rejects.toMatchObject({ code: "not-found" });
    expect((await listViews(t.ctx, "CONTACT")).map((x) => x.name)).toEqual(["all"]);
  });

  it("refuses a second view with the same name for the same user and kind (409 naming the field)", async () => {
    const t = await makeTenant();
    const other = await makeMember(t.tenantId, "sales_rep");
    await createView(t.ctx, { objectType: "CONTACT", name: "Mine" });
    await expect(createView(t.ctx, { objectType: "CONTACT", name: "Mine" })).rejects.toMatchObject({
      code: "conflict",
      status: 409,
      message: 'You already have a view named "Mine"',
      extensions: { errors: [{ path: "name", message: expect.any(String) }] },
    });
    // the same name is fine for another kind, and for another user
    await expect(createView(t.ctx, { objectType: "COMPANY", name: "Mine" })).resolves.toMatchObject({ name: "Mine" });
    await expect(createView(other.ctx, { objectType: "CONTACT", name: "Mine" })).resolves.toMatchObject({ name: "Mine" });
    const second = await createView(t.ctx, { objectType: "CONTACT", name: "Second" });
    await expect(updateView(t.ctx, second.id, { name: "Mine" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("validates the filter against the kind's fields (incl. custom fields) and the sort against its sortable columns", async () => {
    const t = await makeTenant();
    await expect(createView(t.ctx, { objectType: "CONTACT", name: "Bad", filter: { all: [{ field: "email", op: "gt", value: 3 }] } })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "filter.all[0].op" }] },
    });
    await expect(createView(t.ctx, { objectType: "CONTACT", name: "Bad", sort: "shoeSize:asc" })).rejects.toMatchObject({ code: "bad-request" });
    const cf = { all: [{ field: "customFields.tier", op: "eq", value: "gold" }] };
    await expect(createView(t.ctx, { objectType: "CONTACT", name: "Tier", filter: cf })).rejects.toMatchObject({ code: "validation" });
    await withTenant(t.ctx, (tx) =>
      tx.insert(customFieldDefinitions).values({ tenantId: t.tenantId, objectType: "CONTACT", key: "tier", label: "Tier", fieldType: "SELECT", options: ["gold", "silver"] }),
    );
    await expect(createView(t.ctx, { objectType: "CONTACT", name: "Tier", filter: cf, columns: ["customFields.tier", "nope"] })).resolves.toMatchObject({
      filter: cf,
      columns: ["name", "customFields.tier"],
    });
  });

  it("keeps views private: another user or another tenant gets 404 and sees none", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const colleague = await makeMember(a.tenantId, "manager");
    const v = await createView(a.ctx, { objectType: "CONTACT", name: "Private" });

    for (const ctx of [colleague.ctx, b.ctx]) {
      expect(await listViews(ctx, "CONTACT")).toEqual([]);
      await expect(getView(ctx, v.id)).rejects.toMatchObject({ code: "not-found" });
      await expect(updateView(ctx, v.id, { name: "Hijacked" })).rejects.toMatchObject({ code: "not-found" });
      await expect(deleteView(ctx, v.id)).rejects.toMatchObject({ code: "not-found" });
    }
    // b's context with a's id cannot reach a's row even by RLS-less guessing
    await expect(getView({ ...b.ctx, actor: { ...b.ctx.actor, userId: a.userId } }, v.id)).rejects.toMatchObject({ code: "not-found" });
    expect(await getView(a.ctx, v.id)).toMatchObject({ name: "Private" });
    await expect(getView(a.ctx, randomUUID())).rejects.toMatchObject({ code: "not-found" });
    await expect(getView(a.ctx, "not-a-uuid")).rejects.toMatchObject({ code: "not-found" });
  });

  it("needs a user: an API key or the system has no views", async () => {
    const t = await makeTenant();
    const keyCtx = { tenantId: t.tenantId, actor: { kind: "api_key" as const, userId: null, apiKeyId: randomUUID(), role: "admin" as const, source: "API" as const } };
    await expect(createView(keyCtx, { objectType: "CONTACT", name: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listViews(keyCtx, "CONTACT")).rejects.toMatchObject({ code: "forbidden" });
  });
});
