// Dashboards against Postgres: every new workspace gets the "Sales manager" dashboard (and a
// workspace made before dashboards gets it on first read, once, even when read concurrently);
// private dashboards stay their owner's; who may change what; widgets checked, resized and
// reordered; a dashboard's figures each from its widget's query.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dashboards, dashboardWidgets } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { DEFAULT_DASHBOARD_NAME, DEFAULT_WIDGETS } from "./defaults";
import { addWidget, createDashboard, dashboardData, deleteDashboard, deleteWidget, getDashboard, listDashboards, reorderWidgets, updateDashboard, updateWidget } from "./service";
import { widgetDefinitionSchema } from "./schemas";

const countWidget = { title: "Deals by stage", definition: { chart: "bar", query: { recordType: "deals", measure: { fn: "count" }, groupBy: [{ by: "stage" }] } }, width: 2, height: 1 } as const;

describe("dashboards", () => {
  it("a new workspace has the Sales manager dashboard, shared, with valid widgets whose figures load", async () => {
    const t = await makeTenant("Dash Co");
    const list = await listDashboards(t.ctx);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: DEFAULT_DASHBOARD_NAME, isDefault: true, visibility: "workspace", ownerUserId: null, canEdit: true, widgetCount: DEFAULT_WIDGETS.length });
    const d = await getDashboard(t.ctx, list[0]!.id);
    expect(d.widgets.map((w) => w.title)).toEqual(DEFAULT_WIDGETS.map((w) => w.title));
    expect(d.widgets.map((w) => w.position)).toEqual(DEFAULT_WIDGETS.map((_, i) => i));
    for (const w of d.widgets) expect(widgetDefinitionSchema.safeParse(w.definition).success).toBe(true);
    await createRecord(t.ctx, "DEAL", { name: "Open one", amount: "1000" });
    const data = await dashboardData(t.ctx, d.widgets);
    expect(Object.values(data).every((x) => x.ok)).toBe(true);
    const weighted = data[d.widgets.find((w) => w.title === "Open pipeline, weighted")!.id]!;
    expect(weighted.ok && weighted.kind === "query" && weighted.result.rows[0]!.value).toBe(100); // Prospecting: 10 %
    // a rep sees it but may not change it; the default cannot be deleted
    const rep = await makeMember(t.tenantId, "sales_rep");
    expect((await listDashboards(rep.ctx))[0]).toMatchObject({ isDefault: true, canEdit: false });
    await expect(addWidget(rep.ctx, d.id, countWidget)).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteDashboard(t.ctx, d.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("a workspace made before dashboards gets the default once, on first read, even when read at once", async () => {
    const t = await makeTenant("Old Co");
    await withTenant(t.ctx, (tx) => tx.delete(dashboards).where(eq(dashboards.tenantId, t.tenantId)));
    const lists = await Promise.all([listDashboards(t.ctx), listDashboards(t.ctx), listDashboards(t.ctx)]);
    const rows = await withTenant(t.ctx, (tx) => tx.select().from(dashboards).where(eq(dashboards.tenantId, t.tenantId)));
    expect(rows).toHaveLength(1);
    expect(lists.every((l) => l.length === 1 && l[0]!.id === rows[0]!.id)).toBe(true);
    const widgets = await withTenant(t.ctx, (tx) => tx.select().from(dashboardWidgets).where(and(eq(dashboardWidgets.tenantId, t.tenantId), eq(dashboardWidgets.dashboardId, rows[0]!.id))));
    expect(widgets).toHaveLength(DEFAULT_WIDGETS.length);
  });

  it("private dashboards are their owner's; shared ones are changed by the owner, admins and managers", async () => {
    const t = await makeTenant("Share Co");
    const rep = await makeMember(t.tenantId, "sales_rep");
    const other = await makeMember(t.tenantId, "sales_rep");
    const manager = await makeMember(t.tenantId, "manager");
    const readonly = await makeMember(t.tenantId, "readonly");
    const mine = await createDashboard(rep.ctx, { name: "My pipeline" });
    expect(mine).toMatchObject({ visibility: "private", ownerUserId: rep.userId, canEdit: true });
    await expect(createDashboard(rep.ctx, { name: "For all", visibility: "workspace" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createDashboard(readonly.ctx, { name: "Mine" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await listDashboards(other.ctx)).map((d) => d.id)).not.toContain(mine.id);
    await expect(getDashboard(other.ctx, mine.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(getDashboard(t.ctx, mine.id)).rejects.toMatchObject({ code: "not-found" }); // not even an admin
    const shared = await createDashboard(manager.ctx, { name: "Team board", visibility: "workspace" });
    expect((await listDashboards(other.ctx)).find((d) => d.id === shared.id)).toMatchObject({ canEdit: false });
    await expect(updateDashboard(other.ctx, shared.id, { name: "Mine now" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await updateDashboard(t.ctx, shared.id, { name: "Team" })).toMatchObject({ name: "Team", visibility: "workspace" }); // what is left out stays
    await deleteDashboard(manager.ctx, shared.id);
    await expect(getDashboard(manager.ctx, shared.id)).rejects.toMatchObject({ code: "not-found" });
  });

  it("widgets: checked against the fields, resized, edited, reordered (every widget once) and deleted", async () => {
    const t = await makeTenant("Widget Co");
    const d = await createDashboard(t.ctx, { name: "Mine" });
    await expect(addWidget(t.ctx, d.id, { ...countWidget, definition: { chart: "bar", query: { recordType: "deals", measure: { fn: "sum", field: "name" } } } })).rejects.toMatchObject({
      code: "validation",
      extensions: { errors: [{ path: "definition.query.measure.field" }] },
    });
    await expect(addWidget(t.ctx, d.id, { ...countWidget, width: 5 })).rejects.toMatchObject({ name: "ZodError" });
    const a = await addWidget(t.ctx, d.id, countWidget);
    const b = await addWidget(t.ctx, d.id, { ...countWidget, title: "KPI", definition: { chart: "kpi", query: { recordType: "contacts", measure: { fn: "count" } } } });
    const c = await addWidget(t.ctx, d.id, { title: "Quotas", definition: { chart: "quota" }, width: 4, height: 1 });
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    expect(await updateWidget(t.ctx, d.id, a.id, { width: 4, height: 2 })).toMatchObject({ width: 4, height: 2, title: "Deals by stage" });
    expect(await updateWidget(t.ctx, d.id, a.id, { title: "By stage" })).toMatchObject({ width: 4, height: 2, title: "By stage" });
    await expect(reorderWidgets(t.ctx, d.id, { widgetIds: [c.id, a.id] })).rejects.toMatchObject({ code: "validation" });
    expect((await reorderWidgets(t.ctx, d.id, { widgetIds: [c.id, a.id, b.id] })).map((w) => w.title)).toEqual(["Quotas", "By stage", "KPI"]);
    expect((await getDashboard(t.ctx, d.id)).widgets.map((w) => w.id)).toEqual([c.id, a.id, b.id]);
    await deleteWidget(t.ctx, d.id, b.id);
    expect((await getDashboard(t.ctx, d.id)).widgets.map((w) => w.id)).toEqual([c.id, a.id]);
    // another workspace cannot reach it
    const o = await makeTenant("Other Co");
    await expect(getDashboard(o.ctx, d.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(deleteWidget(o.ctx, d.id, a.id)).rejects.toMatchObject({ code: "not-found" });
  });
});
