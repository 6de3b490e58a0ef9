import { moveRecord } from "../lib/pipelines/move-record";
import { updateRecord } from "../lib/records/service";
import type { TenantContext } from "../lib/tenancy/context";
import { stats, type Row, type Stats } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";
import { performance } from "node:perf_hooks";

const ROUNDS = 20; // alternating with and without the audit, so drift hits both alike
const PER_ROUND = 50;

/**
 * What audit logging adds to a moveRecord and to a contact update (issue 15: ≤ 10%): the
 * same service calls with the audit trigger of domain_events enabled ("app") and disabled
 * by the owner ("raw" column), one client, rounds interleaved.
 */
export async function benchAudit(env: BenchEnv): Promise<Row[]> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" }, ip: "203.0.113.1" };
  const stages = await rawInTenant(env.app, env.tenantId, (tx) => tx<{ id: string }[]>`
    select s.id from pipeline_stages s join pipelines p on p.tenant_id = s.tenant_id and p.id = s.pipeline_id
    where s.tenant_id = ${env.tenantId} and p.object_type = 'DEAL' and p.is_default and p.movement_mode = 'FLEXIBLE' and s.stage_state in ('NOT_STARTED', 'IN_PROGRESS')
    order by s.display_order limit 2`);
  const [a, b] = [stages[0]!.id, stages[1]!.id];
  const [deal] = await rawInTenant(env.app, env.tenantId, (tx) => tx<{ id: string }[]>`
    select id from deals where tenant_id = ${env.tenantId} and stage_id = ${a} and deleted_at is null order by position limit 1`);
  const [contact] = await rawInTenant(env.app, env.tenantId, (tx) => tx<{ id: string }[]>`
    select id from contacts where tenant_id = ${env.tenantId} and deleted_at is null order by id limit 1`);
  let n = 0;
  const move = () => moveRecord(ctx, "DEAL", deal!.id, { toStageId: n++ % 2 === 0 ? b : a });
  const update = () => updateRecord(ctx, "CONTACT", contact!.id, { jobTitle: `Bench ${n++}` });

  const setAudit = (on: boolean) => env.owner.unsafe(`alter table domain_events ${on ? "enable" : "disable"} trigger domain_events_audit`);
  const measure = async (fn: () => Promise<unknown>): Promise<{ on: Stats; off: Stats }> => {
    const on: number[] = [];
    const off: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const audited = r % 2 === 1;
      await setAudit(audited);
      for (let i = 0; i < 10; i++) await fn(); // warm after the switch
      for (let i = 0; i < PER_ROUND; i++) {
        const t = performance.now();
        await fn();
        (audited ? on : off).push(performance.now() - t);
      }
    }
    return { on: stats(on), off: stats(off) };
  };
  try {
    const m = await measure(move);
    const u = await measure(update);
    const row = (name: string, r: { on: Stats; off: Stats }): Row => ({
      benchmark: name,
      app: r.on,
      raw: r.off,
      target: "audited p50 ≤ 1.1 × unaudited",
      pass: r.on.p50 <= 1.1 * r.off.p50,
      note: `+${(((r.on.p50 - r.off.p50) / r.off.p50) * 100).toFixed(1)}% ("raw" = the same call, audit trigger off)`,
    });
    return [row("moveRecord with / without audit", m), row("contact update with / without audit", u)];
  } finally {
    await setAudit(true);
  }
}
