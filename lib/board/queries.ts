// Reads for the pipeline board (server-only: never import from a client component).
// One transaction per board: the pipeline and its stages, the members, the per-stage
// counts and money in one GROUP BY, and the first cards of every column in one LATERAL
// query. Cards carry key fields only, so a board of thousands of records stays small.
import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { deals, leads, pipelines, pipelineStages, stageHistory, tenantUsers, tickets, users } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { isPresent } from "@/lib/pipelines/rules";
import { columnOf, RECORD_KINDS, tableOf } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { decodeColumnCursor, encodeColumnCursor, type ColumnCursor } from "./cursor";
import type { BoardFilters } from "./filters";
import { isStalled } from "./stalled";
import type { BoardCard, BoardColumn, BoardData, BoardKind, BoardMember, BoardPipeline, BoardStage, ColumnPage, MoneyTotal, PipelineOption } from "./types";

export const DEFAULT_COLUMN_LIMIT = 25;
/** Upper bound of cards per column in one answer (a refetch keeps what "load more" loaded). */
export const MAX_COLUMN_LIMIT = 200;

/** What a card shows beyond the shared fields, per kind. */
const KIND_SQL: Record<BoardKind, { title: SQL; extra: SQL }> = {
  DEAL: {
    title: sql`${deals.name}`,
    extra: sql`${deals.amount}::text as amount, ${deals.currency} as currency, ${deals.closeDate}::text as close_date,`,
  },
  LEAD: {
    // the registry's title for people: first + last name, else email
    title: sql`coalesce(nullif(trim(concat_ws(' ', ${leads.firstName}, ${leads.lastName})), ''), ${leads.email}, '(no name)')`,
    extra: sql`${leads.priority}::text as priority,`,
  },
  TICKET: { title: sql`${tickets.subject}`, extra: sql`${tickets.priority}::text as priority,` },
};

interface CardRow extends Record<string, unknown> {
  stage_id?: string;
  id: string;
  title: string;
  amount?: string | null;
  currency?: string;
  close_date?: string | null;
  priority?: string | null;
  owner_id: string | null;
  owner_name: string | null;
  tags: string[];
  position: string | null;
  created_key: string;
  stage_entered_at: string | null;
  days_in_stage: number | null;
  return_stage_id: string | null;
  fields: Record<string, unknown> | null;
}

export function initialsOf(name: string | null | undefined): string {
  if (!name) return "?";
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}

const col = (kind: BoardKind, name: string) => columnOf(RECORD_KINDS[kind], name)!;

/** The URL filters as SQL on the kind's table (shared by the board, its counts and the table view). */
export function filterConditions(ctx: TenantContext, kind: BoardKind, filters: BoardFilters): SQL[] {
  const out: SQL[] = [];
  if (filters.owner) {
    const id = filters.owner === "me" ? ctx.actor.userId : filters.owner;
    out.push(id ? sql`${col(kind, "ownedByUserId")} = ${id}::uuid` : sql`false`);
  }
  if (filters.tag) out.push(sql`${col(kind, "tags")} @> array[${filters.tag}::text]`);
  if (filters.q) out.push(RECORD_KINDS[kind].search(filters.q));
  if (kind === "DEAL" && filters.closeFrom) out.push(sql`${deals.closeDate} >= ${filters.closeFrom}::date`);
  if (kind === "DEAL" && filters.closeTo) out.push(sql`${deals.closeDate} <= ${filters.closeTo}::date`);
  if (kind === "LEAD" && filters.scoreMin !== undefined && filters.scoreMin >= 0 && filters.scoreMin <= 100) out.push(sql`${leads.score} >= ${filters.scoreMin}::int`);
  return out;
}

/** Live records of one pipeline matching the filters. */
function recordScope(ctx: TenantContext, kind: BoardKind, pipelineId: string, filters: BoardFilters): SQL {
  const t = tableOf(RECORD_KINDS[kind]);
  return and(
    sql`${t.tenantId} = ${ctx.tenantId}::uuid`,
    sql`${col(kind, "pipelineId")} = ${pipelineId}::uuid`,
    sql`${t.deletedAt} is null`,
    ...filterConditions(ctx, kind, filters),
  )!;
}

/**
 * The SELECT … FROM … of a card. `inFailedStage` says whether the card's stage is
 * DONE_FAILED (then the latest stage_history row gives the stage to return to).
 */
function cardSelect(kind: BoardKind, inFailedStage: SQL, requiredPaths: string[]): SQL {
  const def = RECORD_KINDS[kind];
  const t = tableOf(def);
  const owner = col(kind, "ownedByUserId");
  const entered = col(kind, "stageEnteredAt");
  const createdAt = col(kind, "createdAt");
  const fields = requiredPaths.length
    ? sql`jsonb_build_object(${sql.join(
        requiredPaths.map((path) => {
          if (path.startsWith("customFields.")) return sql`${path}::text, ${col(kind, "customFields")} -> ${path.slice("customFields.".length)}::text`;
          const c = columnOf(def, path);
          return c ? sql`${path}::text, to_jsonb(${c})` : sql`${path}::text, 'null'::jsonb`;
        }),
        sql`, `,
      )})`
    : sql`null::jsonb`;
  return sql`select ${t.id} as id, ${KIND_SQL[kind].title} as title, ${KIND_SQL[kind].extra}
      ${owner} as owner_id, ${users.name} as owner_name, ${col(kind, "tags")} as tags, ${t.position} as position,
      to_char(${createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key,
      to_char(${entered} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as stage_entered_at,
      floor(extract(epoch from (now() - ${entered})) / 86400)::int as days_in_stage,
      case when ${inFailedStage} then (
        select ${stageHistory.fromStageId} from ${stageHistory}
        where ${stageHistory.tenantId} = ${t.tenantId} and ${stageHistory.entityType} = ${kind}::crm_record_type
          and ${stageHistory.entityId} = ${t.id} and ${stageHistory.toStageId} = ${t.stageId}
        order by ${stageHistory.seq} desc limit 1
      ) end as return_stage_id,
      ${fields} as fields
    from ${t}
    left join ${tenantUsers} on ${tenantUsers.tenantId} = ${t.tenantId} and ${tenantUsers.userId} = ${owner}
    left join ${users} on ${users.id} = ${tenantUsers.userId}`;
}

/** Board order: position (nulls last), then newest first; id breaks ties. The keyset follows it. */
function cardOrder(kind: BoardKind): SQL {
  const t = tableOf(RECORD_KINDS[kind]);
  return sql`${t.position} asc nulls last, ${col(kind, "createdAt")} desc, ${t.id} desc`;
}

/**
 * The cards whose ids `pick` selects, in board order. Picking ids first (from the
 * (tenant_id, stage_id, position) index) keeps the joins and the history look-up to the
 * few cards shown, whatever the planner believes about the table's size.
 */
function cardsOf(kind: BoardKind, tenantId: string, inFailedStage: SQL, requiredPaths: string[], pick: SQL): SQL {
  const t = tableOf(RECORD_KINDS[kind]);
  return sql`${cardSelect(kind, inFailedStage, requiredPaths)}
    where ${t.tenantId} = ${tenantId}::uuid and ${t.id} in (${pick})
    order by ${cardOrder(kind)}`;
}

function afterCursor(kind: BoardKind, c: ColumnCursor): SQL {
  const t = tableOf(RECORD_KINDS[kind]);
  const createdAt = col(kind, "createdAt");
  const tie = sql`(${createdAt} < ${c.createdAt}::timestamptz or (${createdAt} = ${c.createdAt}::timestamptz and ${t.id} < ${c.id}::uuid))`;
  if (c.position === null) return sql`(${t.position} is null and ${tie})`;
  return sql`(${t.position} > ${c.position} or (${t.position} = ${c.position} and ${tie}) or ${t.position} is null)`;
}

function toCard(kind: BoardKind, row: CardRow, stage: BoardStage, requiredPaths: string[]): BoardCard {
  const card: BoardCard = {
    id: row.id,
    title: row.title,
    ownerId: row.owner_id,
    ownerInitials: row.owner_id ? initialsOf(row.owner_name) : null,
    stageEnteredAt: row.stage_entered_at,
    daysInStage: row.days_in_stage,
    stalled: isStalled(stage, row.days_in_stage),
    tags: row.tags ?? [],
  };
  if (kind === "DEAL") Object.assign(card, { amount: row.amount ?? null, currency: row.currency, closeDate: row.close_date ?? null });
  else card.priority = row.priority ?? null;
  if (stage.stageState === "DONE_FAILED") card.returnStageId = row.return_stage_id;
  if (requiredPaths.length) {
    const values = row.fields ?? {};
    const fields: Record<string, unknown> = {};
    for (const path of requiredPaths) {
      const present = isPresent(values[path]) ? true : null;
      if (path.startsWith("customFields.")) {
        const cf = (fields.customFields ??= {}) as Record<string, unknown>;
        cf[path.slice("customFields.".length)] = present;
      } else fields[path] = present;
    }
    card.fields = fields;
  }
  return card;
}

/** Active pipelines of the kind, in display order (the switcher). */
export async function listBoardPipelines(ctx: TenantContext, kind: BoardKind): Promise<PipelineOption[]> {
  return withTenant(ctx, (tx) =>
    tx
      .select({ id: pipelines.id, name: pipelines.name, isDefault: pipelines.isDefault })
      .from(pipelines)
      .where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, kind), eq(pipelines.isActive, true)))
      .orderBy(asc(pipelines.displayOrder)),
  );
}

/** The requested pipeline if it is one of the options, else the default, else the first. */
export function pickPipeline(options: PipelineOption[], requested: string | null | undefined): PipelineOption | null {
  return options.find((p) => p.id === requested) ?? options.find((p) => p.isDefault) ?? options[0] ?? null;
}

async function loadPipeline(tx: Tx, ctx: TenantContext, kind: BoardKind, pipelineId: string): Promise<BoardPipeline> {
  const [p] = await tx
    .select({ id: pipelines.id, name: pipelines.name, movementMode: pipelines.movementMode })
    .from(pipelines)
    .where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.id, pipelineId), eq(pipelines.objectType, kind)));
  if (!p) throw notFound("pipeline");
  const stages = await tx
    .select({
      id: pipelineStages.id,
      name: pipelineStages.name,
      color: pipelineStages.color,
      displayOrder: pipelineStages.displayOrder,
      stageState: pipelineStages.stageState,
      probability: pipelineStages.probability,
      requiredFields: pipelineStages.requiredFields,
      expectedDays: pipelineStages.expectedDays,
    })
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelineStages.pipelineId, pipelineId)))
    .orderBy(asc(pipelineStages.displayOrder));
  return { ...p, stages };
}

async function loadMembers(tx: Tx, ctx: TenantContext): Promise<BoardMember[]> {
  const rows = await tx
    .select({ id: tenantUsers.userId, name: users.name, isActive: tenantUsers.isActive })
    .from(tenantUsers)
    .innerJoin(users, eq(users.id, tenantUsers.userId))
    .where(eq(tenantUsers.tenantId, ctx.tenantId))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, initials: initialsOf(r.name) }));
}

/** Every field path some stage of the pipeline requires (empty: cards carry no `fields`). */
const requiredPathsOf = (p: BoardPipeline) => [...new Set(p.stages.flatMap((s) => s.requiredFields))].sort();

const clampLimit = (n: number | undefined) => Math.min(MAX_COLUMN_LIMIT, Math.max(1, Math.floor(n ?? DEFAULT_COLUMN_LIMIT)));

export interface LoadBoardOptions {
  /** Cards per column (default 25). */
  limit?: number;
  /** Per-stage card counts that override `limit` (a refetch keeps what "load more" loaded). */
  limits?: Record<string, number>;
}

export async function loadBoard(ctx: TenantContext, kind: BoardKind, pipelineId: string, filters: BoardFilters = {}, opts: LoadBoardOptions = {}): Promise<BoardData> {
  const t = tableOf(RECORD_KINDS[kind]);
  const limit = clampLimit(opts.limit);
  return withTenant(ctx, async (tx) => {
    const scope = recordScope(ctx, kind, pipelineId, filters);

    // counts and money per stage: one GROUP BY (per currency, so amounts never mix currencies);
    // sent together with the pipeline and members reads (independent): one round trip
    const totalsQuery =
      kind === "DEAL"
        ? tx.execute<{ stage_id: string; currency: string; count: number; amount: string; weighted: string }>(sql`
            select a.stage_id, a.currency, a.count, a.amount::numeric(18,2)::text as amount,
              (a.amount * ${pipelineStages.probability})::numeric(18,2)::text as weighted
            from (
              select ${deals.stageId} as stage_id, ${deals.currency} as currency, count(*)::int as count, coalesce(sum(${deals.amount}), 0) as amount
              from ${deals} where ${scope}
              group by ${deals.stageId}, ${deals.currency}
            ) a
            -- sum(amount × p) = p × sum(amount) exactly in numeric: weigh once per stage and currency
            join ${pipelineStages} on ${pipelineStages.tenantId} = ${ctx.tenantId}::uuid and ${pipelineStages.id} = a.stage_id
            order by a.currency`)
        : tx.execute<{ stage_id: string; count: number }>(sql`
            select ${t.stageId} as stage_id, count(*)::int as count from ${t} where ${scope} group by ${t.stageId}`);
    const [pipeline, members, totalsRows] = await Promise.all([loadPipeline(tx, ctx, kind, pipelineId), loadMembers(tx, ctx), totalsQuery]);

    // the first cards of every column in one round trip
    const limits = Object.fromEntries(Object.entries(opts.limits ?? {}).map(([id, n]) => [id, clampLimit(n)]));
    const requiredPaths = requiredPathsOf(pipeline);
    const cardRows = await tx.execute<CardRow>(sql`
      select ${pipelineStages.id} as stage_id, c.*
      from ${pipelineStages}
      cross join lateral (
        ${cardsOf(
          kind,
          ctx.tenantId,
          sql`${pipelineStages.stageState} = 'DONE_FAILED'`,
          requiredPaths,
          sql`select ${t.id} from ${t} where ${scope} and ${t.stageId} = ${pipelineStages.id}
            order by ${cardOrder(kind)}
            limit coalesce((${JSON.stringify(limits)}::jsonb ->> ${pipelineStages.id}::text)::int, ${limit}) + 1`,
        )}
      ) c
      where ${pipelineStages.tenantId} = ${ctx.tenantId}::uuid and ${pipelineStages.pipelineId} = ${pipelineId}::uuid
      order by ${pipelineStages.displayOrder}, c.position asc nulls last, c.created_key desc, c.id desc`);

    const columns: BoardColumn[] = pipeline.stages.map((stage) => {
      const own = [...totalsRows].filter((r) => r.stage_id === stage.id) as { count: number; currency?: string; amount?: string; weighted?: string }[];
      const rows = [...cardRows].filter((r) => r.stage_id === stage.id);
      const take = limits[stage.id] ?? limit;
      const page = rows.slice(0, take);
      const last = page[page.length - 1];
      return {
        stageId: stage.id,
        count: own.reduce((n, r) => n + r.count, 0),
        totals: kind === "DEAL" ? own.map((r): MoneyTotal => ({ currency: r.currency!, amount: r.amount!, weighted: r.weighted! })) : [],
        cards: page.map((r) => toCard(kind, r, stage, requiredPaths)),
        nextCursor: rows.length > take && last ? encodeColumnCursor({ position: last.position, createdAt: last.created_key, id: last.id }) : null,
      };
    });
    return { kind, pipeline, columns, members, generatedAt: new Date().toISOString() };
  });
}

export interface ColumnPageParams {
  pipelineId: string;
  stageId: string;
  cursor: string;
  filters?: BoardFilters;
  limit?: number;
}

/** "Load more" for one column: the cards after the cursor, in board order. */
export async function loadColumnPage(ctx: TenantContext, kind: BoardKind, params: ColumnPageParams): Promise<ColumnPage> {
  const t = tableOf(RECORD_KINDS[kind]);
  const limit = clampLimit(params.limit);
  const cursor = decodeColumnCursor(params.cursor);
  return withTenant(ctx, async (tx) => {
    const pipeline = await loadPipeline(tx, ctx, kind, params.pipelineId);
    const stage = pipeline.stages.find((s) => s.id === params.stageId);
    if (!stage) throw new AppError("bad-request", "stage is not a stage of this pipeline");
    const requiredPaths = requiredPathsOf(pipeline);
    const rows = await tx.execute<CardRow>(
      cardsOf(
        kind,
        ctx.tenantId,
        sql.raw(stage.stageState === "DONE_FAILED" ? "true" : "false"),
        requiredPaths,
        sql`select ${t.id} from ${t}
          where ${recordScope(ctx, kind, params.pipelineId, params.filters ?? {})} and ${t.stageId} = ${stage.id}::uuid and ${afterCursor(kind, cursor)}
          order by ${cardOrder(kind)}
          limit ${limit + 1}`,
      ),
    );
    const page = [...rows].slice(0, limit);
    const last = page[page.length - 1];
    return {
      stageId: stage.id,
      cards: page.map((r) => toCard(kind, r, stage, requiredPaths)),
      nextCursor: rows.length > limit && last ? encodeColumnCursor({ position: last.position, createdAt: last.created_key, id: last.id }) : null,
    };
  });
}

/** For the table view: the pipeline's stages and the members, to name stages and owners. */
export async function loadBoardMeta(ctx: TenantContext, kind: BoardKind, pipelineId: string): Promise<{ pipeline: BoardPipeline; members: BoardMember[] }> {
  return withTenant(ctx, async (tx) => ({ pipeline: await loadPipeline(tx, ctx, kind, pipelineId), members: await loadMembers(tx, ctx) }));
}
