// The filter fields of every list object type with the tenant's custom fields, for the
// list editors (describeFilterFields is plain data, safe to pass to the client).
import { eq } from "drizzle-orm";
import { customFieldDefinitions, LIST_OBJECT_TYPES } from "@/db/schema";
import { describeFilterFields } from "@/lib/filters/fields";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { ListObjectType } from "./service";

export async function filterFieldsByType(ctx: TenantContext) {
  const defs = await withTenant(ctx, (tx) => tx.select().from(customFieldDefinitions).where(eq(customFieldDefinitions.tenantId, ctx.tenantId)));
  const out = {} as Record<ListObjectType, (ReturnType<typeof describeFilterFields>[number] & { label?: string })[]>;
  for (const t of LIST_OBJECT_TYPES) {
    const mine = defs.filter((d) => d.objectType === t);
    const labels = new Map(mine.map((d) => [`customFields.${d.key}`, d.label]));
    out[t] = describeFilterFields(t, mine).map((f) => ({ ...f, label: labels.get(f.path) }));
  }
  return out;
}
