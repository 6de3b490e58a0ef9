import { compileFilter } from "../lib/filters/compile";
import { listRecords } from "../lib/records/queries";
import type { TenantContext } from "../lib/tenancy/context";
import { time, type Row } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";

const RUNS = 40;

export async function benchList(env: BenchEnv): Promise<Row[]> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const filter = { all: [{ field: "lifecycleStage", op: "eq", value: "customer" }] };
  const where = () => compileFilter("CONTACT", filter, { tenantId: env.tenantId, userId: env.userId });

  const appFirst = await time(() => listRecords(ctx, "CONTACT", { limit: 50, where: where() }), RUNS);
  const rawFirst = await time(
    () =>
      rawInTenant(env.app, env.tenantId, (tx) => tx`
        select * from contacts where tenant_id = ${env.tenantId} and deleted_at is null and lower(lifecycle_stage) = lower(${"customer"})
        order by created_at desc nulls last, id desc limit 51`),
    RUNS,
  );

  // Page 2,000 (rows 99,951–100,000): the cursor of row 99,950 found once, then keyset from it.
  const [boundary] = await rawInTenant(env.app, env.tenantId, (tx) => tx<{ created_at: Date; id: string }[]>`
    select created_at, id from contacts where tenant_id = ${env.tenantId} and deleted_at is null
    order by created_at desc, id desc offset 99949 limit 1`);
  const cursor = Buffer.from(JSON.stringify([boundary!.created_at.toISOString(), boundary!.id])).toString("base64url");
  const appDeep = await time(() => listRecords(ctx, "CONTACT", { limit: 50, cursor }), RUNS);
  const appPlain = await time(() => listRecords(ctx, "CONTACT", { limit: 50 }), RUNS);
  const rawDeep = await time(
    () =>
      rawInTenant(env.app, env.tenantId, (tx) => tx`
        select * from contacts where tenant_id = ${env.tenantId} and deleted_at is null and (created_at, id) < (${boundary!.created_at}, ${boundary!.id}::uuid)
        order by created_at desc nulls last, id desc limit 51`),
    RUNS,
  );
  return [
    { benchmark: "contacts list, first page, one filter", app: appFirst, raw: rawFirst, target: "p95 ≤ 2× raw + 30 ms", pass: appFirst.p95 <= 2 * rawFirst.p95 + 30 },
    {
      benchmark: "contacts list, page 2,000 by keyset",
      app: appDeep,
      raw: rawDeep,
      target: "≤ 1.1× first page",
      pass: appDeep.p50 <= 1.1 * appPlain.p50 + 1,
      note: `first page (same sort, no filter) p50 ${appPlain.p50.toFixed(1)} ms`,
    },
  ];
}
