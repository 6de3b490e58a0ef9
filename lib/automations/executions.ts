// The execution log: per automation and across all, newest first (keyset), each
// execution's detail (event, request, response, attempts), retry of a FAILED one and
// redelivery of a selection. Requeuing sets the row back to PENDING: its trigger
// (migration 0010) queues the job, and the webhook-id stays the execution key.
import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { automationActionExecutions as executions, automationActions, automationExecutionAttempts as attempts, domainEvents, type AutomationActionExecution } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { watchTargetTitles } from "@/lib/watchers/targets";
import { decodeTimeCursor, encodeTimeCursor, microsOf, olderThan } from "@/lib/timeline/keyset";
import { requestForLog } from "./masking";
import { executionsQuerySchema, type ActionType, type ExecutionDto, type ExecutionsQuery } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toExecutionDto(r: AutomationActionExecution): ExecutionDto {
  return {
    id: r.id,
    automationId: r.actionId,
    executionKey: r.executionKey,
    status: r.status,
    attempts: r.attempts,
    responseCode: r.responseCode,
    errorMessage: r.errorMessage,
    triggerEvent: r.triggerEvent,
    entityType: r.entityType,
    entityId: r.entityId,
    triggeredAt: r.triggeredAt.toISOString(),
    startedAt: iso(r.startedAt),
    completedAt: iso(r.completedAt),
  };
}

/** entityTitle: the record's title now (null once it is deleted). */
export type ExecutionListItem = ExecutionDto & { automationName: string; entityTitle: string | null };

export interface ExecutionDetail extends ExecutionListItem {
  actionType: ActionType;
  /** What was sent: url, headers (signature, never the secret; custom header values masked), body. */
  request: unknown;
  responseBody: string | null;
  event: { id: string; type: string; occurredAt: string; payload: unknown } | null;
  attemptLog: { attemptNo: number; startedAt: string; completedAt: string | null; responseCode: number | null; errorMessage: string | null; durationMs: number | null }[];
}

export async function listExecutions(ctx: TenantContext, query: ExecutionsQuery = {}): Promise<{ data: ExecutionListItem[]; nextCursor: string | null }> {
  const q = executionsQuerySchema.parse(query);
  const cursor = q.cursor ? decodeTimeCursor(q.cursor) : null;
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .select({ e: executions, automationName: automationActions.name, micros: microsOf(executions.triggeredAt) })
      .from(executions)
      .innerJoin(automationActions, and(eq(automationActions.tenantId, executions.tenantId), eq(automationActions.id, executions.actionId)))
      .where(
        and(
          eq(executions.tenantId, ctx.tenantId),
          q.automationId ? eq(executions.actionId, q.automationId) : undefined,
          q.status ? eq(executions.status, q.status) : undefined,
          q.entityType ? eq(executions.entityType, q.entityType) : undefined,
          q.entityId ? eq(executions.entityId, q.entityId) : undefined,
          q.since ? gte(executions.triggeredAt, new Date(q.since)) : undefined,
          q.until ? lte(executions.triggeredAt, new Date(q.until)) : undefined,
          cursor ? olderThan(executions.triggeredAt, executions.id, cursor) : undefined,
        ),
      )
      .orderBy(desc(executions.triggeredAt), desc(executions.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const titles = await watchTargetTitles(tx, ctx.tenantId, page.map((r) => ({ recordType: r.e.entityType, recordId: r.e.entityId })), ctx.actor.userId);
    return {
      data: page.map((r) => ({ ...toExecutionDto(r.e), automationName: r.automationName, entityTitle: titles.get(`${r.e.entityType}:${r.e.entityId}`) ?? null })),
      nextCursor: rows.length > q.limit && last ? encodeTimeCursor({ micros: last.micros, id: last.e.id }) : null,
    };
  });
}

export async function getExecutionDetail(ctx: TenantContext, id: string): Promise<ExecutionDetail> {
  if (!isUuid(id)) throw notFound("Execution");
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .select({ e: executions, automationName: automationActions.name, actionType: automationActions.actionType })
      .from(executions)
      .innerJoin(automationActions, and(eq(automationActions.tenantId, executions.tenantId), eq(automationActions.id, executions.actionId)))
      .where(and(eq(executions.tenantId, ctx.tenantId), eq(executions.id, id)));
    if (!row) throw notFound("Execution");
    const [event] = row.e.eventId
      ? await tx.select().from(domainEvents).where(and(eq(domainEvents.tenantId, ctx.tenantId), eq(domainEvents.id, row.e.eventId)))
      : [];
    const log = await tx
      .select()
      .from(attempts)
      .where(and(eq(attempts.tenantId, ctx.tenantId), eq(attempts.executionId, id)))
      .orderBy(asc(attempts.attemptNo));
    const titles = await watchTargetTitles(tx, ctx.tenantId, [{ recordType: row.e.entityType, recordId: row.e.entityId }], ctx.actor.userId);
    return {
      ...toExecutionDto(row.e),
      automationName: row.automationName,
      entityTitle: titles.get(`${row.e.entityType}:${row.e.entityId}`) ?? null,
      actionType: row.actionType,
      // rows logged before custom headers were masked at write time still hold them
      request: requestForLog(row.e.request ?? null),
      responseBody: row.e.responseBody,
      event: event ? { id: event.id, type: event.eventType, occurredAt: event.occurredAt.toISOString(), payload: event.payload } : null,
      attemptLog: log.map((a) => ({
        attemptNo: a.attemptNo,
        startedAt: a.startedAt.toISOString(),
        completedAt: iso(a.completedAt),
        responseCode: a.responseCode,
        errorMessage: a.errorMessage,
        durationMs: a.completedAt ? a.completedAt.getTime() - a.startedAt.getTime() : null,
      })),
    };
  });
}

/** Back to PENDING with a fresh round of attempts; the trigger queues its job. */
const requeue = {
  status: "PENDING" as const,
  attempts: 0,
  nextAttemptAt: sql`now()`,
  completedAt: null,
};

/** Requeues one FAILED execution (anything else is a 409). */
export async function retryExecution(ctx: TenantContext, id: string): Promise<ExecutionDto> {
  if (!isUuid(id)) throw notFound("Execution");
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .update(executions)
      .set(requeue)
      .where(and(eq(executions.tenantId, ctx.tenantId), eq(executions.id, id), eq(executions.status, "FAILED")))
      .returning();
    if (row) return toExecutionDto(row);
    const [exists] = await tx.select({ status: executions.status }).from(executions).where(and(eq(executions.tenantId, ctx.tenantId), eq(executions.id, id)));
    if (!exists) throw notFound("Execution");
    throw new AppError("conflict", `Only a FAILED execution can be retried; this one is ${exists.status}`);
  });
}

/** Runs finished (FAILED or SUCCEEDED) executions again, under the same execution key / webhook-id. */
export async function redeliverExecutions(ctx: TenantContext, ids: string[]): Promise<{ requeued: number }> {
  const valid = [...new Set(ids.filter((id) => isUuid(id)))];
  if (valid.length === 0) return { requeued: 0 };
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .update(executions)
      .set(requeue)
      .where(and(eq(executions.tenantId, ctx.tenantId), inArray(executions.id, valid), inArray(executions.status, ["FAILED", "SUCCEEDED"])))
      .returning({ id: executions.id });
    return { requeued: rows.length };
  });
}
