import { loadBoard } from "../lib/board/queries";
import type { TenantContext } from "../lib/tenancy/context";
import { time, type Row } from "./harness";
import type { BenchEnv } from "./index";
import { rawInTenant } from "./tenant-sql";

const BOARD_PIPELINE_KEY = "bench_board_8";
const OPEN_STAGES = 8;
const OPEN_DEALS = 10_000;

/**
 * The issue's board: 10k open deals over 8 open stages. The generator's sales pipeline
 * has 4 open stages, so the first run adds a pipeline of 8 open stages (+ won/lost) to
 * the big tenant and spreads 10k of its deals' copies over it; later runs reuse it.
 */
export async function ensureBoardPipeline(env: BenchEnv): Promise<string> {
  const t = env.tenantId;
  const [found] = await env.owner<{ id: string }[]>`select id from pipelines where tenant_id = ${t} and pipeline_key = ${BOARD_PIPELINE_KEY}`;
  if (found) return found.id;
  return env.owner.begin(async (tx) => {
    const [p] = await tx<{ id: string }[]>`
      insert into pipelines (tenant_id, name, pipeline_key, object_type, movement_mode, display_order, is_default, is_active)
      values (${t}, 'Bench board (8 stages)', ${BOARD_PIPELINE_KEY}, 'DEAL', 'FLEXIBLE', 99, false, true) returning id`;
    const stages = [
      ...Array.from({ length: OPEN_STAGES }, (_, i) => ({ name: `Step ${i + 1}`, state: i === 0 ? "NOT_STARTED" : "IN_PROGRESS", type: "OPEN", p: ((i + 1) / (OPEN_STAGES + 1)).toFixed(2) })),
      { name: "Won", state: "DONE_SUCCESS", type: "SUCCESS", p: "1.00" },
      { name: "Lost", state: "DONE_FAILED", type: "FAILED", p: "0.00" },
    ];
    const ids: string[] = [];
    for (const [i, s] of stages.entries()) {
      const [row] = await tx<{ id: string }[]>`
        insert into pipeline_stages (tenant_id, pipeline_id, name, display_order, stage_state, stage_type, probability, expected_days)
        values (${t}, ${p!.id}, ${s.name}, ${i}, ${s.state}, ${s.type}, ${s.p}, 14) returning id`;
      ids.push(row!.id);
    }
    const open = ids.slice(0, OPEN_STAGES);
    await tx`
      insert into deals (tenant_id, name, amount, currency, deal_type, close_date, forecast_probability, status, company_id, contact_id,
        owned_by_user_id, created_by_user_id, pipeline_id, stage_id, stage_entered_at, position, tags)
      select d.tenant_id, d.name, d.amount, d.currency, d.deal_type, d.close_date, d.forecast_probability, 'open', d.company_id, d.contact_id,
        d.owned_by_user_id, d.created_by_user_id, ${p!.id}, (${open}::uuid[])[1 + (n % ${OPEN_STAGES})], d.stage_entered_at,
        'h' || lpad((n / ${OPEN_STAGES})::text, 8, '0'), d.tags
      from (select *, row_number() over (order by id) - 1 as n from deals where tenant_id = ${t} and deleted_at is null limit ${OPEN_DEALS}) d`;
    return p!.id;
  });
}

/** The deals board of an 8-stage pipeline holding 10k open deals. */
export async function benchBoard(env: BenchEnv): Promise<Row[]> {
  const ctx: TenantContext = { tenantId: env.tenantId, actor: { kind: "user", userId: env.userId, role: "admin", source: "USER" } };
  const pipelineId = await ensureBoardPipeline(env);
  const board = await loadBoard(ctx, "DEAL", pipelineId);
  const bytes = Buffer.byteLength(JSON.stringify(board));
  const cards = board.columns.reduce((n, c) => n + c.cards.length, 0);
  const open = board.columns.filter((c) => c.count > 0).length;
  const total = board.columns.reduce((n, c) => n + c.count, 0);
  const app = await time(() => loadBoard(ctx, "DEAL", pipelineId), 30);
  const raw = await time(
    () =>
      rawInTenant(env.app, env.tenantId, async (tx) => {
        await tx`select stage_id, count(*), sum(amount) from deals where tenant_id = ${env.tenantId} and pipeline_id = ${pipelineId} and deleted_at is null group by stage_id`;
        await tx`select d.id, d.name, d.amount, d.currency, d.owned_by_user_id, d.close_date, d.stage_entered_at, d.tags
                 from pipeline_stages s cross join lateral (
                   select * from deals where tenant_id = ${env.tenantId} and stage_id = s.id and deleted_at is null order by position nulls last, created_at desc, id limit 25) d
                 where s.tenant_id = ${env.tenantId} and s.pipeline_id = ${pipelineId}`;
      }),
    30,
  );
  return [
    {
      benchmark: `deals board load (${total.toLocaleString("en")} open deals, ${open} stages)`,
      app,
      raw,
      target: "p95 ≤ 150 ms, payload ≤ 150 KB",
      pass: app.p95 <= 150 && bytes <= 150 * 1024,
      note: `payload ${(bytes / 1024).toFixed(1)} KB, ${cards} cards rendered`,
    },
  ];
}
