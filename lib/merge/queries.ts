import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { recordMerges } from "@/db/schema";
import { getRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { MergeKind } from "./rules";

export interface MergeHistoryEntry {
  mergedId: string;
  mergedAt: Date;
  mergedByUserId: string | null;
  snapshot: Record<string, unknown>;
}

/** The records merged into `id`, newest first; a survivor the caller cannot see is a 404 (its history with it). */
export async function mergeHistory(ctx: TenantContext, kind: MergeKind, id: string): Promise<MergeHistoryEntry[]> {
  await getRecord(ctx, kind, id);
  return withTenant(ctx, (tx) =>
    tx
      .select({ mergedId: recordMerges.mergedId, mergedAt: recordMerges.mergedAt, mergedByUserId: recordMerges.mergedByUserId, snapshot: recordMerges.snapshot })
      .from(recordMerges)
      .where(and(eq(recordMerges.tenantId, ctx.tenantId), eq(recordMerges.recordType, kind), eq(recordMerges.survivorId, id)))
      .orderBy(desc(recordMerges.mergedAt), desc(recordMerges.id)),
  );
}
