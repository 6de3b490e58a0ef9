// What a list is: its types, the record table of each object type, loading one, and
// checking and compiling a dynamic list's filter. Shared by the lists service, the
// membership writes, the dynamic-list engine and the reads.
import "server-only";
import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { activities, companies, contacts, deals, leads, lists, tickets, type List } from "@/db/schema";
import type { LIST_MEMBERSHIP_SOURCES, LIST_OBJECT_TYPES } from "@/db/schema/enums";
import { definitionsOfOnce } from "@/lib/custom-fields/service";
import { AppError, notFound, validationError } from "@/lib/errors";
import { compileFilter } from "@/lib/filters/compile";
import { validateCompleteFilter } from "@/lib/filters/complete";
import type { TenantContext } from "@/lib/tenancy/context";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { createsCycle, listReferences, matchesNothing } from "./rules";

export type ListObjectType = (typeof LIST_OBJECT_TYPES)[number];
export type MembershipSource = (typeof LIST_MEMBERSHIP_SOURCES)[number];

/** The record table of each list object type (all have tenant_id, id, deleted_at, created_at). */
export type MemberTable = PgTable & { tenantId: PgColumn; id: PgColumn; deletedAt: PgColumn; createdAt: PgColumn };
export const MEMBER_TABLES = { COMPANY: companies, CONTACT: contacts, DEAL: deals, LEAD: leads, TICKET: tickets, ACTIVITY: activities } as unknown as Record<ListObjectType, MemberTable>;

export interface RefreshResult {
  added: number;
  removed: number;
  total: number;
}

export function serializeList(row: List) {
  const { tenantId: _t, ...rest } = row;
  return {
    ...rest,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastRefreshedAt: row.lastRefreshedAt ? row.lastRefreshedAt.toISOString() : null,
  };
}

/**
 * Validates a DYNAMIC list's filter for this tenant (422 with `filter.…` paths), including
 * the lists it names: each must be a list of this workspace of the same object type, and
 * a list may not depend on itself, directly or through other lists.
 */
export async function checkFilter(tx: Tx, ctx: TenantContext, objectType: ListObjectType, filter: unknown, selfId?: string): Promise<void> {
  if (filter === undefined || filter === null) throw validationError([{ path: "filter", message: "is required for a DYNAMIC list" }]);
  // unfinished conditions ("industry is ''") are refused, not saved to silently match nothing
  const result = validateCompleteFilter(objectType, filter, { customFields: await definitionsOfOnce(tx, ctx.tenantId, objectType) });
  if (!result.ok) throw validationError(result.errors);
  const refs = listReferences(filter);
  if (refs.length === 0) return;
  const rows = await tx.select({ id: lists.id, name: lists.name, objectType: lists.objectType, filter: lists.filter }).from(lists).where(eq(lists.tenantId, ctx.tenantId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const filters = new Map(rows.map((r) => [r.id, r.filter as unknown]));
  const errors = refs.flatMap(({ listId, path }) => {
    const named = byId.get(listId);
    const problem = !named
      ? "no list with this id in this workspace"
      : named.objectType !== objectType
        ? `"${named.name}" is a list of ${named.objectType.toLowerCase()} records, not ${objectType.toLowerCase()} records`
        : selfId && (listId === selfId.toLowerCase() || createsCycle(selfId, { field: "id", op: "inList", value: listId }, filters))
          ? `"${named.name}" depends on this list, so this list cannot depend on it`
          : null;
    return problem ? [{ path, message: problem }] : [];
  });
  if (errors.length) throw validationError(errors);
}

/**
 * The list's filter as a WHERE condition on its record table (false while it has no
 * condition: see matchesNothing). A stored filter that no longer validates (a custom field was deleted, say) is a 422 that says so.
 */
export async function compiledFilterOf(tx: Tx, ctx: TenantContext, list: List): Promise<SQL> {
  if (matchesNothing(list.filter)) return sql`false`;
  const customFields = await definitionsOfOnce(tx, ctx.tenantId, list.objectType);
  try {
    return compileFilter(list.objectType, list.filter, { tenantId: ctx.tenantId, userId: list.ownerUserId, customFields });
  } catch (err) {
    if (err instanceof AppError && err.code === "validation") {
      throw new AppError("validation", `The filter of list "${list.name}" is no longer valid (${err.message}); edit the filter to refresh it`, err.extensions);
    }
    throw err;
  }
}

/**
 * A list's columns, with `memberCount` as the actor sees it: the members their access
 * scope lets them read (list_member_count_seen; the stored count when their scope is all).
 */
export const listColumns = {
  ...getTableColumns(lists),
  memberCount: sql<number>`list_member_count_seen(${lists.id}, ${lists.objectType}, ${lists.memberCount})`.mapWith(Number).as("member_count"),
};

export async function loadList(tx: Tx, ctx: TenantContext, listId: string, lock = false): Promise<List> {
  if (!isUuid(listId)) throw notFound("List");
  const q = tx.select(listColumns).from(lists).where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.id, listId)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("List");
  return row;
}
