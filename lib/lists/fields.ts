// What the list builders need, per list object type: the filter fields with the tenant's
// custom fields, and the choices of the value pickers (people, groups, tags, lists).
// Plain data, safe to pass to the client.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { LIST_OBJECT_TYPES, lists, tags, tenantGroups } from "@/db/schema";
import { definitionsOf } from "@/lib/custom-fields/service";
import { describeFilterFields } from "@/lib/filters/fields";
import type { TenantContext } from "@/lib/tenancy/context";
import { listMembers } from "@/lib/tenancy/members";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { ListObjectType } from "./model";

type Named = { id: string; name: string };
export interface ListEditorOptions {
  users: Named[];
  groups: Named[];
  tags: string[];
  /** Lists of this object type (for "is in list"). */
  lists: Named[];
  customFields: { key: string; label: string; options: string[] }[];
}

export interface ListEditorData {
  fieldsByType: Record<ListObjectType, (ReturnType<typeof describeFilterFields>[number] & { label?: string })[]>;
  optionsByType: Record<ListObjectType, ListEditorOptions>;
}

export async function listEditorData(ctx: TenantContext): Promise<ListEditorData> {
  const [people, extras] = await Promise.all([
    listMembers(ctx),
    withTenant(ctx, async (tx) => ({
      defs: await definitionsOf(tx, ctx.tenantId),
      groups: await tx.select({ id: tenantGroups.id, name: tenantGroups.name }).from(tenantGroups).where(eq(tenantGroups.tenantId, ctx.tenantId)).orderBy(asc(sql`lower(${tenantGroups.name})`)),
      tags: await tx.select({ name: tags.name }).from(tags).where(eq(tags.tenantId, ctx.tenantId)).orderBy(asc(sql`lower(${tags.name})`)).limit(500),
      lists: await tx
        .select({ id: lists.id, name: lists.name, objectType: lists.objectType })
        .from(lists)
        .where(and(eq(lists.tenantId, ctx.tenantId), eq(lists.isArchived, false)))
        .orderBy(asc(sql`lower(${lists.name})`))
        .limit(1000),
    })),
  ]);
  const users = people.filter((p) => p.isActive).map((p) => ({ id: p.userId, name: p.name || p.email }));
  const fieldsByType = {} as ListEditorData["fieldsByType"];
  const optionsByType = {} as ListEditorData["optionsByType"];
  for (const t of LIST_OBJECT_TYPES) {
    const mine = extras.defs.filter((d) => d.objectType === t);
    const labels = new Map(mine.map((d) => [`customFields.${d.key}`, d.label]));
    fieldsByType[t] = describeFilterFields(t, mine).map((f) => ({ ...f, label: labels.get(f.path) }));
    optionsByType[t] = {
      users,
      groups: extras.groups,
      tags: extras.tags.map((x) => x.name),
      lists: extras.lists.filter((l) => l.objectType === t).map(({ id, name }) => ({ id, name })),
      customFields: mine.map((d) => ({ key: d.key, label: d.label, options: d.options })),
    };
  }
  return { fieldsByType, optionsByType };
}

/** The filter fields of every list object type (also used by the automation editor). */
export async function filterFieldsByType(ctx: TenantContext): Promise<ListEditorData["fieldsByType"]> {
  return (await listEditorData(ctx)).fieldsByType;
}
