// Test helpers of the analytics (tests only): a deal history generated at random — moves
// forward and backward, won and lost, reopened, moved to another pipeline, deleted — written
// straight into the tables (records and stage_history, consistent with each other), and an
// independent in-memory computation of each figure from those rows, to check the SQL with.
import { and, eq } from "drizzle-orm";
import { deals, pipelines, pipelineStages, stageHistory } from "@/db/schema";
import { createPipeline } from "@/lib/pipelines/pipeline-service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";

export interface GenStage {
  id: string;
  pipelineId: string;
  displayOrder: number;
  stageState: string;
  probability: number;
}
export interface GenRow {
  entityId: string;
  pipelineId: string;
  fromStageId: string | null;
  toStageId: string;
  changedAt: Date;
}
export interface GenDeal {
  id: string;
  createdAt: Date;
  deletedAt: Date | null;
  amount: number;
  forecastProbability: number;
  rows: GenRow[];
}
export interface GenWorld {
  mainPipelineId: string;
  otherPipelineId: string;
  stages: GenStage[];
  deals: GenDeal[];
}

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

/**
 * `count` deals of the tenant's default deal pipeline and a second one ("Renewals"), each
 * with a history of moves spread over `days` days before `now`. Some deals are deleted.
 */
export async function generateDealHistory(ctx: TenantContext, opts: { seed: number; count: number; days: number; now?: Date }): Promise<GenWorld> {
  const rnd = prng(opts.seed);
  const now = opts.now ?? new Date();
  const other = await createPipeline(ctx, {
    name: `Renewals ${opts.seed}`,
    objectType: "DEAL",
    stages: [
      { name: "Review", stageState: "NOT_STARTED", probability: 0.2 },
      { name: "Offer", stageState: "IN_PROGRESS", probability: 0.6 },
      { name: "Renewed", stageState: "DONE_SUCCESS", probability: 1 },
      { name: "Churned", stageState: "DONE_FAILED", probability: 0 },
    ],
  });
  return withTenant(ctx, async (tx) => {
    const [main] = await tx.select().from(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, "DEAL"), eq(pipelines.isDefault, true)));
    const stageRows = await tx.select().from(pipelineStages).where(eq(pipelineStages.tenantId, ctx.tenantId));
    const stages: GenStage[] = stageRows
      .filter((s) => s.pipelineId === main!.id || s.pipelineId === other.id)
      .map((s) => ({ id: s.id, pipelineId: s.pipelineId, displayOrder: s.displayOrder, stageState: s.stageState, probability: Number(s.probability) }));
    const of = (pid: string) => stages.filter((s) => s.pipelineId === pid).sort((a, b) => a.displayOrder - b.displayOrder);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const out: GenDeal[] = [];
    for (let i = 0; i < opts.count; i++) {
      const createdAt = new Date(now.getTime() - rnd() * opts.days * DAY);
      let pipelineId = rnd() < 0.8 ? main!.id : other.id;
      let stage = of(pipelineId)[0]!;
      const rows: GenRow[] = [{ entityId: "", pipelineId, fromStageId: null, toStageId: stage.id, changedAt: createdAt }];
      let at = createdAt.getTime();
      const moves = Math.floor(rnd() * 7);
      for (let m = 0; m < moves; m++) {
        at += rnd() * 25 * DAY;
        if (at >= now.getTime()) break;
        const r = rnd();
        let next: GenStage;
        if (r < 0.1) {
          // to the other pipeline
          pipelineId = pipelineId === main!.id ? other.id : main!.id;
          next = pick(of(pipelineId));
        } else {
          const here = of(pipelineId);
          const idx = here.findIndex((s) => s.id === stage.id);
          if (stage.stageState.startsWith("DONE") || r < 0.25) next = pick(here.filter((s) => s.id !== stage.id)); // reopen, or any jump (backward too)
          else next = here[Math.min(idx + 1 + (r < 0.5 ? 0 : Math.floor(rnd() * 2)), here.length - 1)]!;
        }
        if (next.id === stage.id) continue;
        rows.push({ entityId: "", pipelineId, fromStageId: stage.id, toStageId: next.id, changedAt: new Date(at) });
        stage = next;
      }
      const last = rows[rows.length - 1]!;
      const deleted = rnd() < 0.1 ? new Date(Math.min(now.getTime() - 1000, last.changedAt.getTime() + rnd() * 10 * DAY)) : null;
      const amount = Math.round(rnd() * 100_000) / 100;
      const forecastProbability = Math.round(rnd() * 100) / 100;
      const [d] = await tx
        .insert(deals)
        .values({
          tenantId: ctx.tenantId,
          name: `Deal ${opts.seed}-${i}`,
          amount: amount.toFixed(2),
          forecastProbability: forecastProbability.toFixed(2),
          pipelineId: last.pipelineId,
          stageId: last.toStageId,
          stageEnteredAt: last.changedAt,
          createdAt,
          deletedAt: deleted,
          status: stage.stageState === "DONE_SUCCESS" ? "won" : stage.stageState === "DONE_FAILED" ? "lost" : "open",
        })
        .returning({ id: deals.id });
      for (const row of rows) row.entityId = d!.id;
      // in order: the seq trigger numbers a record's rows as they are written
      await tx.insert(stageHistory).values(rows.map((row) => ({ tenantId: ctx.tenantId, entityType: "DEAL" as const, entityId: d!.id, pipelineId: row.pipelineId, fromStageId: row.fromStageId, toStageId: row.toStageId, changedAt: row.changedAt, source: "IMPORT" as const })));
      out.push({ id: d!.id, createdAt, deletedAt: deleted, amount, forecastProbability, rows });
    }
    return { mainPipelineId: main!.id, otherPipelineId: other.id, stages, deals: out };
  });
}

/** Where each deal stood at `at` (its last row before it), or null; deleted per `deleted`. */
export function stageAt(deal: GenDeal, at: Date): GenRow | null {
  const before = deal.rows.filter((r) => r.changedAt < at);
  return before.length ? before[before.length - 1]! : null;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : null);

/** The figures of API.md "Analytics", computed in memory from the generated rows. */
export function expectedMetrics(world: GenWorld, pipelineId: string, start: Date, end: Date, now: Date) {
  const stages = world.stages.filter((s) => s.pipelineId === pipelineId).sort((a, b) => a.displayOrder - b.displayOrder);
  const stageOf = new Map(world.stages.map((s) => [s.id, s]));
  const live = world.deals.filter((d) => !d.deletedAt);
  const inPeriod = (t: Date) => t >= start && t < end;
  const atEnd = live.map((d) => ({ d, row: d.createdAt < end ? stageAt(d, end) : null })).filter((x) => x.row && stageOf.get(x.row.toStageId)?.pipelineId === pipelineId);
  const stateOf = (x: { row: GenRow | null }) => stageOf.get(x.row!.toStageId)!.stageState;
  const won = atEnd.filter((x) => stateOf(x) === "DONE_SUCCESS" && inPeriod(x.row!.changedAt));
  const lost = atEnd.filter((x) => stateOf(x) === "DONE_FAILED" && inPeriod(x.row!.changedAt));
  const active = atEnd.filter((x) => !stateOf(x).startsWith("DONE"));
  const money = (xs: { d: GenDeal }[], f: (d: GenDeal) => number = (d) => d.amount) => Math.round(sum(xs.map((x) => f(x.d))) * 100) / 100;
  const periodRows = live.flatMap((d) => d.rows.map((r, i) => ({ r, i, d }))).filter(({ r }) => inPeriod(r.changedAt));
  const until = Math.min(end.getTime(), now.getTime());
  const next = (s: GenStage) => stages.find((n) => n.displayOrder > s.displayOrder && n.stageState !== "DONE_FAILED");
  const moves = periodRows.filter(({ r }) => r.fromStageId && stageOf.get(r.fromStageId)?.pipelineId === pipelineId && stageOf.get(r.toStageId)?.pipelineId === pipelineId);
  return {
    created: live.filter((d) => inPeriod(d.createdAt) && d.rows[0]!.pipelineId === pipelineId).length,
    won: won.length,
    lost: lost.length,
    active: active.length,
    pipelineValue: money(active),
    weightedValue: money(active, (d) => d.amount * d.forecastProbability),
    wonValue: money(won),
    lostValue: money(lost),
    averageCycleDays: mean(won.map((x) => (x.row!.changedAt.getTime() - x.d.createdAt.getTime()) / DAY)),
    winRate: won.length + lost.length ? won.length / (won.length + lost.length) : null,
    movedForward: moves.filter(({ r }) => stageOf.get(r.toStageId)!.displayOrder > stageOf.get(r.fromStageId!)!.displayOrder).length,
    movedBackward: moves.filter(({ r }) => stageOf.get(r.toStageId)!.displayOrder < stageOf.get(r.fromStageId!)!.displayOrder).length,
    stages: stages.map((s) => {
      const entries = periodRows.filter(({ r }) => r.toStageId === s.id);
      const n = next(s);
      return {
        stageId: s.id,
        entered: entries.length,
        exited: periodRows.filter(({ r }) => r.fromStageId === s.id).length,
        averageDays: mean(entries.map(({ r, i, d }) => (Math.min(d.rows[i + 1]?.changedAt.getTime() ?? until, until) - r.changedAt.getTime()) / DAY)),
        conversionToNext: n && entries.length ? entries.filter(({ i, d }) => d.rows.slice(i + 1).some((l) => l.toStageId === n.id && l.changedAt < end)).length / entries.length : null,
      };
    }),
  };
}
