// Dashboards and their widgets (issue 18; API-ADDITIONS.md "Dashboards"). A dashboard is
// shared with the workspace or private to its owner; the workspace's default "Sales manager"
// dashboard is shared, has no owner and cannot be deleted (its widgets can). Shared
// dashboards are changed by admins, managers and their owner; private ones by their owner.
// Widget figures come from one aggregate each (query.ts), in the reader's access scope.
import "server-only";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { dashboards, dashboardWidgets, type Dashboard, type DashboardWidget } from "@/db/schema";
import { assertCan, can } from "@/lib/auth/permissions";
import { AppError, forbidden, notFound, validationError } from "@/lib/errors";
import { definitionsOf } from "@/lib/custom-fields/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { loadWorkspace } from "@/lib/workspace/service";
import { cached, type Freshness } from "@/lib/analytics/cache";
import { ensureDefaultDashboard } from "./seed";
import { runWidgetQuery, type WidgetResult } from "./query";
import {
  dashboardInputSchema,
  dashboardPatchSchema,
  OBJECT_TYPE_OF,
  widgetDefinitionSchema,
  widgetInputSchema,
  widgetOrderSchema,
  widgetPatchSchema,
  type WidgetDefinition,
  type WidgetQuery,
  type WidgetRecordType,
} from "./schemas";
import { teamAttainment, type TeamAttainment } from "./team";

export interface WidgetJson {
  id: string;
  title: string;
  definition: WidgetDefinition;
  width: number;
  height: number;
  position: number;
}

export interface DashboardJson {
  id: string;
  name: string;
  description: string | null;
  visibility: "private" | "workspace";
  ownerUserId: string | null;
  isDefault: boolean;
  /** Whether the caller may change it (rename, widgets, order). */
  canEdit: boolean;
  widgetCount: number;
  createdAt: string;
  updatedAt: string;
}

export type DashboardDetail = DashboardJson & { widgets: WidgetJson[] };

export type WidgetData = { ok: true; kind: "query"; result: WidgetResult; freshness?: Freshness } | { ok: true; kind: "quota"; team: TeamAttainment } | { ok: false; message: string };

const me = (ctx: TenantContext) => ctx.actor.userId;

export function canEditDashboard(ctx: TenantContext, d: Pick<Dashboard, "visibility" | "ownerUserId">): boolean {
  if (!can(ctx.actor.role, "dashboards.write")) return false;
  const mine = !!me(ctx) && d.ownerUserId === me(ctx);
  return d.visibility === "private" ? mine : mine || can(ctx.actor.role, "dashboards.share");
}

function toJson(ctx: TenantContext, d: Dashboard, widgetCount: number): DashboardJson {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    visibility: d.visibility,
    ownerUserId: d.ownerUserId,
    isDefault: d.isDefault,
    canEdit: canEditDashboard(ctx, d),
    widgetCount,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

const widgetJson = (w: DashboardWidget): WidgetJson => ({ id: w.id, title: w.title, definition: w.definition as WidgetDefinition, width: w.width, height: w.height, position: w.position });

const visibleTo = (ctx: TenantContext) => (me(ctx) ? or(eq(dashboards.visibility, "workspace"), eq(dashboards.ownerUserId, me(ctx)!)) : eq(dashboards.visibility, "workspace"));

/** The dashboards the caller sees: the default first, then shared and own by name. Creates the default when missing. */
export async function listDashboards(ctx: TenantContext): Promise<DashboardJson[]> {
  assertCan(ctx.actor.role, "dashboards.read");
  return withTenant(ctx, async (tx) => {
    await ensureDefaultDashboard(tx, ctx.tenantId);
    const rows = await tx
      .select({ d: dashboards, n: sql<number>`(select count(*)::int from ${dashboardWidgets} w where w.tenant_id = "dashboards"."tenant_id" and w.dashboard_id = "dashboards"."id")` })
      .from(dashboards)
      .where(and(eq(dashboards.tenantId, ctx.tenantId), visibleTo(ctx)))
      .orderBy(sql`${dashboards.isDefault} desc`, asc(dashboards.name), asc(dashboards.createdAt));
    return rows.map((r) => toJson(ctx, r.d, Number(r.n)));
  });
}

async function loadDashboard(tx: Tx, ctx: TenantContext, id: string): Promise<Dashboard> {
  if (!isUuid(id)) throw notFound("Dashboard");
  const [d] = await tx.select().from(dashboards).where(and(eq(dashboards.tenantId, ctx.tenantId), eq(dashboards.id, id), visibleTo(ctx)));
  if (!d) throw notFound("Dashboard");
  return d;
}

async function loadEditable(tx: Tx, ctx: TenantContext, id: string): Promise<Dashboard> {
  assertCan(ctx.actor.role, "dashboards.write");
  const d = await loadDashboard(tx, ctx, id);
  if (!canEditDashboard(ctx, d)) throw forbidden(d.visibility === "workspace" ? "Only its owner, admins and managers change a shared dashboard" : "Only its owner changes a private dashboard");
  return d;
}

async function widgetsOf(tx: Tx, ctx: TenantContext, dashboardId: string): Promise<WidgetJson[]> {
  const rows = await tx
    .select()
    .from(dashboardWidgets)
    .where(and(eq(dashboardWidgets.tenantId, ctx.tenantId), eq(dashboardWidgets.dashboardId, dashboardId)))
    .orderBy(asc(dashboardWidgets.position), asc(dashboardWidgets.createdAt));
  return rows.map(widgetJson);
}

export async function getDashboard(ctx: TenantContext, id: string): Promise<DashboardDetail> {
  assertCan(ctx.actor.role, "dashboards.read");
  return withTenant(ctx, async (tx) => {
    const d = await loadDashboard(tx, ctx, id);
    const widgets = await widgetsOf(tx, ctx, id);
    return { ...toJson(ctx, d, widgets.length), widgets };
  });
}

export async function createDashboard(ctx: TenantContext, input: unknown): Promise<DashboardJson> {
  assertCan(ctx.actor.role, "dashboards.write");
  const data = dashboardInputSchema.parse(input);
  if (data.visibility === "workspace" && !can(ctx.actor.role, "dashboards.share")) throw forbidden("Only admins and managers share dashboards with the workspace");
  if (!me(ctx) && data.visibility === "private") throw validationError([{ path: "visibility", message: "a private dashboard needs a user to own it" }]);
  const [row] = await withTenant(ctx, (tx) =>
    tx.insert(dashboards).values({ tenantId: ctx.tenantId, name: data.name, description: data.description ?? null, visibility: data.visibility, ownerUserId: me(ctx) }).returning(),
  );
  return toJson(ctx, row!, 0);
}

export async function updateDashboard(ctx: TenantContext, id: string, input: unknown): Promise<DashboardJson> {
  const patch = dashboardPatchSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const d = await loadEditable(tx, ctx, id);
    if (patch.visibility && patch.visibility !== d.visibility) {
      if (!can(ctx.actor.role, "dashboards.share")) throw forbidden("Only admins and managers share dashboards with the workspace");
      if (d.isDefault) throw validationError([{ path: "visibility", message: "the workspace's default dashboard stays shared" }]);
      if (patch.visibility === "private" && !d.ownerUserId) throw validationError([{ path: "visibility", message: "a dashboard without an owner cannot be private" }]);
    }
    const [row] = await tx
      .update(dashboards)
      .set({ ...(patch.name !== undefined && { name: patch.name }), ...(patch.description !== undefined && { description: patch.description ?? null }), ...(patch.visibility !== undefined && { visibility: patch.visibility }), updatedAt: sql`now()` })
      .where(and(eq(dashboards.tenantId, ctx.tenantId), eq(dashboards.id, id)))
      .returning();
    const [n] = await tx.select({ n: sql<number>`count(*)::int` }).from(dashboardWidgets).where(and(eq(dashboardWidgets.tenantId, ctx.tenantId), eq(dashboardWidgets.dashboardId, id)));
    return toJson(ctx, row!, Number(n?.n ?? 0));
  });
}

export async function deleteDashboard(ctx: TenantContext, id: string): Promise<void> {
  await withTenant(ctx, async (tx) => {
    const d = await loadEditable(tx, ctx, id);
    if (d.isDefault) throw new AppError("conflict", "The workspace's default dashboard cannot be deleted; remove its widgets instead");
    await tx.delete(dashboards).where(and(eq(dashboards.tenantId, ctx.tenantId), eq(dashboards.id, id)));
  });
}

/** Checks a widget's definition against its record type's fields (the same check the query makes), without running it. */
async function checkDefinition(tx: Tx, ctx: TenantContext, definition: WidgetDefinition): Promise<void> {
  if (definition.chart === "quota") return;
  const { widgetSql } = await import("./query");
  const customFields = await definitionsOf(tx, ctx.tenantId, OBJECT_TYPE_OF[definition.query.recordType]);
  try {
    widgetSql(definition.query, { tenantId: ctx.tenantId, userId: me(ctx), timeZone: "UTC", customFields });
  } catch (err) {
    const e = err as { code?: string; extensions?: { errors?: { path: string; message: string }[] } };
    if (e.code === "validation" && e.extensions?.errors) throw validationError(e.extensions.errors.map((i) => ({ ...i, path: `definition.${i.path}` })));
    throw err;
  }
}

export async function addWidget(ctx: TenantContext, dashboardId: string, input: unknown): Promise<WidgetJson> {
  const data = widgetInputSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    await loadEditable(tx, ctx, dashboardId);
    await checkDefinition(tx, ctx, data.definition);
    const [pos] = await tx.select({ p: sql<number>`coalesce(max(${dashboardWidgets.position}) + 1, 0)::int` }).from(dashboardWidgets).where(and(eq(dashboardWidgets.tenantId, ctx.tenantId), eq(dashboardWidgets.dashboardId, dashboardId)));
    const [row] = await tx
      .insert(dashboardWidgets)
      .values({ tenantId: ctx.tenantId, dashboardId, title: data.title, definition: data.definition as unknown as Record<string, unknown>, width: data.width, height: data.height, position: Number(pos?.p ?? 0) })
      .returning();
    await touch(tx, ctx, dashboardId);
    return widgetJson(row!);
  });
}

async function touch(tx: Tx, ctx: TenantContext, dashboardId: string) {
  await tx.update(dashboards).set({ updatedAt: sql`now()` }).where(and(eq(dashboards.tenantId, ctx.tenantId), eq(dashboards.id, dashboardId)));
}

export async function updateWidget(ctx: TenantContext, dashboardId: string, widgetId: string, input: unknown): Promise<WidgetJson> {
  const patch = widgetPatchSchema.parse(input);
  if (!isUuid(widgetId)) throw notFound("Widget");
  return withTenant(ctx, async (tx) => {
    await loadEditable(tx, ctx, dashboardId);
    if (patch.definition) await checkDefinition(tx, ctx, patch.definition);
    const [row] = await tx
      .update(dashboardWidgets)
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.definition !== undefined && { definition: patch.definition as unknown as Record<string, unknown> }),
        ...(patch.width !== undefined && { width: patch.width }),
        ...(patch.height !== undefined && { height: patch.height }),
        updatedAt: sql`now()`,
      })
      .where(and(eq(dashboardWidgets.tenantId, ctx.tenantId), eq(dashboardWidgets.dashboardId, dashboardId), eq(dashboardWidgets.id, widgetId)))
      .returning();
    if (!row) throw notFound("Widget");
    await touch(tx, ctx, dashboardId);
    return widgetJson(row);
  });
}

export async function deleteWidget(ctx: TenantContext, dashboardId: string, widgetId: string): Promise<void> {
  if (!isUuid(widgetId)) throw notFound("Widget");
  await withTenant(ctx, async (tx) => {
    await loadEditable(tx, ctx, dashboardId);
    const gone = await tx.delete(dashboardWidgets).where(and(eq(dashboardWidgets.tenantId, ctx.tenantId), eq(dashboardWidgets.dashboardId, dashboardId), eq(dashboardWidgets.id, widgetId))).returning({ id: dashboardWidgets.id });
    if (!gone.length) throw notFound("Widget");
    await touch(tx, ctx, dashboardId);
  });
}

/** Puts the widgets in the given order (every widget of the dashboard, each once). */
export async function reorderWidgets(ctx: TenantContext, dashboardId: string, input: unknown): Promise<WidgetJson[]> {
  const { widgetIds } = widgetOrderSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    await loadEditable(tx, ctx, dashboardId);
    const current = await widgetsOf(tx, ctx, dashboardId);
    const same = widgetIds.length === current.length && new Set(widgetIds).size === widgetIds.length && current.every((w) => widgetIds.includes(w.id));
    if (!same) throw validationError([{ path: "widgetIds", message: "must list every widget of the dashboard once" }]);
    if (widgetIds.length) {
      await tx
        .update(dashboardWidgets)
        .set({ position: sql`array_position(${sql.param(widgetIds)}::uuid[], ${dashboardWidgets.id}) - 1` })
        .where(and(eq(dashboardWidgets.tenantId, ctx.tenantId), eq(dashboardWidgets.dashboardId, dashboardId), inArray(dashboardWidgets.id, widgetIds)));
    }
    await touch(tx, ctx, dashboardId);
    return widgetsOf(tx, ctx, dashboardId);
  });
}

/**
 * A widget query's figures (POST /widgets/query, the editor's preview): in the caller's access
 * scope. `rollup: false` skips the daily counts (lib/dashboards/rollup.ts): the raw
 * computation the tests and the bench compare them with.
 */
export async function queryWidget(ctx: TenantContext, query: unknown, now?: Date, opts: { rollup?: boolean } = {}): Promise<WidgetResult> {
  assertCan(ctx.actor.role, "dashboards.read");
  const recordType = (query as { recordType?: unknown } | null)?.recordType;
  return withTenant(ctx, async (tx) => {
    const { timeZone } = await loadWorkspace(tx, ctx.tenantId);
    const objectType = OBJECT_TYPE_OF[recordType as WidgetRecordType];
    const customFields = objectType ? await definitionsOf(tx, ctx.tenantId, objectType) : [];
    return runWidgetQuery(tx, ctx, query, { timeZone, customFields, now, rollup: opts.rollup });
  });
}

/**
 * A widget's figures as a dashboard shows them: from the analytics cache (lib/analytics/cache.ts),
 * with how fresh they are. With `now` (tests, a fixed clock) computed each time.
 */
export async function cachedWidget(ctx: TenantContext, query: WidgetQuery, now?: Date): Promise<{ result: WidgetResult; freshness?: Freshness }> {
  if (now) return { result: await queryWidget(ctx, query, now) };
  const { value, freshness } = await cached(ctx, "widget", widgetParams(query), () => queryWidget(ctx, query));
  return { result: value, freshness };
}

/** What identifies a widget's computation (the cache's parameters). */
export const widgetParams = (query: WidgetQuery) => ({ query: query as unknown as Record<string, unknown> });

/** Every widget's figures, each from the cache or its own statement (run side by side); a failing widget says why and the others still show. */
export async function dashboardData(ctx: TenantContext, widgets: readonly WidgetJson[], now?: Date): Promise<Record<string, WidgetData>> {
  assertCan(ctx.actor.role, "dashboards.read");
  const entries = await Promise.all(
    widgets.map(async (w): Promise<[string, WidgetData]> => {
      const def = widgetDefinitionSchema.safeParse(w.definition);
      if (!def.success) return [w.id, { ok: false, message: "This widget's definition is not valid; edit it." }];
      try {
        if (def.data.chart === "quota") return [w.id, { ok: true, kind: "quota", team: await teamAttainment(ctx, now) }];
        return [w.id, { ok: true, kind: "query", ...(await cachedWidget(ctx, def.data.query, now)) }];
      } catch (err) {
        if (err instanceof AppError) return [w.id, { ok: false, message: err.message }];
        throw err;
      }
    }),
  );
  return Object.fromEntries(entries);
}
