// From a committed domain event to the automations it fires: the triggers it means
// (stage.changed is a stage.exited and a stage.entered), the rules that match them
// (rules.ts) and whose condition holds for the record as it is now. Read-only: the
// dispatcher (dispatch.ts) turns the plan into executions, the dry run only shows it.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { automationActions, pipelineStages, type AutomationAction, type DomainEvent } from "@/db/schema";
import { definitionsOfOnce } from "@/lib/custom-fields/service";
import { AppError } from "@/lib/errors";
import { compileFilter } from "@/lib/filters/compile";
import { RECORD_KINDS, tableOf } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { perTransaction, type Tx } from "@/lib/tenancy/with-tenant";
import { matchRules, type Trigger } from "./rules";
import { AUTOMATION_ENTITY_TYPES, type AutomationEntityType, type TriggerEvent } from "./schemas";

/** The part of a domain event the plan needs (a dry run makes one up). */
export type EventLike = Pick<DomainEvent, "eventType" | "entityType" | "entityId" | "payload">;

const DIRECT: Record<string, TriggerEvent> = {
  "record.created": "record.created",
  "record.updated": "record.updated",
  "record.deleted": "record.deleted",
  "list.member_added": "list.member_added",
  "list.member_removed": "list.member_removed",
  "activity.created": "activity.created",
  "lead.converted": "lead.converted",
  "email.received": "email.received",
  "email.replied": "email.replied",
  "email.bounced": "email.bounced",
  "email.opened": "email.opened",
  "email.clicked": "email.clicked",
};

export const isAutomationEvent = (e: Pick<DomainEvent, "eventType" | "entityType" | "entityId">) =>
  (e.eventType === "stage.changed" || e.eventType in DIRECT) && !!e.entityId && (AUTOMATION_ENTITY_TYPES as readonly string[]).includes(e.entityType ?? "");

export interface PlannedRun {
  rule: AutomationAction;
  trigger: Trigger;
  /** Why it fires or not (the dry run shows it). */
  reason: string;
  fires: boolean;
  /** The stored condition no longer validates (a custom field was deleted, say). */
  invalidCondition?: boolean;
  /** The record as the plan read it (null once deleted). */
  record?: Record<string, unknown> | null;
}

const str = (v: unknown) => (typeof v === "string" ? v : null);

/** The record (even when in the trash: record.deleted still runs its automations). */
export async function loadRecordRow(tx: Tx, ctx: TenantContext, kind: AutomationEntityType, id: string): Promise<Record<string, unknown> | null> {
  const t = tableOf(RECORD_KINDS[kind]);
  const [row] = await tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, id)));
  return (row as Record<string, unknown> | undefined) ?? null;
}

/** The stages a move names, with whether each inherits its pipeline's automations. */
function stagesOfMove(tx: Tx, ctx: TenantContext, event: EventLike): Promise<{ id: string; inherit: boolean }[]> {
  const p = event.payload ?? {};
  const stageIds = [str(p.fromStageId), str(p.toStageId)].filter((s): s is string => !!s);
  if (event.eventType !== "stage.changed" || stageIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ id: pipelineStages.id, inherit: pipelineStages.inheritPipelineActions })
    .from(pipelineStages)
    .where(and(eq(pipelineStages.tenantId, ctx.tenantId), inArray(pipelineStages.id, stageIds)))
    .then((rows) => rows); // sent now, not when first awaited
}

/** The triggers one event stands for (`stagesRead`: the move's stages, when already being read). */
export async function triggersOf(
  tx: Tx,
  ctx: TenantContext,
  event: EventLike,
  record: Record<string, unknown> | null,
  stagesRead?: Promise<{ id: string; inherit: boolean }[]>,
): Promise<Trigger[]> {
  if (!isAutomationEvent(event)) return [];
  const p = event.payload ?? {};
  const actor = (p.actor ?? {}) as { automationId?: unknown };
  const base = {
    entityType: event.entityType!,
    entityId: event.entityId!,
    pipelineId: str(record?.pipelineId),
    stageId: str(record?.stageId),
    fromStageId: null,
    toStageId: null,
    stageInherits: false,
    listId: null,
    sourceAutomationId: str(actor.automationId),
  };
  if (event.eventType !== "stage.changed") {
    const isList = event.eventType.startsWith("list.");
    return [{ ...base, triggerEvent: DIRECT[event.eventType]!, listId: isList ? str(p.listId) : null }];
  }
  const fromStageId = str(p.fromStageId);
  const toStageId = str(p.toStageId);
  const stages = await (stagesRead ?? stagesOfMove(tx, ctx, event));
  // A deleted stage inherits nothing.
  const inherits = (id: string | null) => stages.find((s) => s.id === id)?.inherit ?? false;
  const move = { ...base, pipelineId: str(p.pipelineId) ?? base.pipelineId, fromStageId, toStageId };
  return [
    ...(fromStageId ? [{ ...move, triggerEvent: "stage.exited" as const, stageInherits: inherits(fromStageId) }] : []),
    { ...move, triggerEvent: "stage.entered" as const, stageInherits: inherits(toStageId) },
  ];
}

/** Whether the rule's condition holds for the record now (SQL, exactly like a dynamic list). */
async function conditionHolds(tx: Tx, ctx: TenantContext, rule: AutomationAction, entityId: string): Promise<boolean> {
  if (rule.conditionJson === null || rule.conditionJson === undefined) return true;
  const kind = rule.entityType as AutomationEntityType;
  const where = compileFilter(kind, rule.conditionJson, {
    tenantId: ctx.tenantId,
    userId: rule.createdByUserId,
    customFields: await definitionsOfOnce(tx, ctx.tenantId, kind),
  });
  const t = tableOf(RECORD_KINDS[kind]);
  const rows = await tx.select({ one: sql`1` }).from(t).where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, entityId), where)).limit(1);
  return rows.length > 0;
}

/**
 * Every enabled rule of the event's entity type and triggers, matched and ordered
 * (lower priority first; a move's stage.exited rules before its stage.entered ones).
 * `all` also returns the rules that do not fire, with why.
 */
export async function planEvent(tx: Tx, ctx: TenantContext, event: EventLike, opts: { all?: boolean } = {}): Promise<PlannedRun[]> {
  if (!isAutomationEvent(event)) return [];
  const kind = event.entityType as AutomationEntityType;
  const triggerEvents: TriggerEvent[] = event.eventType === "stage.changed" ? ["stage.exited", "stage.entered"] : [DIRECT[event.eventType]!];
  // rules first: most events of most tenants concern no automation, and cost one indexed query
  // the tenant's rules, read once per transaction (the worker dispatches events in batches)
  const rules = await perTransaction(tx, `automation-rules:${kind}:${opts.all ? "all" : triggerEvents.join(",")}`, () =>
    tx
      .select()
      .from(automationActions)
      .where(
        and(
          eq(automationActions.tenantId, ctx.tenantId),
          eq(automationActions.entityType, kind),
          opts.all ? undefined : eq(automationActions.enabled, true),
          opts.all ? undefined : inArray(automationActions.triggerEvent, triggerEvents),
        ),
      ),
  );
  if (rules.length === 0) return [];
  // the record and the move's stages in one round trip
  const stages = stagesOfMove(tx, ctx, event);
  stages.catch(() => {}); // a failure surfaces where triggersOf awaits it
  const record = await loadRecordRow(tx, ctx, kind, event.entityId!);
  const triggers = await triggersOf(tx, ctx, event, record, stages);
  const out: PlannedRun[] = [];
  const matched = new Set<string>();
  for (const trigger of triggers) {
    for (const rule of matchRules(rules, trigger)) {
      matched.add(rule.id);
      let fires = true;
      let invalidCondition = false;
      let reason = `matches ${rule.scopeType.toLowerCase().replace("_", " ")} scope on ${trigger.triggerEvent}`;
      if (!record) {
        fires = false;
        reason = "the record no longer exists";
      } else {
        try {
          if (!(await conditionHolds(tx, ctx, rule, trigger.entityId))) {
            fires = false;
            reason = "the condition does not hold for the record";
          } else if (rule.conditionJson) reason += "; the condition holds";
        } catch (err) {
          if (!(err instanceof AppError && err.code === "validation")) throw err;
          fires = false;
          invalidCondition = true;
          reason = `the condition is no longer valid (${err.message})`;
        }
      }
      if (fires || invalidCondition || opts.all) out.push({ rule, trigger, reason, fires, invalidCondition, record });
    }
  }
  if (opts.all) {
    for (const rule of rules) {
      if (matched.has(rule.id)) continue;
      out.push({ rule, trigger: triggers[0]!, reason: whyNot(rule, triggers), fires: false });
    }
  }
  return out;
}

function whyNot(rule: AutomationAction, triggers: Trigger[]): string {
  if (!rule.enabled) return "the automation is disabled";
  if (!triggers.some((t) => t.triggerEvent === rule.triggerEvent)) return `it runs on ${rule.triggerEvent}, not ${triggers.map((t) => t.triggerEvent).join(" / ")}`;
  if (triggers.some((t) => t.sourceAutomationId === rule.id)) return "the change was made by this automation";
  if (rule.scopeType === "PIPELINE" && triggers.some((t) => t.pipelineId === rule.pipelineId)) return "the stage does not inherit its pipeline's automations";
  return rule.fromStageId || rule.toStageId ? "the record is outside its scope or the move is not between its stages" : "the record is outside its scope";
}
