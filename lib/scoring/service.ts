// Lead scoring's services: the tenant's configuration (GET|PUT /lead-scoring), one lead's
// score with its breakdown (GET /leads/{id}/score), and the set-based rescoring of some
// leads (the consumer, after a change) or of all of them (the worker, after a PUT).
//
// A score written by rescoring is derived data, not an edit: it bumps neither updatedAt
// nor record_changes (the record's history and the audit log stay the users' own), and
// emits one `lead.scored` event per lead whose score changed (none when it did not), with
// source SYSTEM, so that live views, dynamic lists and webhooks can follow it. "Rescore
// all" writes no per-lead events (200k at once would flood the outbox): it refreshes the
// tenant's dynamic lists once when it ends.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { activities, leadRescoreRuns, leads, leadScoringConfigs, listMemberships, type ScoringRuleJson } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { definitionsNamedIn, definitionsOfOnce } from "@/lib/custom-fields/service";
import { validationError, type ValidationIssue } from "@/lib/errors";
import { emitEvents } from "@/lib/events/emit";
import { filterDependencies } from "@/lib/filters/evaluate";
import { validateFilter, type FilterNode } from "@/lib/filters/schema";
import { refreshAllLists } from "@/lib/lists/dynamic";
import { getRecord } from "@/lib/records/service";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { EMPTY_SCORING, scorer, scoringActive, type ScoredActivityType, type ScoreResult, type ScoringConfig } from "./rules";
import { scoringInputSchema, type ScoringInput } from "./schemas";
import { rescoreStatement, type RescoredRow } from "./sql";

export type RescoreRun = typeof leadRescoreRuns.$inferSelect;

export async function loadScoringConfig(tx: Tx, tenantId: string): Promise<ScoringConfig> {
  const [row] = await tx.select().from(leadScoringConfigs).where(eq(leadScoringConfigs.tenantId, tenantId));
  if (!row) return EMPTY_SCORING;
  return { rules: row.rules.map((r) => ({ ...r, condition: r.condition as FilterNode })), activityPoints: row.activityPoints, decayDays: row.decayDays };
}

export const runJson = (r: RescoreRun | null | undefined) =>
  r ? { id: r.id, status: r.status, total: r.total, processed: r.processed, changed: r.changed, error: r.error, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null } : null;

async function latestRun(tx: Tx, tenantId: string): Promise<RescoreRun | null> {
  const [run] = await tx.select().from(leadRescoreRuns).where(eq(leadRescoreRuns.tenantId, tenantId)).orderBy(desc(leadRescoreRuns.startedAt)).limit(1);
  return run ?? null;
}

const configJson = (c: ScoringConfig, run: RescoreRun | null) => ({ rules: c.rules, activityPoints: c.activityPoints, decayDays: c.decayDays, rescore: runJson(run) });
export type LeadScoringJson = ReturnType<typeof configJson>;

export async function getLeadScoring(ctx: TenantContext): Promise<LeadScoringJson> {
  return withTenant(ctx, async (tx) => configJson(await loadScoringConfig(tx, ctx.tenantId), await latestRun(tx, ctx.tenantId)));
}

/** The latest "rescore all" run, for the settings page's progress bar. */
export async function getRescoreRun(ctx: TenantContext): Promise<ReturnType<typeof runJson>> {
  return withTenant(ctx, async (tx) => runJson(await latestRun(tx, ctx.tenantId)));
}

/**
 * Replaces the configuration and starts rescoring every lead in the background (the
 * run's row queues the worker's job: migration lead_scoring_assignment). Answers at once.
 */
export async function putLeadScoring(ctx: TenantContext, input: ScoringInput): Promise<LeadScoringJson> {
  assertCan(ctx.actor.role, "settings.manage");
  const data = scoringInputSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const customFields = await definitionsOfOnce(tx, ctx.tenantId, "LEAD");
    const issues: ValidationIssue[] = [];
    data.rules.forEach((r, i) => {
      const result = validateFilter("LEAD", r.condition, { customFields });
      if (!result.ok) issues.push(...result.errors.map((e) => ({ ...e, path: e.path.replace(/^filter/, `rules[${i}].condition`) })));
      // a rule reading the score would make each rescore feed the next
      if (JSON.stringify(r.condition).includes('"field":"score"')) issues.push({ path: `rules[${i}].condition`, message: "a scoring rule cannot depend on the score itself" });
    });
    if (issues.length) throw validationError(issues);
    const rules: ScoringRuleJson[] = data.rules.map((r) => ({ id: r.id ?? randomUUID(), label: r.label, condition: r.condition, points: r.points }));
    const activityPoints = Object.fromEntries(Object.entries(data.activityPoints).filter(([, p]) => p !== undefined && p !== 0)) as Record<string, number>;
    const values = { rules, activityPoints, decayDays: data.decayDays ?? null, updatedAt: sql`now()` };
    await tx
      .insert(leadScoringConfigs)
      .values({ tenantId: ctx.tenantId, ...values })
      .onConflictDoUpdate({ target: leadScoringConfigs.tenantId, set: values });
    const [run] = await tx.insert(leadRescoreRuns).values({ tenantId: ctx.tenantId }).returning();
    return configJson(await loadScoringConfig(tx, ctx.tenantId), run!);
  });
}

/**
 * Rescores the live leads of `ids` set-based in the caller's transaction, with a
 * `lead.scored` event for each whose score changed. Nothing when scoring is not set up.
 */
export async function rescoreLeadsIn(tx: Tx, ctx: TenantContext, ids: readonly string[]): Promise<RescoredRow[]> {
  if (!ids.length) return [];
  const config = await loadScoringConfig(tx, ctx.tenantId);
  if (!scoringActive(config)) return [];
  const customFields = await definitionsNamedIn(tx, ctx.tenantId, "LEAD", config.rules);
  const rows = [...(await tx.execute<RescoredRow>(rescoreStatement(config, { tenantId: ctx.tenantId, userId: null, now: new Date(), customFields }, inArray(leads.id, [...ids]))))];
  await emitEvents(
    tx,
    ctx,
    rows.map((r) => ({ type: "lead.scored" as const, entityType: "LEAD" as const, entityId: r.id, payload: { changes: { score: { from: r.old, to: r.score } } } })),
  );
  return rows;
}

export const RESCORE_BATCH = 5000;

/**
 * The worker's "rescore all": every live lead of the tenant, in batches of ids (each its
 * own transaction, so progress shows and a crash resumes cheaply: rescoring is
 * idempotent), recording progress on the run. Returns the finished run.
 */
export async function runRescoreAll(tenantId: string, runId: string, batch = RESCORE_BATCH): Promise<RescoreRun> {
  const ctx: TenantContext = { tenantId, actor: systemActor() };
  const r = leadRescoreRuns;
  const runWhere = and(eq(r.tenantId, tenantId), eq(r.id, runId));
  const live = and(eq(leads.tenantId, tenantId), isNull(leads.deletedAt));
  try {
    const { config, total } = await withTenant(ctx, async (tx) => {
      const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(leads).where(live);
      await tx.update(r).set({ total: n, processed: 0, changed: 0, status: "RUNNING" }).where(runWhere);
      // a newer PUT replaced the job of a run still waiting (one job key per tenant): that run ends here
      await tx
        .update(r)
        .set({ status: "FAILED", error: "replaced by a newer run", finishedAt: sql`now()` })
        .where(and(eq(r.tenantId, tenantId), eq(r.status, "RUNNING"), sql`${r.id} <> ${runId}::uuid`, sql`${r.startedAt} <= (select ${r.startedAt} from ${r} where ${r.tenantId} = ${tenantId}::uuid and ${r.id} = ${runId}::uuid)`));
      return { config: await loadScoringConfig(tx, tenantId), total: n };
    });
    let changed = 0;
    if (scoringActive(config)) {
      const now = new Date();
      let after: string | null = null;
      for (;;) {
        const done: { last: string | null; count: number; changed: number } = await withTenant(ctx, async (tx) => {
          const ids = await tx
            .select({ id: leads.id })
            .from(leads)
            .where(and(live, after ? gt(leads.id, after) : undefined))
            .orderBy(asc(leads.id))
            .limit(batch);
          if (!ids.length) return { last: null, count: 0, changed: 0 };
          const last = ids[ids.length - 1]!.id;
          const customFields = await definitionsNamedIn(tx, tenantId, "LEAD", config.rules);
          const scope = sql`${leads.id} >= ${ids[0]!.id}::uuid and ${leads.id} <= ${last}::uuid`;
          const rows = await tx.execute<RescoredRow>(rescoreStatement(config, { tenantId, userId: null, now, customFields }, scope));
          await tx
            .update(r)
            .set({ processed: sql`least(${r.total}, ${r.processed} + ${ids.length})`, changed: sql`${r.changed} + ${rows.length}` })
            .where(runWhere);
          return { last, count: ids.length, changed: rows.length };
        });
        changed += done.changed;
        if (!done.last || done.count < batch) break;
        after = done.last;
      }
    }
    const [run] = await withTenant(ctx, (tx) => tx.update(r).set({ status: "SUCCEEDED", processed: total, finishedAt: sql`now()` }).where(runWhere).returning());
    if (changed > 0) await refreshAllLists(ctx);
    return run!;
  } catch (err) {
    await withTenant(ctx, (tx) => tx.update(r).set({ status: "FAILED", error: err instanceof Error ? err.message.slice(0, 500) : "failed", finishedAt: sql`now()` }).where(runWhere));
    throw err;
  }
}

/** A lead's score as its rules and activities make it now, with the breakdown (the lead as the actor may read it). */
export async function leadScore(ctx: TenantContext, id: string): Promise<ScoreResult & { stored: number }> {
  const lead = await getRecord(ctx, "LEAD", id);
  return withTenant(ctx, async (tx) => {
    const config = await loadScoringConfig(tx, ctx.tenantId);
    if (!scoringActive(config)) return { score: lead.score as number, total: lead.score as number, breakdown: [], stored: lead.score as number };
    const customFields = await definitionsNamedIn(tx, ctx.tenantId, "LEAD", config.rules);
    const acts = await tx
      .select({ activityType: activities.activityType, activityAt: activities.activityAt })
      .from(activities)
      .where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.recordType, "LEAD"), eq(activities.recordId, id), isNull(activities.deletedAt)));
    const needsLists = config.rules.some((r) => filterDependencies(r.condition).listIds);
    const listIds = needsLists
      ? (await tx.select({ id: listMemberships.listId }).from(listMemberships).where(and(eq(listMemberships.tenantId, ctx.tenantId), eq(listMemberships.memberId, id)))).map((m) => m.id)
      : [];
    const result = scorer(config, { customFields })({ ...lead, listIds }, acts as { activityType: ScoredActivityType; activityAt: Date }[]);
    return { ...result, stored: lead.score as number };
  });
}

/** "Rescore all" with the saved configuration (the settings page's button): queues a run, answers at once. */
export async function startRescoreAll(ctx: TenantContext): Promise<ReturnType<typeof runJson>> {
  assertCan(ctx.actor.role, "settings.manage");
  return withTenant(ctx, async (tx) => {
    const [run] = await tx.insert(leadRescoreRuns).values({ tenantId: ctx.tenantId }).returning();
    return runJson(run);
  });
}

/**
 * API.md: a lead's `score` is read-only while scoring is set up. A create or update that
 * names it is refused then (422 on `score`); without scoring it is an ordinary field.
 */
export async function assertScoreWritable(tx: Tx, tenantId: string, kind: string, data: Record<string, unknown>): Promise<void> {
  if (data.score !== undefined && (await scoreIsComputed(tx, tenantId, kind))) throw scoreNotWritable();
}

/** Whether records of `kind` have their score computed (leads while scoring is set up): one read, for a create of many. */
export async function scoreIsComputed(tx: Tx, tenantId: string, kind: string): Promise<boolean> {
  return kind === "LEAD" && scoringActive(await loadScoringConfig(tx, tenantId));
}

export const scoreNotWritable = () => validationError([{ path: "score", message: "is computed by the lead scoring rules (Settings → Lead scoring) and cannot be set" }]);
