import "server-only";
import type { SQL } from "drizzle-orm";
import { listCustomFields } from "@/lib/custom-fields/service";
import { AppError } from "@/lib/errors";
import { compileFilter } from "@/lib/filters/compile";
import type { RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";

/** `filter=<url-encoded filter JSON>` → SQL condition (422 with a path to the bad node). */
export async function compileQueryFilter(ctx: TenantContext, kind: RecordKind, raw: string | null): Promise<SQL | undefined> {
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError("bad-request", "filter is not valid JSON");
  }
  const customFields = await listCustomFields(ctx, kind);
  return compileFilter(kind, parsed, { tenantId: ctx.tenantId, userId: ctx.actor.userId, customFields });
}
