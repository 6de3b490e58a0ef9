import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import { customFieldDefinitions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { compileFilter } from "@/lib/filters/compile";
import type { RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";

/** The tenant's custom field definitions of one object type (filters type `customFields.<key>` from them). */
export async function customFieldsOf(ctx: TenantContext, kind: RecordKind) {
  return withTenant(ctx, (tx) =>
    tx
      .select()
      .from(customFieldDefinitions)
      .where(and(eq(customFieldDefinitions.tenantId, ctx.tenantId), eq(customFieldDefinitions.objectType, kind))),
  );
}

/** `filter=<url-encoded filter JSON>` → SQL condition (422 with a path to the bad node). */
export async function compileQueryFilter(ctx: TenantContext, kind: RecordKind, raw: string | null): Promise<SQL | undefined> {
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError("bad-request", "filter is not valid JSON");
  }
  const customFields = await customFieldsOf(ctx, kind);
  return compileFilter(kind, parsed, { tenantId: ctx.tenantId, userId: ctx.actor.userId, customFields });
}
