import { benchUuid } from "../db/generate/generate";
import { getRecord } from "../lib/records/service";
import type { TenantContext } from "../lib/tenancy/context";
import { recordTimeline } from "../lib/timeline/queries";
import { time, type Row } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";

/** A record page's data for contact #1, which the generator gives 5,000 activities. */
export async function benchTimeline(env: BenchEnv): Promise<Row[]> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const id = benchUuid(env.tenantId, "contact", 1);
  const app = await time(async () => {
    await Promise.all([getRecord(ctx, "CONTACT", id), recordTimeline(ctx, "CONTACT", id, { limit: 50 })]);
  }, 40);
  const raw = await time(
    () =>
      rawInTenant(env.app, env.tenantId, async (tx) => {
        await tx`select * from contacts where tenant_id = ${env.tenantId} and id = ${id}`;
        await tx`select * from activities where tenant_id = ${env.tenantId} and record_type = 'CONTACT' and record_id = ${id} and deleted_at is null order by activity_at desc limit 50`;
      }),
    40,
  );
  return [{ benchmark: "record page data, 5,000-entry timeline", app, raw, target: "server time ≤ 100 ms", pass: app.p95 <= 100 }];
}
