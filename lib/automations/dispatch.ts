// The automations consumer: every committed domain event is planned (plan.ts) and each
// automation it fires becomes one execution row, keyed `${automationId}:${eventId}` and
// inserted ON CONFLICT DO NOTHING, so a duplicated or retried event never runs an action
// twice. Dispatched by the relay, the new executions are claimed as they are written and
// run right after the event's transaction commits, one after the other in priority order
// (no job each); otherwise the row's insert trigger queues a job per PENDING execution in
// this same transaction, in priority order.
import "server-only";
import { sql } from "drizzle-orm";
import { automationActionExecutions as executions, automationExecutionAttempts as attempts } from "@/db/schema";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import type { EventConsumer } from "@/lib/events/dispatcher";
import { isAutomationEvent, planEvent, type PlannedRun } from "./plan";
import { changeOf, leaseEnd, runClaimed } from "./run";

export const executionKeyOf = (automationId: string, eventId: string) => `${automationId}:${eventId}`;

export const automationsConsumer: EventConsumer = {
  name: "automations",
  handles: (e) => isAutomationEvent(e),
  async handle(tx, ctx, event, afterCommit) {
    const plan = await planEvent(tx, ctx, event);
    // A rule whose stored condition no longer validates is logged as FAILED (no job), so
    // the admin sees why it did not run; rules that do not match leave no trace.
    const runs = plan.filter((p) => p.fires || p.invalidCondition);
    if (runs.length === 0) return;
    // Run here (after commit): each new execution is claimed as it is written — IN_PROGRESS,
    // first attempt, leased — so it needs no job; should the worker stop before it is done,
    // the sweep takes the expired lease back (run.ts).
    const inline = afterCommit !== undefined;
    const claim = (p: PlannedRun) => inline && p.fires;
    const rows = await tx
      .insert(executions)
      .values(
        runs.map((p) => ({
          tenantId: ctx.tenantId,
          actionId: p.rule.id,
          eventId: event.id,
          entityType: p.rule.entityType,
          entityId: p.trigger.entityId,
          pipelineId: p.trigger.pipelineId,
          fromStageId: p.trigger.fromStageId,
          toStageId: p.trigger.toStageId,
          listId: p.trigger.listId,
          triggerEvent: p.trigger.triggerEvent,
          executionKey: executionKeyOf(p.rule.id, event.id),
          status: !p.fires ? ("FAILED" as const) : claim(p) ? ("IN_PROGRESS" as const) : ("PENDING" as const),
          attempts: claim(p) ? 1 : 0,
          startedAt: claim(p) ? sql`now()` : null,
          nextAttemptAt: claim(p) ? leaseEnd(ctx.tenantId, p.rule.id) : null,
          errorMessage: p.fires ? null : `Not run: ${p.reason}`,
          completedAt: p.fires ? null : sql`now()`,
        })),
      )
      .onConflictDoNothing() // this event already ran this rule
      .returning();
    const claimed = rows.filter((r) => r.status === "IN_PROGRESS"); // in the order of `runs`
    if (!afterCommit || claimed.length === 0) return;
    const attemptIds = await tx
      .insert(attempts)
      .values(claimed.map((r) => ({ tenantId: ctx.tenantId, executionId: r.id, attemptNo: 1, startedAt: sql`now()` })))
      .returning({ id: attempts.id, executionId: attempts.executionId });
    const attemptOf = new Map(attemptIds.map((a) => [a.executionId, a.id]));
    const planOf = new Map(runs.map((p) => [p.rule.id, p]));
    const runCtx: TenantContext = { tenantId: ctx.tenantId, actor: systemActor("AUTOMATION") };
    const change = changeOf(event.payload);
    afterCommit(async () => {
      // one after the other, in priority order
      for (const execution of claimed) {
        const p = planOf.get(execution.actionId)!;
        await runClaimed(runCtx, {
          execution,
          automation: p.rule,
          record: p.record ?? null,
          change,
          occurredAt: event.occurredAt,
          attemptId: attemptOf.get(execution.id)!,
        });
      }
    });
  },
};
