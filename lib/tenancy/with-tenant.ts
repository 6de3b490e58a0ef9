import { sql } from "drizzle-orm";
import { db, type Database } from "@/db/client";
import type { TenantContext } from "./context";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `fn` in one transaction scoped to the tenant: `app.tenant_id` is set for Row
 * Level Security, so even a query that forgets its tenant filter sees only this tenant.
 */
export async function withTenant<T>(ctx: TenantContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!UUID.test(ctx.tenantId)) throw new Error("withTenant: tenantId must be a UUID");
  return db().transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${ctx.tenantId}, true)`);
    return fn(tx);
  });
}
