// "Not duplicates": a group dismissed on the Duplicates page is remembered (that exact set
// of records), so listDuplicates stops listing it.
import "server-only";
import { duplicateDismissals } from "@/db/schema";
import { validationError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { duplicateRecords } from "./queries";
import type { DuplicateObjectType } from "./rules";

export async function dismissDuplicates(ctx: TenantContext, type: DuplicateObjectType, ids: readonly string[]): Promise<void> {
  const recordIds = [...new Set(ids)].sort();
  const visible = await duplicateRecords(ctx, type, recordIds);
  if (recordIds.length < 2 || visible.length !== recordIds.length) throw validationError([{ path: "ids", message: "must name two or more live records you may see" }]);
  await withTenant(ctx, (tx) => tx.insert(duplicateDismissals).values({ tenantId: ctx.tenantId, recordType: type, recordIds, dismissedByUserId: ctx.actor.userId }).onConflictDoNothing());
}
