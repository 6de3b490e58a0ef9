// "Load demo data": the demo tenant's records (db/seed/demo.ts) in the current workspace,
// for an admin to try Stageline with before importing real data. Only into an empty
// workspace, so it never mixes with real records; owned by the admin who loads it.
import "server-only";
import { sql } from "drizzle-orm";
import { fillDemoRecords } from "@/db/seed/demo";
import { assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { recordsExist } from "./getting-started";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";

export async function loadDemoData(ctx: TenantContext): Promise<void> {
  assertCan(ctx.actor.role, "settings.manage");
  const adminId = ctx.actor.userId;
  if (!adminId) throw new AppError("forbidden", "Demo data is loaded by a signed-in admin");
  await withTenant(ctx, async (tx) => {
    // Two admins clicking at once: the second waits here, then finds the records.
    await tx.execute(sql`select 1 from tenants where id = ${ctx.tenantId} for update`);
    const [row] = await tx.execute<{ records: boolean }>(sql`select ${recordsExist(ctx.tenantId)} as records`);
    if (row?.records) throw new AppError("conflict", "Demo data can only be loaded into an empty workspace: this one has records already.");
    await fillDemoRecords(tx, ctx.tenantId, { adminId, managerId: adminId, repId: adminId, rep2Id: adminId });
  });
}
