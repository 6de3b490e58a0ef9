import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listMembershipLog, listMemberships } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { reevaluateRecord } from "./dynamic";
import { previewFilter } from "./queries";
import { createList, updateList } from "./service";

const membersOf = (ctx: TenantContext, listId: string) =>
  withTenant(ctx, (tx) => tx.select({ id: listMemberships.memberId }).from(listMemberships).where(and(eq(listMemberships.tenantId, ctx.tenantId), eq(listMemberships.listId, listId))));
const logOf = (ctx: TenantContext, listId: string) =>
  withTenant(ctx, (tx) => tx.select({ action: listMembershipLog.action }).from(listMembershipLog).where(and(eq(listMembershipLog.tenantId, ctx.tenantId), eq(listMembershipLog.listId, listId))));

describe("a new dynamic list", () => {
  it("has no members until its filter has a condition, so its history only shows who joined", async () => {
    const t = await makeTenant();
    const ann = await createRecord(t.ctx, "CONTACT", { firstName: "Ann" });
    await createRecord(t.ctx, "CONTACT", { firstName: "Bob" });

    const list = await createList(t.ctx, { name: "New", objectType: "CONTACT", processingType: "DYNAMIC", filter: { all: [] } });
    expect(list.memberCount).toBe(0);
    expect(await membersOf(t.ctx, list.id)).toEqual([]);
    // a record created or changed meanwhile does not join it either
    const cid = await createRecord(t.ctx, "CONTACT", { firstName: "Cid" });
    await withTenant(t.ctx, (tx) => reevaluateRecord(tx, t.ctx, "CONTACT", cid.id));
    expect(await membersOf(t.ctx, list.id)).toEqual([]);
    const preview = await previewFilter(t.ctx, { objectType: "CONTACT", filter: { all: [] } });
    expect(preview).toMatchObject({ ok: true, preview: { count: { count: 0 }, sample: [] } });

    const saved = await updateList(t.ctx, list.id, { filter: { all: [{ field: "firstName", op: "eq", value: "Ann" }] } });
    expect(saved.memberCount).toBe(1);
    expect((await membersOf(t.ctx, list.id)).map((m) => m.id)).toEqual([ann.id]);
    expect(await logOf(t.ctx, list.id)).toEqual([{ action: "ADDED" }]);
  });

  it("refuses an unfinished condition, naming it", async () => {
    const t = await makeTenant();
    await expect(createList(t.ctx, { name: "Bad", objectType: "COMPANY", processingType: "DYNAMIC", filter: { all: [{ field: "industry", op: "eq", value: "" }] } })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "filter.all[0].value", message: "needs a value" }] },
    });
    const list = await createList(t.ctx, { name: "Ok", objectType: "COMPANY", processingType: "DYNAMIC", filter: { all: [{ field: "industry", op: "eq", value: "Software" }] } });
    await expect(updateList(t.ctx, list.id, { filter: { any: [{ field: "", op: "eq", value: "" }] } })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "filter.any[0].field", message: "choose a field" }] },
    });
    const preview = await previewFilter(t.ctx, { objectType: "COMPANY", filter: { all: [{ field: "industry", op: "eq", value: "" }] } });
    expect(preview).toEqual({ ok: false, errors: [{ path: "filter.all[0].value", message: "needs a value" }] });
  });
});
