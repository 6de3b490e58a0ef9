// What the widget editor offers (server-only): per record type, the measures and group-bys
// (catalog.ts), the filter builder's fields with their labels, and the value pickers' choices.
import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { tags, tenantGroups, type CustomFieldDefinition } from "@/db/schema";
import { definitionsOf } from "@/lib/custom-fields/service";
import { describeFilterFields } from "@/lib/filters/fields";
import type { TenantContext } from "@/lib/tenancy/context";
import { listMembers } from "@/lib/tenancy/members";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { describeCatalog, type CatalogJson } from "./catalog";
import { OBJECT_TYPE_OF, WIDGET_RECORD_TYPES, type WidgetRecordType } from "./schemas";

/** The value pickers' choices (the filter builder's FilterValueOptions). */
export interface EditorOptions {
  users: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  tags: string[];
  customFields: { key: string; label: string; options: string[] }[];
}

export interface EditorData {
  catalogs: Record<WidgetRecordType, CatalogJson>;
  /** describeFilterFields of each type (the editor labels them). */
  fields: Record<WidgetRecordType, ReturnType<typeof describeFilterFields>>;
  options: Record<WidgetRecordType, EditorOptions>;
}

export async function loadEditorData(ctx: TenantContext): Promise<EditorData> {
  const [members, extra] = await Promise.all([
    listMembers(ctx),
    withTenant(ctx, async (tx) => ({
      groups: await tx.select({ id: tenantGroups.id, name: tenantGroups.name }).from(tenantGroups).where(eq(tenantGroups.tenantId, ctx.tenantId)).orderBy(asc(sql`lower(${tenantGroups.name})`)),
      tags: (await tx.select({ name: tags.name }).from(tags).where(eq(tags.tenantId, ctx.tenantId)).orderBy(asc(sql`lower(${tags.name})`)).limit(500)).map((t) => t.name),
      definitions: await definitionsOf(tx, ctx.tenantId),
    })),
  ]);
  const users = members.filter((m) => m.isActive).map((m) => ({ id: m.userId, name: m.name }));
  const of = (rt: WidgetRecordType): CustomFieldDefinition[] => extra.definitions.filter((d) => d.objectType === OBJECT_TYPE_OF[rt]);
  const entries = WIDGET_RECORD_TYPES.map((rt) => {
    const defs = of(rt);
    const customFields = defs.map((d) => ({ key: d.key, label: d.label, options: d.options }));
    const options: EditorOptions = { users, groups: extra.groups, tags: extra.tags, customFields };
    const fields = describeFilterFields(OBJECT_TYPE_OF[rt], defs);
    return { rt, catalog: describeCatalog(rt, defs), fields, options };
  });
  return {
    catalogs: Object.fromEntries(entries.map((e) => [e.rt, e.catalog])) as EditorData["catalogs"],
    fields: Object.fromEntries(entries.map((e) => [e.rt, e.fields])) as EditorData["fields"],
    options: Object.fromEntries(entries.map((e) => [e.rt, e.options])) as EditorData["options"],
  };
}
