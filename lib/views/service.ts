// Saved table views: a user's named filter + sort + columns for one record kind. A view
// belongs to one user in one tenant; nobody else can see, change or delete it (another
// user's or tenant's view id is a 404). Names are unique per user and kind (a 409).
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { savedViews } from "@/db/schema";
import { assertValidFilter } from "@/lib/filters/schema";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { parseSort } from "@/lib/records/queries";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { parseColumns } from "./columns";
import { createViewSchema, updateViewSchema, type CreateViewInput, type UpdateViewInput, type ViewKind } from "./schemas";
import { tableCustomFields } from "./table-query";
import { isEmptyFilter } from "./url-state";

export interface SavedView {
  id: string;
  objectType: ViewKind;
  name: string;
  filter: unknown;
  sort: string | null;
  columns: string[];
  createdAt: Date;
}

const viewColumns = {
  id: savedViews.id,
  objectType: savedViews.objectType,
  name: savedViews.name,
  filter: savedViews.filter,
  sort: savedViews.sort,
  columns: savedViews.columns,
  createdAt: savedViews.createdAt,
};

function userOf(ctx: TenantContext): string {
  if (!ctx.actor.userId) throw new AppError("forbidden", "Saved views belong to a signed-in user");
  return ctx.actor.userId;
}

function duplicateName(name: string): AppError {
  return new AppError("conflict", `You already have a view named "${name}"`, { errors: [{ path: "name", message: "is already the name of another of your views" }] });
}

/** Filter, sort and columns checked against the kind (and the tenant's custom fields). */
async function normalize(ctx: TenantContext, kind: ViewKind, data: { filter?: unknown; sort?: string | null; columns?: string[] }) {
  const out: { filter?: unknown; sort?: string | null; columns?: string[] } = {};
  const needsFields = data.filter !== undefined || data.columns !== undefined;
  const customFields = needsFields ? await tableCustomFields(ctx, kind) : [];
  if (data.filter !== undefined) {
    out.filter = isEmptyFilter(data.filter) ? null : assertValidFilter(kind, data.filter, { customFields });
  }
  if (data.sort !== undefined) {
    const sort = data.sort === null ? null : parseSort(kind, data.sort);
    out.sort = sort ? `${sort.field}:${sort.dir}` : null;
  }
  if (data.columns !== undefined) out.columns = data.columns.length === 0 ? [] : parseColumns(kind, data.columns, customFields);
  return out;
}

export async function createView(ctx: TenantContext, input: CreateViewInput): Promise<SavedView> {
  const userId = userOf(ctx);
  const data = createViewSchema.parse(input);
  const checked = await normalize(ctx, data.objectType, { filter: data.filter ?? null, sort: data.sort ?? null, columns: data.columns });
  try {
    return await withTenant(ctx, async (tx) => {
      const [row] = await tx
        .insert(savedViews)
        .values({ tenantId: ctx.tenantId, userId, objectType: data.objectType, name: data.name, filter: checked.filter ?? null, sort: checked.sort ?? null, columns: checked.columns ?? [] })
        .returning(viewColumns);
      return row as SavedView;
    });
  } catch (err) {
    if (isUniqueViolation(err, "saved_views_name_key")) throw duplicateName(data.name);
    throw err;
  }
}

/** The caller's views of one kind, by name. */
export async function listViews(ctx: TenantContext, objectType: ViewKind): Promise<SavedView[]> {
  const userId = userOf(ctx);
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select(viewColumns)
      .from(savedViews)
      .where(and(eq(savedViews.tenantId, ctx.tenantId), eq(savedViews.userId, userId), eq(savedViews.objectType, objectType)))
      .orderBy(asc(sql`lower(${savedViews.name})`), asc(savedViews.createdAt)),
  );
  return rows as SavedView[];
}

export async function getView(ctx: TenantContext, id: string): Promise<SavedView> {
  const userId = userOf(ctx);
  if (!isUuid(id)) throw notFound("view");
  const [row] = await withTenant(ctx, (tx) =>
    tx
      .select(viewColumns)
      .from(savedViews)
      .where(and(eq(savedViews.tenantId, ctx.tenantId), eq(savedViews.userId, userId), eq(savedViews.id, id))),
  );
  if (!row) throw notFound("view");
  return row as SavedView;
}

/** Renames a view or overwrites its filter, sort or columns. */
export async function updateView(ctx: TenantContext, id: string, input: UpdateViewInput): Promise<SavedView> {
  const userId = userOf(ctx);
  const data = updateViewSchema.parse(input);
  const current = await getView(ctx, id);
  const checked = await normalize(ctx, current.objectType, { filter: data.filter, sort: data.sort, columns: data.columns });
  const set = { ...checked, ...(data.name !== undefined ? { name: data.name } : {}) };
  if (Object.keys(set).length === 0) return current;
  try {
    return await withTenant(ctx, async (tx) => {
      const [row] = await tx
        .update(savedViews)
        .set(set as never)
        .where(and(eq(savedViews.tenantId, ctx.tenantId), eq(savedViews.userId, userId), eq(savedViews.id, id)))
        .returning(viewColumns);
      if (!row) throw notFound("view");
      return row as SavedView;
    });
  } catch (err) {
    if (isUniqueViolation(err, "saved_views_name_key")) throw duplicateName(data.name ?? current.name);
    throw err;
  }
}

export async function deleteView(ctx: TenantContext, id: string): Promise<void> {
  const userId = userOf(ctx);
  if (!isUuid(id)) throw notFound("view");
  const deleted = await withTenant(ctx, (tx) =>
    tx
      .delete(savedViews)
      .where(and(eq(savedViews.tenantId, ctx.tenantId), eq(savedViews.userId, userId), eq(savedViews.id, id)))
      .returning({ id: savedViews.id }),
  );
  if (deleted.length === 0) throw notFound("view");
}
