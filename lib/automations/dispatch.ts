// The automations consumer: every committed domain event is planned (plan.ts) and each
// automation it fires becomes one execution row, keyed `${automationId}:${eventId}` and
// inserted ON CONFLICT DO NOTHING, so a duplicated or retried event never runs an action
// twice. Dispatched by the relay, the new executions run right after the event's
// transaction commits, one after the other in priority order (no job each: migration
// 0014); otherwise the row's insert trigger queues a job per execution in this same
// transaction, in priority order.
import { sql } from "drizzle-orm";
import { automationActionExecutions } from "@/db/schema";
import type { EventConsumer } from "@/lib/events/dispatcher";
import { isAutomationEvent, planEvent } from "./plan";
import { runExecution } from "./run";

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
    if (afterCommit) await tx.execute(sql`select set_config('stageline.run_executions_inline', 'on', true)`);
    const inserted = await tx
      .insert(automationActionExecutions)
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
          status: p.fires ? ("PENDING" as const) : ("FAILED" as const),
          errorMessage: p.fires ? null : `Not run: ${p.reason}`,
          completedAt: p.fires ? null : sql`now()`,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: automationActionExecutions.id, status: automationActionExecutions.status });
    const pending = inserted.filter((r) => r.status === "PENDING").map((r) => r.id); // in the order of `runs`
    if (afterCommit && pending.length) {
      afterCommit(async () => {
        for (const id of pending) await runExecution(ctx.tenantId, id);
      });
    }
  },
};
