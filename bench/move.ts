import { moveRecord } from "../lib/pipelines/move-record";
import type { TenantContext } from "../lib/tenancy/context";
import { stats, type Row } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";
import { performance } from "node:perf_hooks";

const USERS = 20;
const MOVES_PER_USER = 50; // even: every deal ends where it started; 1,000 samples per shape

/** 20 users, each moving its own deals back and forth between two open stages. */
export async function benchMove(env: BenchEnv): Promise<Row[]> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const stages = await rawInTenant(env.app, env.tenantId, (tx) => tx<{ id: string; probability: string }[]>`
    select s.id, s.probability from pipeline_stages s join pipelines p on p.tenant_id = s.tenant_id and p.id = s.pipeline_id
    where s.tenant_id = ${env.tenantId} and p.object_type = 'DEAL' and p.is_default and p.movement_mode = 'FLEXIBLE' and s.stage_state in ('NOT_STARTED', 'IN_PROGRESS')
    order by s.display_order limit 2`);
  const [a, b] = [stages[0]!, stages[1]!];
  const deals = await rawInTenant(env.app, env.tenantId, (tx) => tx<{ id: string }[]>`
    select id from deals where tenant_id = ${env.tenantId} and stage_id = ${a.id} and deleted_at is null order by position limit ${USERS * 2}`);
  const appDeals = deals.slice(0, USERS).map((d) => d.id);
  const rawDeals = deals.slice(USERS, USERS * 2).map((d) => d.id);

  // Two shapes of "20 users at once". Back to back: each user's next move starts the
  // moment the last returns (20 in flight all the time: a saturation test). Bursts: all 20
  // drop a card at the same instant, the next burst once the last drop is done (the
  // moment a whole team drags together).
  const backToBack = async (ids: string[], one: (id: string, to: string) => Promise<unknown>) => {
    const samples: number[] = [];
    await Promise.all(
      ids.map(async (id) => {
        for (let i = 0; i < MOVES_PER_USER; i++) {
          const to = i % 2 === 0 ? b.id : a.id;
          const t = performance.now();
          await one(id, to);
          samples.push(performance.now() - t);
        }
      }),
    );
    return stats(samples);
  };
  const bursts = async (ids: string[], one: (id: string, to: string) => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < MOVES_PER_USER; i++) {
      const to = i % 2 === 0 ? b.id : a.id;
      await Promise.all(
        ids.map(async (id) => {
          const t = performance.now();
          await one(id, to);
          samples.push(performance.now() - t);
        }),
      );
    }
    return stats(samples);
  };

  const appMove = (id: string, to: string) => moveRecord(ctx, "DEAL", id, { toStageId: to });
  const rawMove = (id: string, to: string) =>
    rawInTenant(env.app, env.tenantId, async (tx) => {
      const [d] = await tx<{ stage_id: string; pipeline_id: string }[]>`select stage_id, pipeline_id from deals where tenant_id = ${env.tenantId} and id = ${id} for update`;
      const prob = to === a.id ? a.probability : b.probability;
      await tx`update deals set stage_id = ${to}, stage_entered_at = now(), forecast_probability = ${prob}, updated_at = now() where tenant_id = ${env.tenantId} and id = ${id}`;
      await tx`insert into stage_history (tenant_id, entity_type, entity_id, pipeline_id, from_stage_id, to_stage_id, changed_by_user_id, source)
               values (${env.tenantId}, 'DEAL', ${id}, ${d!.pipeline_id}, ${d!.stage_id}, ${to}, ${env.userId}, 'USER')`;
      await tx`insert into domain_events (tenant_id, event_type, entity_type, entity_id, actor_user_id, payload)
               values (${env.tenantId}, 'stage.changed', 'DEAL', ${id}, ${env.userId}, ${JSON.stringify({ fromStageId: d!.stage_id, toStageId: to })})`;
    });
  // A running server's connections are warm: each has prepared its statements and
  // Postgres has settled their plans (after five custom ones), and Node has compiled the
  // hot path. One unmeasured round each, so the figures are the steady state, not the start.
  await backToBack(appDeals, appMove);
  await backToBack(rawDeals, rawMove);
  const app = await backToBack(appDeals, appMove);
  const raw = await backToBack(rawDeals, rawMove);
  const appBurst = await bursts(appDeals, appMove);
  const rawBurst = await bursts(rawDeals, rawMove);
  return [
    { benchmark: `moveRecord, ${USERS} users back to back`, app, raw, target: "p95 ≤ 50 ms", pass: app.p95 <= 50 },
    { benchmark: `moveRecord, ${USERS} users dropping at once`, app: appBurst, raw: rawBurst, target: "p95 ≤ 50 ms", pass: appBurst.p95 <= 50 },
  ];
}
