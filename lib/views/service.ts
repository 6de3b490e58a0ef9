// Saved table views: a user's named filter + sort + columns for one record kind. A view
// belongs to one user in one tenant, and only its owner changes or deletes it (anyone
// else's id is a 404). It is private unless an admin or manager shares it with the
// workspace or with a group (views.share): then those members see it in their views menu.
// Names are unique per owner and kind (a 409).
import "server-only";
import { and, asc, eq, or, sql, type SQL } from "drizzle-orm";
import { savedViews, tenantGroupMembers, tenantGroups, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { assertCompleteFilter } from "@/lib/filters/complete";
import { AppError, isUniqueViolation, notFound, validationError } from "@/lib/errors";
import { parseSort } from "@/lib/records/queries";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { parseColumns } from "./columns";
import { createViewSchema, updateViewSchema, type CreateViewInput, type UpdateViewInput, type ViewKind, type ViewVisibility } from "./schemas";
import { tableCustomFields } from "./table-query";
import { isEmptyFilter } from "./url-state";

export interface SavedView {
  id: string;
  objectType: ViewKind;
  name: string;
  filter: unknown;
  sort: string | null;
  columns: string[];
  visibility: ViewVisibility;
  /** The group a "group" view is shared with (null once that group is deleted). */
  groupId: string | null;
  /** The owner. */
  userId: string;
  createdAt: Date;
}

/** A view in the menu: the caller's own, or one shared with them. */
export interface ListedView extends SavedView {
  ownerName: string;
  mine: boolean;
}

const viewColumns = {
  id: savedViews.id,
  objectType: savedViews.objectType,
  name: savedViews.name,
  filter: savedViews.filter,
  sort: savedViews.sort,
  columns: savedViews.columns,
  visibility: savedViews.visibility,
  groupId: savedViews.groupId,
  userId: savedViews.userId,
  createdAt: savedViews.createdAt,
};

function userOf(ctx: TenantContext): string {
  if (!ctx.actor.userId) throw new AppError("forbidden", "Saved views belong to a signed-in user");
  return ctx.actor.userId;
}

function duplicateName(name: string): AppError {
  return new AppError("conflict", `You already have a view named "${name}"`, { errors: [{ path: "name", message: "is already the name of another of your views" }] });
}

/**
 * Who a view is shared with, checked: sharing needs views.share (admins and managers), a
 * group view names a group of this workspace, and only a group view has a group.
 */
async function checkSharing(tx: Tx, ctx: TenantContext, data: { visibility?: ViewVisibility; groupId?: string | null }, current?: SavedView) {
  const visibility = data.visibility ?? current?.visibility ?? "private";
  const groupId = data.groupId !== undefined ? data.groupId : data.visibility !== undefined && data.visibility !== "group" ? null : (current?.groupId ?? null);
  if (visibility !== "private") assertCan(ctx.actor.role, "views.share");
  if (visibility === "group") {
    if (!groupId) throw validationError([{ path: "groupId", message: "is required to share with a group" }]);
    const [group] = await tx.select({ id: tenantGroups.id }).from(tenantGroups).where(and(eq(tenantGroups.tenantId, ctx.tenantId), eq(tenantGroups.id, groupId)));
    if (!group) throw validationError([{ path: "groupId", message: "no group with this id in this workspace" }]);
  } else if (groupId) throw validationError([{ path: "groupId", message: "only a view shared with a group has a group" }]);
  return { visibility, groupId: visibility === "group" ? groupId : null };
}

/** Filter, sort and columns checked against the kind (and the tenant's custom fields). */
async function normalize(ctx: TenantContext, kind: ViewKind, data: { filter?: unknown; sort?: string | null; columns?: string[] }) {
  const out: { filter?: unknown; sort?: string | null; columns?: string[] } = {};
  const needsFields = data.filter !== undefined || data.columns !== undefined;
  const customFields = needsFields ? await tableCustomFields(ctx, kind) : [];
  if (data.filter !== undefined) {
    if (!isEmptyFilter(data.filter)) assertCompleteFilter(kind, data.filter, { customFields });
    out.filter = isEmptyFilter(data.filter) ? null : data.filter;
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
      const sharing = await checkSharing(tx, ctx, data);
      const [row] = await tx
        .insert(savedViews)
        .values({ tenantId: ctx.tenantId, userId, objectType: data.objectType, name: data.name, filter: checked.filter ?? null, sort: checked.sort ?? null, columns: checked.columns ?? [], ...sharing })
        .returning(viewColumns);
      return row as SavedView;
    });
  } catch (err) {
    if (isUniqueViolation(err, "saved_views_name_key")) throw duplicateName(data.name);
    throw err;
  }
}

/** Views the user sees: their own, the workspace's, and those of the groups they belong to. */
function visibleTo(tenantId: string, userId: string): SQL {
  const myGroups = sql`select ${tenantGroupMembers.groupId} from ${tenantGroupMembers} where ${tenantGroupMembers.tenantId} = ${tenantId}::uuid and ${tenantGroupMembers.userId} = ${userId}::uuid`;
  return or(eq(savedViews.userId, userId), eq(savedViews.visibility, "workspace"), and(eq(savedViews.visibility, "group"), sql`${savedViews.groupId} in (${myGroups})`))!;
}

/** The caller's views of one kind and those shared with them: their own first, then by name. */
export async function listViews(ctx: TenantContext, objectType: ViewKind): Promise<ListedView[]> {
  const userId = userOf(ctx);
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ ...viewColumns, ownerName: users.name })
      .from(savedViews)
      .innerJoin(users, eq(users.id, savedViews.userId))
      .where(and(eq(savedViews.tenantId, ctx.tenantId), eq(savedViews.objectType, objectType), visibleTo(ctx.tenantId, userId)))
      .orderBy(sql`${savedViews.userId} <> ${userId}::uuid`, asc(sql`lower(${savedViews.name})`), asc(savedViews.createdAt)),
  );
  return rows.map((r) => ({ ...(r as SavedView & { ownerName: string }), mine: r.userId === userId }));
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
  const sharingChanged = data.visibility !== undefined || data.groupId !== undefined;
  const set: Record<string, unknown> = { ...checked, ...(data.name !== undefined ? { name: data.name } : {}) };
  if (Object.keys(set).length === 0 && !sharingChanged) return current;
  try {
    return await withTenant(ctx, async (tx) => {
      if (sharingChanged) Object.assign(set, await checkSharing(tx, ctx, data, current));
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
