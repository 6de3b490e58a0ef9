// Running one execution (the worker's `run_automation_execution` job), and the sweep
// that recovers executions a crashed worker left behind.
//
// Delivery is at-least-once with an idempotency key, never "exactly once": an attempt
// is claimed (PENDING → IN_PROGRESS, attempts + 1, an attempt row, a lease in
// next_attempt_at) and COMMITTED before the side effect, then the outcome is recorded
// in a second transaction. If the worker dies in between, the sweep finds the expired
// lease and puts the execution back to PENDING, and it runs once more — with the same
// webhook-id (the execution key), so a receiver that de-duplicates on it sees one
// delivery. Two attempts never run at once: only a PENDING row can be claimed, and the
// lease outlives the longest attempt (timeout + margin), so the sweep never re-queues a
// live one; a late finisher whose lease was taken over records nothing.
//
// Retries (WEBHOOK, AIWORKER) are new jobs due at next_attempt_at (exponential backoff
// with jitter from WEBHOOK_BACKOFF_MS, or Retry-After when longer), never a sleep
// inside a job; at most MAX_ATTEMPTS.
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { automationActionExecutions as executions, automationActions, automationExecutionAttempts as attempts, domainEvents, type AutomationAction, type AutomationActionExecution } from "@/db/schema";
import { serializeRecord, type RecordRow } from "@/lib/records/service";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { runAiWorker } from "./ai-worker";
import { excerpt } from "./http";
import { failed, type Outcome } from "./outcome";
import { loadRecordRow } from "./plan";
import { runPublish } from "./publish";
import { WEBHOOK_TIMEOUT, webhookConfigSchema, type AutomationEntityType } from "./schemas";
import { deliverWebhook, signedWebhookRequest, webhookBody, type WebhookRequest } from "./webhook";
import { runWorkflow } from "./workflow";
import type { RequestFilteringAgentOptions } from "request-filtering-agent";

export const MAX_ATTEMPTS = 5;
/** How long an attempt may hold its execution beyond its own timeout before the sweep takes it back. */
const LEASE_MARGIN_MS = 60_000;
/** A PENDING execution whose job should long have run (lost job): queue it again. */
const STALE_PENDING_MS = 5 * 60_000;

const backoffBase = () => {
  const n = Number(process.env.WEBHOOK_BACKOFF_MS ?? 1000);
  return Number.isFinite(n) && n >= 0 ? n : 1000;
};

/** Exponential backoff with jitter (half fixed, half random), or the receiver's Retry-After when longer; at most an hour. */
export function retryDelayMs(attemptNo: number, retryAfter: number | null | undefined, random = Math.random()): number {
  const d = backoffBase() * 2 ** (attemptNo - 1);
  return Math.min(Math.max(d / 2 + (random * d) / 2, retryAfter ?? 0), 3_600_000);
}

/** The event's change without the record and actor: what moved, what changed, which list. */
export function changeOf(payload: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!payload) return null;
  const { record: _r, actor: _a, title: _t, ...change } = payload;
  return Object.keys(change).length ? change : null;
}

const leaseMs = (a: AutomationAction) =>
  (a.actionType === "WEBHOOK" ? Math.min(Number(a.configJson.timeoutMs ?? WEBHOOK_TIMEOUT.defaultMs), WEBHOOK_TIMEOUT.maxMs) : 60_000) + LEASE_MARGIN_MS;

interface Claimed {
  execution: AutomationActionExecution;
  automation: AutomationAction;
  record: Record<string, unknown> | null;
  change: Record<string, unknown> | null;
  occurredAt: Date;
  attemptId: string;
}

async function claim(ctx: TenantContext, executionId: string): Promise<Claimed | null> {
  return withTenant(ctx, async (tx) => {
    const [automation] = await tx
      .select({ a: automationActions })
      .from(executions)
      .innerJoin(automationActions, and(eq(automationActions.tenantId, executions.tenantId), eq(automationActions.id, executions.actionId)))
      .where(and(eq(executions.tenantId, ctx.tenantId), eq(executions.id, executionId)));
    if (!automation) return null;
    const [execution] = await tx
      .update(executions)
      .set({
        status: "IN_PROGRESS",
        attempts: sql`${executions.attempts} + 1`,
        startedAt: sql`coalesce(${executions.startedAt}, now())`,
        completedAt: null,
        nextAttemptAt: sql`now() + ${leaseMs(automation.a)} * interval '1 millisecond'`,
      })
      .where(and(eq(executions.tenantId, ctx.tenantId), eq(executions.id, executionId), eq(executions.status, "PENDING")))
      .returning();
    if (!execution) return null; // done, or another worker has it
    const [attempt] = await tx
      .insert(attempts)
      .values({
        tenantId: ctx.tenantId,
        executionId,
        attemptNo: sql`(select coalesce(max(${attempts.attemptNo}), 0) + 1 from ${attempts} where ${attempts.tenantId} = ${ctx.tenantId}::uuid and ${attempts.executionId} = ${executionId}::uuid)`,
        startedAt: sql`now()`,
      })
      .returning({ id: attempts.id });
    const [event] = execution.eventId
      ? await tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, ctx.tenantId), eq(domainEvents.id, execution.eventId)))
      : [];
    const row = await loadRecordRow(tx, ctx, execution.entityType as AutomationEntityType, execution.entityId);
    return {
      execution,
      automation: automation.a,
      record: row,
      change: changeOf(event?.payload),
      occurredAt: event?.occurredAt ?? execution.triggeredAt,
      attemptId: attempt!.id,
    };
  });
}

/** The webhook's body is fixed at its first attempt, so every retry and redelivery sends the same bytes. */
async function webhookRequest(ctx: TenantContext, c: Claimed): Promise<{ body: string }> {
  const stored = c.execution.request as Partial<WebhookRequest> | null;
  if (stored?.body) return { body: stored.body };
  const body = webhookBody({
    tenantId: ctx.tenantId,
    automationId: c.automation.id,
    executionId: c.execution.id,
    triggerEvent: c.execution.triggerEvent,
    occurredAt: c.occurredAt,
    entityType: c.execution.entityType,
    entityId: c.execution.entityId,
    record: c.record ? serializeRecord(c.record as RecordRow) : null,
    change: c.change,
  });
  return { body };
}

async function perform(ctx: TenantContext, c: Claimed, guard?: RequestFilteringAgentOptions): Promise<Outcome> {
  const a = c.automation;
  switch (a.actionType) {
    case "WEBHOOK": {
      const config = webhookConfigSchema.safeParse(a.configJson);
      if (!config.success) return failed("The webhook's configuration is not valid; edit the automation");
      const { body } = await webhookRequest(ctx, c);
      return deliverWebhook(config.data, signedWebhookRequest(config.data, c.execution.executionKey, body), guard);
    }
    case "WORKFLOW":
      return runWorkflow(a, c.execution.entityId, c.record);
    case "AIWORKER":
      return runAiWorker(a, c.execution.entityId, c.record);
    case "EVENT":
      return runPublish(ctx, a, {
        executionId: c.execution.id,
        triggerEvent: c.execution.triggerEvent,
        entityType: c.execution.entityType,
        entityId: c.execution.entityId,
        record: c.record ? serializeRecord(c.record as RecordRow) : null,
        change: c.change,
      });
  }
}

async function finish(ctx: TenantContext, c: Claimed, o: Outcome): Promise<void> {
  const attemptNo = c.execution.attempts;
  const retry = o.result === "retry" && attemptNo < MAX_ATTEMPTS;
  const error = o.result === "retry" && !retry ? `Gave up after ${attemptNo} attempts: ${o.error}` : (o.error ?? null);
  await withTenant(ctx, async (tx) => {
    await tx
      .update(attempts)
      .set({ completedAt: sql`now()`, responseCode: o.responseCode ?? null, errorMessage: o.error ?? null })
      .where(and(eq(attempts.tenantId, ctx.tenantId), eq(attempts.id, c.attemptId), isNull(attempts.completedAt)));
    await tx
      .update(executions)
      .set({
        status: retry ? "PENDING" : o.result === "succeeded" ? "SUCCEEDED" : "FAILED",
        responseCode: o.responseCode ?? null,
        responseBody: o.responseBody ? excerpt(o.responseBody) : null,
        errorMessage: o.result === "succeeded" ? null : error,
        request: o.request ?? c.execution.request,
        nextAttemptAt: retry ? new Date(Date.now() + retryDelayMs(attemptNo, o.retryAfterMs)) : null,
        completedAt: retry ? null : sql`now()`,
      })
      // a late finisher whose lease the sweep took over records nothing
      .where(and(eq(executions.tenantId, ctx.tenantId), eq(executions.id, c.execution.id), eq(executions.status, "IN_PROGRESS"), eq(executions.attempts, attemptNo)));
  });
}

/** One attempt of one execution (a no-op unless it is PENDING). */
export async function runExecution(tenantId: string, executionId: string, opts: { guard?: RequestFilteringAgentOptions } = {}): Promise<void> {
  const ctx: TenantContext = { tenantId, actor: systemActor("AUTOMATION") };
  const claimed = await claim(ctx, executionId);
  if (!claimed) return;
  let outcome: Outcome;
  try {
    outcome = await perform(ctx, claimed, opts.guard);
  } catch (err) {
    outcome = failed(err instanceof Error ? err.message : String(err));
  }
  await finish(ctx, claimed, outcome);
}

/**
 * One tenant's sweep: executions whose lease expired go back to PENDING (their insert/
 * update trigger queues a job), or FAILED when that was their last attempt; PENDING ones
 * whose job never ran are queued again. Returns how many were recovered.
 */
export async function recoverTenantExecutions(ctx: TenantContext): Promise<number> {
  return withTenant(ctx, async (tx) => {
    const expired = await tx
      .update(executions)
      .set({
        status: sql`case when ${executions.attempts} >= ${MAX_ATTEMPTS} then 'FAILED'::action_execution_status else 'PENDING'::action_execution_status end`,
        errorMessage: sql`case when ${executions.attempts} >= ${MAX_ATTEMPTS} then 'The worker stopped during the last attempt' else ${executions.errorMessage} end`,
        completedAt: sql`case when ${executions.attempts} >= ${MAX_ATTEMPTS} then now() end`,
        nextAttemptAt: sql`case when ${executions.attempts} >= ${MAX_ATTEMPTS} then null else now() end`,
      })
      .where(and(eq(executions.tenantId, ctx.tenantId), eq(executions.status, "IN_PROGRESS"), lt(executions.nextAttemptAt, sql`now()`)))
      .returning({ id: executions.id });
    if (expired.length) {
      await tx
        .update(attempts)
        .set({ completedAt: sql`now()`, errorMessage: "Interrupted: the worker stopped during this attempt" })
        .where(and(eq(attempts.tenantId, ctx.tenantId), isNull(attempts.completedAt), inArray(attempts.executionId, expired.map((e) => e.id))));
    }
    const stale = await tx
      .update(executions)
      .set({ nextAttemptAt: sql`now()` })
      .where(
        and(
          eq(executions.tenantId, ctx.tenantId),
          eq(executions.status, "PENDING"),
          or(lt(executions.nextAttemptAt, sql`now() - ${STALE_PENDING_MS} * interval '1 millisecond'`), and(isNull(executions.nextAttemptAt), lt(executions.triggeredAt, sql`now() - ${STALE_PENDING_MS} * interval '1 millisecond'`))),
        ),
      )
      .returning({ id: executions.id });
    return expired.length + stale.length;
  });
}

/** Every minute: executions a crashed worker left IN_PROGRESS, or whose job was lost, run again. */
export const AUTOMATIONS_CRONTAB = "* * * * * recover_automation_executions";

/** The periodic sweep across tenants (worker crontab). */
export async function recoverExecutions(): Promise<number> {
  const rows = await db().execute<{ id: string }>(sql`select worker_tenant_ids() as id`);
  let n = 0;
  for (const { id } of rows) n += await recoverTenantExecutions({ tenantId: id, actor: systemActor("AUTOMATION") });
  return n;
}
