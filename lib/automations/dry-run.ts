// Dry run: for a record and an event, which automations would fire, in what order, and
// exactly what each would do — a webhook's signed request, a workflow's steps, the AI
// prompt, the published event — with no side effects at all: it runs in a READ ONLY
// transaction, queues nothing and sends nothing. Managers may dry-run, so a webhook's
// request is signed with a throwaway secret made for this dry run (returned beside it),
// never the automation's: a receiver rejects it, and nobody can forge a delivery from it.
// Custom header values are masked for those who may not read them (masking.ts).
import "server-only";
import { sql } from "drizzle-orm";
import { notFound } from "@/lib/errors";
import { RECORD_KINDS } from "@/lib/records/registry";
import { serializeRecord, type RecordRow } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { fillPrompt } from "./ai-worker";
import { configForRole } from "./masking";
import { loadRecordRow, planEvent, type EventLike, type PlannedRun } from "./plan";
import { eventToPublish } from "./publish";
import { changeOf } from "./run";
import { newWebhookSecret } from "./service";
import { dryRunSchema, webhookConfigSchema, workflowConfigSchema, aiWorkerConfigSchema, type ActionType, type DryRunInput, type ScopeType } from "./schemas";
import { signedWebhookRequest, webhookBody, type WebhookRequest } from "./webhook";

export interface DryRunResult {
  automationId: string;
  name: string;
  priority: number;
  actionType: ActionType;
  scopeType: ScopeType;
  wouldFire: boolean;
  reason: string;
  /** 1-based run order among those that fire; null when it would not fire. */
  order: number | null;
  request: WebhookRequest | null;
  /** The throwaway secret `request` is signed with, made for this dry run: not the automation's. */
  dryRunSecret?: string;
  steps?: unknown[];
  prompt?: string;
  event?: { type: string; payload: unknown };
}

export async function dryRun(ctx: TenantContext, input: DryRunInput): Promise<DryRunResult[]> {
  const q = dryRunSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    await tx.execute(sql`set transaction read only`);
    const row = await loadRecordRow(tx, ctx, q.entityType, q.entityId);
    if (!row || row.deletedAt) throw notFound(RECORD_KINDS[q.entityType].singular);
    const current = typeof row.stageId === "string" ? row.stageId : null;
    const isStage = q.triggerEvent === "stage.entered" || q.triggerEvent === "stage.exited";
    const payload: Record<string, unknown> = isStage
      ? {
          pipelineId: row.pipelineId ?? null,
          fromStageId: q.fromStageId ?? (q.triggerEvent === "stage.exited" ? current : null),
          toStageId: q.toStageId ?? (q.triggerEvent === "stage.entered" ? current : null),
        }
      : q.triggerEvent.startsWith("list.")
        ? { listId: q.listId ?? null }
        : {};
    const event: EventLike = { eventType: isStage ? "stage.changed" : q.triggerEvent, entityType: q.entityType, entityId: q.entityId, payload };
    const plan = (await planEvent(tx, ctx, event, { all: true })).filter((p) => p.rule.triggerEvent === q.triggerEvent);
    const record = serializeRecord(row as RecordRow);
    const now = new Date();
    let order = 0;
    return plan.map((p) => describe(ctx, p, p.fires ? ++order : null, record, changeOf(payload), now));
  });
}

function describe(ctx: TenantContext, p: PlannedRun, order: number | null, record: Record<string, unknown>, change: Record<string, unknown> | null, now: Date): DryRunResult {
  const a = p.rule;
  const out: DryRunResult = {
    automationId: a.id,
    name: a.name,
    priority: a.priority,
    actionType: a.actionType,
    scopeType: a.scopeType,
    wouldFire: p.fires,
    reason: p.reason,
    order,
    request: null,
  };
  if (!p.fires) return out;
  const common = { triggerEvent: a.triggerEvent, entityType: p.trigger.entityType, entityId: p.trigger.entityId, record, change };
  if (a.actionType === "WEBHOOK") {
    const config = webhookConfigSchema.safeParse(a.configJson);
    // no execution exists yet: the id it would get is unknown, and so is its key
    const body = webhookBody({ ...common, tenantId: ctx.tenantId, automationId: a.id, executionId: null, occurredAt: now });
    if (config.success) {
      out.dryRunSecret = newWebhookSecret();
      const shown = { ...config.data, headers: configForRole(config.data, ctx.actor.role).headers as Record<string, string> | undefined, secret: out.dryRunSecret };
      out.request = signedWebhookRequest(shown, `${a.id}:dry-run`, body, now);
    }
  } else if (a.actionType === "WORKFLOW") {
    out.steps = workflowConfigSchema.safeParse(a.configJson).data?.steps ?? [];
  } else if (a.actionType === "AIWORKER") {
    const prompt = aiWorkerConfigSchema.safeParse(a.configJson).data?.prompt;
    out.prompt = prompt ? fillPrompt(prompt, record) : "";
  } else {
    out.event = eventToPublish(a, common);
  }
  return out;
}
