import { loadBoard } from "../lib/board/queries";
import type { TenantContext } from "../lib/tenancy/context";
import { time, type Row } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";

/** The deals board of the default pipeline: 10k open deals over its stages. */
export async function benchBoard(env: BenchEnv): Promise<Row[]> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const [p] = await rawInTenant(env.app, env.tenantId, (tx) => tx<{ id: string }[]>`
    select id from pipelines where tenant_id = ${env.tenantId} and object_type = 'DEAL' and is_default`);
  const board = await loadBoard(ctx, "DEAL", p!.id);
  const bytes = Buffer.byteLength(JSON.stringify(board));
  const app = await time(() => loadBoard(ctx, "DEAL", p!.id), 30);
  const raw = await time(
    () =>
      rawInTenant(env.app, env.tenantId, async (tx) => {
        await tx`select stage_id, count(*), sum(amount) from deals where tenant_id = ${env.tenantId} and pipeline_id = ${p!.id} and deleted_at is null group by stage_id`;
        await tx`select d.id, d.name, d.amount, d.currency, d.owned_by_user_id, d.close_date, d.stage_entered_at, d.tags
                 from pipeline_stages s cross join lateral (
                   select * from deals where tenant_id = ${env.tenantId} and stage_id = s.id and deleted_at is null order by position nulls last, created_at desc, id limit 25) d
                 where s.tenant_id = ${env.tenantId} and s.pipeline_id = ${p!.id}`;
      }),
    30,
  );
  return [{ benchmark: "deals board load (10k open deals)", app, raw, target: "p95 ≤ 150 ms, payload ≤ 150 KB", pass: app.p95 <= 150 && bytes <= 150 * 1024, note: `payload ${(bytes / 1024).toFixed(1)} KB` }];
}
