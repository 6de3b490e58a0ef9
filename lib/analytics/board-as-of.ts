// The board as it stood at an instant (API.md "Analytics"): each record in the stage it
// was in then, replayed from stage history (lib/analytics/state-at.ts) — records created
// after it or deleted before it left out, every stage listed. Columns carry their count
// and (deals) amount at that time and the first `limit` cards, latest entered first, as
// today's board loads a column. Read in the actor's access scope (RLS).
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { pipelines } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { DEFAULT_COLUMN_LIMIT, MAX_COLUMN_LIMIT } from "@/lib/board/queries";
import { isValidDate } from "@/lib/custom-fields/rules";
import { shiftDay } from "@/lib/days";
import { notFound } from "@/lib/errors";
import type { PipelineKind } from "@/lib/pipelines/move-record";
import { RECORD_KINDS, tableOf } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { loadWorkspace } from "@/lib/workspace/service";
import { zonedDayStart } from "@/lib/workspace/zone";
import { cached, type Freshness } from "./cache";
import { fromStaysAt, stateAtCtes } from "./state-at";

/** `?pipelineId=&asOf=&limit=` of GET /{deals|leads|tickets}/board. */
export const boardAsOfQuerySchema = z.object({
  pipelineId: z.uuid().optional().meta({ description: "The pipeline; default: the default pipeline of the type" }),
  asOf: z
    .string()
    .refine((v) => (isValidDate(v) ? true : /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))), { message: "must be an ISO date-time, or a date YYYY-MM-DD (its end in the workspace's time zone)" })
    .optional()
    .meta({ description: "ISO-8601 instant; a date YYYY-MM-DD means the end of that day in the workspace's time zone. Default: now" }),
  limit: z.coerce.number().int().min(1).max(MAX_COLUMN_LIMIT).optional().meta({ description: `Cards per column (default ${DEFAULT_COLUMN_LIMIT}); counts and amounts cover every record` }),
});

export interface AsOfCard {
  id: string;
  /** Deals and leads: `name`; tickets: `subject`. */
  name?: string;
  subject?: string;
  amount: string | null;
  currency: string | null;
  /** When it entered the stage it was in at `asOf`. */
  enteredAt: string;
  /** It moved to another stage, or was deleted, after `asOf`. */
  movedSince: boolean;
  /** Where it is now (null: deleted, or in no stage). */
  stageIdNow: string | null;
}

export interface AsOfColumn {
  stageId: string;
  count: number;
  /** Deals: the sum of the amounts (decimal string); null for leads and tickets. */
  amount: string | null;
  records: AsOfCard[];
}

export interface BoardAsOf {
  asOf: string;
  pipelineId: string;
  stages: AsOfColumn[];
}

const TITLE: Record<PipelineKind, { key: "name" | "subject"; expr: ReturnType<typeof sql> }> = {
  DEAL: { key: "name", expr: sql`r.name` },
  LEAD: { key: "name", expr: sql`coalesce(nullif(concat_ws(' ', r.first_name, r.last_name), ''), r.email, '(no name)')` },
  TICKET: { key: "subject", expr: sql`r.subject` },
};

/**
 * The board as of `query.asOf`, as the reader gets it: a past board from the analytics cache
 * (lib/analytics/cache.ts), with how fresh it is. A board of a past instant still changes:
 * its cards show today's names, amounts and stages (movedSince, stageIdNow), and a deletion
 * since removes nothing but changes stageIdNow — so it is kept fresh by the data version like
 * every cached result, not frozen. Without asOf (now) it is computed each time.
 */
export async function boardAsOf(ctx: TenantContext, kind: PipelineKind, query: z.output<typeof boardAsOfQuerySchema>): Promise<BoardAsOf & { freshness?: Freshness }> {
  assertCan(ctx.actor.role, "records.read");
  if (!query.asOf) return computeBoardAsOf(ctx, kind, query);
  const { value, freshness } = await cached(ctx, "board", boardParams(kind, query), () => computeBoardAsOf(ctx, kind, query));
  return { ...value, freshness };
}

/** What identifies a board-as-of computation (the cache's parameters). */
export const boardParams = (kind: PipelineKind, query: z.output<typeof boardAsOfQuerySchema>) => ({ kind, pipelineId: query.pipelineId ?? null, asOf: query.asOf ?? null, limit: query.limit ?? null });

/**
 * The board as of a date computed now (no cache): the read path's miss, the worker's refresh;
 * a distant date from the stays (lib/analytics/state-at.ts), `source: "history"` replayed from
 * stage history (the raw computation the tests compare them with).
 */
export async function computeBoardAsOf(ctx: TenantContext, kind: PipelineKind, query: z.output<typeof boardAsOfQuerySchema>, source: "stays" | "history" = "stays"): Promise<BoardAsOf> {
  assertCan(ctx.actor.role, "records.read");
  if (query.pipelineId !== undefined && !isUuid(query.pipelineId)) throw notFound("Pipeline");
  return withTenant(ctx, async (tx) => {
    const [p] = await tx
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, kind), query.pipelineId ? eq(pipelines.id, query.pipelineId) : eq(pipelines.isDefault, true)));
    if (!p) throw notFound("Pipeline");
    let at = new Date();
    if (query.asOf && isValidDate(query.asOf)) at = zonedDayStart(shiftDay(query.asOf, 1), (await loadWorkspace(tx, ctx.tenantId)).timeZone);
    else if (query.asOf) at = new Date(query.asOf);
    const deals = kind === "DEAL";
    const title = TITLE[kind];
    const columns = sql`${title.expr} as title, ${deals ? sql`r.amount, r.currency` : sql`null::numeric as amount, null::text as currency`}, case when r.deleted_at is null then r.stage_id end as stage_id_now`;
    // a distant date from the stays: the totals from them alone, the records read for the cards shown
    const lean = fromStaysAt(at, source);
    const ctes = stateAtCtes({ tenantId: ctx.tenantId, kind, pipelineId: p.id, at, deleted: "after", columns, source, lean });
    const limit = query.limit ?? DEFAULT_COLUMN_LIMIT;
    const r = tableOf(RECORD_KINDS[kind]);
    const ranked = lean
      ? sql`ranked as materialized (
          select c.id, c.stage_id, c.entered_at, c.rn, ${columns}, (r.deleted_at is not null or r.stage_entered_at is distinct from c.entered_at) as moved_since
          from st s0 cross join lateral (
            select f.*, row_number() over (order by f.entered_at desc, f.id) as rn
            from (select a.id, a.stage_id, a.entered_at from at_t a where a.stage_id = s0.id order by a.entered_at desc, a.id limit ${limit}) f
          ) c
          cross join lateral (select r.* from ${r} r where r.tenant_id = ${ctx.tenantId}::uuid and r.id = c.id) r
        )`
      : sql`ranked as (
          select a.*, row_number() over (partition by a.stage_id order by a.entered_at desc, a.id) as rn from at_t a
        )`;
    // one statement: the replay (at_t, read twice) is materialized once for the totals and the first cards
    const rows = await tx.execute<Record<string, unknown>>(sql`${ctes}, totals as (
        select a.stage_id, count(*)::int as n, ${deals ? sql`sum(a.amount)` : sql`null::numeric`} as amount from at_t a group by a.stage_id
      ), ${ranked}
      select s.id as column_id, coalesce(t.n, 0) as n, ${deals ? sql`coalesce(t.amount, 0)::numeric(18,2)::text` : sql`null::text`} as total,
        c.id, c.title, c.amount::text as amount, c.currency, c.entered_at, c.moved_since, c.stage_id_now
      from st s left join totals t on t.stage_id = s.id left join ranked c on c.stage_id = s.id and c.rn <= ${limit}
      order by s.display_order, c.rn`);
    const byStage = new Map<string, AsOfColumn>();
    for (const c of rows) {
      const stageId = String(c.column_id);
      let column = byStage.get(stageId);
      if (!column) byStage.set(stageId, (column = { stageId, count: Number(c.n), amount: (c.total as string | null) ?? null, records: [] }));
      if (c.id === null) continue;
      column.records.push({
        id: String(c.id),
        [title.key]: String(c.title),
        amount: (c.amount as string | null) ?? null,
        currency: (c.currency as string | null) ?? null,
        enteredAt: new Date(c.entered_at as string).toISOString(),
        movedSince: c.moved_since === true,
        stageIdNow: (c.stage_id_now as string | null) ?? null,
      });
    }
    return {
      asOf: at.toISOString(),
      pipelineId: p.id,
      stages: [...byStage.values()],
    };
  });
}
