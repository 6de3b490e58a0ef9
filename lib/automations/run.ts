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
import "server-only";
import { and, eq, getTableName, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { automationActionExecutions as executions, automationActions, automationExecutionAttempts as attempts, domainEvents, type AutomationAction, type AutomationActionExecution } from "@/db/schema";
import { env } from "@/lib/env";
import { serializeRecord, type RecordRow } from "@/lib/records/service";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant, withTenantPipelined } from "@/lib/tenancy/with-tenant";
import { rowMapper } from "@/db/rows";
import { RECORD_KINDS, tableOf } from "@/lib/records/registry";
import { runAiWorker } from "./ai-worker";
import { excerpt } from "./http";
import { failed, type Outcome } from "./outcome";
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

/** Exponential backoff with jitter (half fixed, half random), or the receiver's Retry-After when longer; at most an hour. */
export function retryDelayMs(attemptNo: number, retryAfter: number | null | undefined, random = Math.random()): number {
  const d = env.WEBHOOK_BACKOFF_MS * 2 ** (attemptNo - 1);
  return Math.min(Math.max(d / 2 + (random * d) / 2, retryAfter ?? 0), 3_600_000);
}

/** The event's change without the record and actor: what moved, what changed, which list. */
export function changeOf(payload: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!payload) return null;
  const { record: _r, actor: _a, title: _t, ...change } = payload;
  return Object.keys(change).length ? change : null;
}

/** The lease of an attempt, in SQL over the automation `a`: the action's own timeout (webhooks) or a minute, plus the margin. */
const LEASE_MS_SQL = `(case when a.action_type = 'WEBHOOK' then least(coalesce(case when a.config_json->>'timeoutMs' ~ '^[0-9]{1,9}$' then (a.config_json->>'timeoutMs')::int end, ${WEBHOOK_TIMEOUT.defaultMs}), ${WEBHOOK_TIMEOUT.maxMs}) else 60000 end + ${LEASE_MARGIN_MS})`;

/** When a claim of automation `actionId` made now expires (the dispatch's claims, in Drizzle). */
export const leaseEnd = (tenantId: string, actionId: string) =>
  sql`now() + (select ${sql.raw(LEASE_MS_SQL)} from ${automationActions} a where a.tenant_id = ${tenantId} and a.id = ${actionId}) * interval '1 millisecond'`;

/** An attempt in hand: its execution claimed (IN_PROGRESS, leased, attempt row written) and what it needs. */
export interface Claimed {
  execution: AutomationActionExecution;
  automation: AutomationAction;
  record: Record<string, unknown> | null;
  change: Record<string, unknown> | null;
  occurredAt: Date;
  attemptId: string;
}

const decodeExecution = rowMapper(executions);
const decodeAutomation = rowMapper(automationActions);
const decodeEvent = rowMapper(domainEvents);

/**
 * Claims a PENDING execution: IN_PROGRESS, attempts + 1, a lease, an attempt row, and
 * reads what the attempt needs — two round trips (withTenantPipelined), the claim and
 * its reads in the first, the record with COMMIT in the second. Each delivery claims and
 * finishes once, so these are written in postgres.js directly, like moveRecord.
 */
async function claim(ctx: TenantContext, executionId: string): Promise<Claimed | null> {
  return withTenantPipelined(ctx, async ({ sql, commit }) => {
    const t = ctx.tenantId;
    const ofExecution = (column: string) => sql`(select ${sql(column)} from automation_action_executions where tenant_id = ${t} and id = ${executionId})`;
    const [claimed, [automation], [event]] = await Promise.all([
      sql`
        with claimed as (
          update automation_action_executions e
          set status = 'IN_PROGRESS', attempts = e.attempts + 1, started_at = coalesce(e.started_at, now()), completed_at = null,
              next_attempt_at = now() + ${sql.unsafe(LEASE_MS_SQL)} * interval '1 millisecond'
          from automation_actions a
          where e.tenant_id = ${t} and e.id = ${executionId} and e.status = 'PENDING' and a.tenant_id = e.tenant_id and a.id = e.action_id
          returning e.*
        ), attempt as (
          insert into automation_execution_attempts (tenant_id, execution_id, attempt_no, started_at)
          select c.tenant_id, c.id, (select coalesce(max(attempt_no), 0) + 1 from automation_execution_attempts where tenant_id = ${t} and execution_id = ${executionId}), now()
          from claimed c
          returning id
        )
        select c.*, attempt.id as claimed_attempt_id from claimed c, attempt`,
      sql`select * from automation_actions where tenant_id = ${t} and id = ${ofExecution("action_id")}`,
      sql`select * from domain_events where tenant_id = ${t} and id = ${ofExecution("event_id")}`,
    ]);
    const [row] = claimed;
    if (!row || !automation) {
      await commit(); // done, or another worker has it: nothing was written
      return null;
    }
    const execution = decodeExecution(row);
    const table = RECORD_KINDS[execution.entityType as AutomationEntityType];
    const [[record]] = await commit<[Record<string, unknown>[]]>(sql`select * from ${sql(getTableName(tableOf(table)))} where tenant_id = ${t} and id = ${execution.entityId}`);
    const ev = event ? decodeEvent(event) : null;
    return {
      execution,
      automation: decodeAutomation(automation),
      record: record ? rowMapper(tableOf(table))(record) : null,
      change: changeOf(ev?.payload),
      occurredAt: ev?.occurredAt ?? execution.triggeredAt,
      attemptId: row.claimed_attempt_id as string,
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
  const t = ctx.tenantId;
  const request = o.request ?? c.execution.request;
  // one round trip: both updates with BEGIN and COMMIT (timestamps and jsonb go as text: db/client.ts)
  await withTenantPipelined(ctx, ({ sql, commit }) =>
    commit(
      sql`update automation_execution_attempts set completed_at = now(), response_code = ${o.responseCode ?? null}, error_message = ${o.error ?? null}
          where tenant_id = ${t} and id = ${c.attemptId} and completed_at is null`,
      sql`update automation_action_executions set
            status = ${retry ? "PENDING" : o.result === "succeeded" ? "SUCCEEDED" : "FAILED"},
            response_code = ${o.responseCode ?? null},
            response_body = ${o.responseBody ? excerpt(o.responseBody) : null},
            error_message = ${o.result === "succeeded" ? null : error},
            request = ${request === null || request === undefined ? null : JSON.stringify(request)},
            next_attempt_at = ${retry ? new Date(Date.now() + retryDelayMs(attemptNo, o.retryAfterMs)).toISOString() : null},
            completed_at = ${retry ? null : sql`now()`}
          -- a late finisher whose lease the sweep took over records nothing
          where tenant_id = ${t} and id = ${c.execution.id} and status = 'IN_PROGRESS' and attempts = ${attemptNo}`,
    ),
  );
}

/** One attempt of one execution (a no-op unless it is PENDING). */
export async function runExecution(tenantId: string, executionId: string, opts: { guard?: RequestFilteringAgentOptions } = {}): Promise<void> {
  const ctx: TenantContext = { tenantId, actor: systemActor("AUTOMATION") };
  const claimed = await claim(ctx, executionId);
  if (claimed) await runClaimed(ctx, claimed, opts);
}

/** Performs a claimed attempt and records its outcome. */
export async function runClaimed(ctx: TenantContext, claimed: Claimed, opts: { guard?: RequestFilteringAgentOptions } = {}): Promise<void> {
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
