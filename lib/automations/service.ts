// Automations (API.md "Automations"): the one write path for automation rules. Permission
// checks happen in the actions and routes (read: automations.read, write:
// automations.manage). Everything a rule names — pipeline, stage, list, record, group,
// user, field — must belong to this tenant and fit the entity type, or it is a 422.
import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { automationActionExecutions, automationActions, lists, pipelines, type AutomationAction } from "@/db/schema";
import { AppError, notFound, validationError } from "@/lib/errors";
import { KIND_WORDS } from "@/lib/records/kinds";
import { RECORD_KINDS, tableOf } from "@/lib/records/registry";
import type { Role } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { configForRole, keepMaskedHeaders } from "./masking";
import {
  AUTOMATION_ENTITY_TYPES,
  automationCreateSchema,
  automationUpdateSchema,
  type AutomationCreateInput,
  type AutomationDto,
  type AutomationEntityType,
  type AutomationUpdateInput,
  type ExecutionStatus,
  type TriggerEvent,
} from "./schemas";
import { assertShape, checkReferences, type Shape } from "./validate";

export type AutomationSummary = AutomationDto & {
  /** "Sales Pipeline › Won", a list's name, a record's title, "All deals". */
  targetLabel: string;
  lastRun: { status: ExecutionStatus; at: string } | null;
  runs7d: number;
  succeeded7d: number;
  successRate7d: number | null;
};

/** A fresh Standard Webhooks secret: whsec_ + 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/** The automation as `viewer` may see it: never the secret; header values only for admins. */
export function toAutomationDto(row: AutomationAction, viewer: Role): AutomationDto {
  let config = { ...row.configJson };
  if (row.actionType === "WEBHOOK") {
    const hasSecret = typeof config.secret === "string";
    delete config.secret;
    config = { ...configForRole(config, viewer), hasSecret };
  }
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    entityType: row.entityType as AutomationEntityType,
    scopeType: row.scopeType,
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    listId: row.listId,
    recordType: row.recordType as AutomationEntityType | null,
    recordId: row.recordId,
    fromStageId: row.fromStageId,
    toStageId: row.toStageId,
    triggerEvent: row.triggerEvent as TriggerEvent,
    condition: row.conditionJson ?? null,
    actionType: row.actionType,
    config,
    priority: row.priority,
    enabled: row.enabled,
    inheritPipelineActions: row.inheritPipelineActions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function loadAutomation(tx: Tx, ctx: TenantContext, id: string, lock = false): Promise<AutomationAction> {
  if (!isUuid(id)) throw notFound("Automation");
  const q = tx.select().from(automationActions).where(and(eq(automationActions.tenantId, ctx.tenantId), eq(automationActions.id, id)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("Automation");
  return row;
}

export async function createAutomation(ctx: TenantContext, input: AutomationCreateInput | unknown): Promise<{ automation: AutomationDto; webhookSecret: string | null }> {
  const data = automationCreateSchema.parse(input);
  const config: Record<string, unknown> = { ...data.config };
  let webhookSecret: string | null = null;
  if (data.actionType === "WEBHOOK") {
    // nothing is stored yet, so a masked value has nothing to keep
    const { issues } = keepMaskedHeaders(config.headers, undefined);
    if (issues.length) throw validationError(issues);
    webhookSecret = (config.secret as string | undefined) ?? newWebhookSecret();
    config.secret = webhookSecret;
  }
  return withTenant(ctx, async (tx) => {
    await checkReferences(tx, ctx, { ...data, config });
    const [row] = await tx
      .insert(automationActions)
      .values({
        tenantId: ctx.tenantId,
        name: data.name,
        description: data.description ?? null,
        entityType: data.entityType,
        scopeType: data.scopeType,
        pipelineId: data.pipelineId ?? null,
        stageId: data.stageId ?? null,
        listId: data.listId ?? null,
        recordType: data.recordType ?? null,
        recordId: data.recordId ?? null,
        fromStageId: data.fromStageId ?? null,
        toStageId: data.toStageId ?? null,
        triggerEvent: data.triggerEvent,
        conditionJson: data.condition ?? null,
        actionType: data.actionType,
        configJson: config,
        priority: data.priority,
        enabled: data.enabled,
        inheritPipelineActions: data.inheritPipelineActions,
        createdByUserId: ctx.actor.userId,
      })
      .returning();
    return { automation: toAutomationDto(row!, ctx.actor.role), webhookSecret };
  });
}

export async function updateAutomation(ctx: TenantContext, id: string, patch: AutomationUpdateInput | unknown): Promise<AutomationDto> {
  const data = automationUpdateSchema.parse(patch);
  return withTenant(ctx, async (tx) => {
    const before = await loadAutomation(tx, ctx, id, true);
    const pick = <K extends keyof typeof data>(k: K, current: unknown) => (data[k] === undefined ? current : data[k]);
    const scopeType = data.scopeType ?? before.scopeType;
    // Changing the scope clears the old target unless the patch names the new one.
    const scopeChanged = scopeType !== before.scopeType;
    const target = (k: "pipelineId" | "stageId" | "listId" | "recordType" | "recordId") => (data[k] !== undefined ? data[k] : scopeChanged ? null : before[k]);
    const actionType = data.actionType ?? before.actionType;
    let config: Record<string, unknown> = data.config ?? (actionType === before.actionType ? before.configJson : {});
    if (actionType === "WEBHOOK") {
      // A PATCH without a secret keeps the current one; rotating is rotateWebhookSecret.
      const secret = (config.secret as string | undefined) ?? (before.configJson.secret as string | undefined) ?? newWebhookSecret();
      const storedHeaders = before.actionType === "WEBHOOK" ? (before.configJson.headers as Record<string, string> | undefined) : undefined;
      const { headers, issues } = keepMaskedHeaders(config.headers, storedHeaders);
      if (issues.length) throw validationError(issues);
      config = { ...config, ...(headers === undefined ? {} : { headers }), secret };
    }
    const merged: Shape = {
      entityType: (data.entityType ?? before.entityType) as AutomationEntityType,
      scopeType,
      pipelineId: target("pipelineId"),
      stageId: target("stageId"),
      listId: target("listId"),
      recordType: target("recordType"),
      recordId: target("recordId"),
      fromStageId: pick("fromStageId", before.fromStageId) as string | null,
      toStageId: pick("toStageId", before.toStageId) as string | null,
      triggerEvent: (data.triggerEvent ?? before.triggerEvent) as TriggerEvent,
      actionType,
      config,
      condition: data.condition !== undefined ? data.condition : before.conditionJson,
    };
    assertShape(merged);
    await checkReferences(tx, ctx, merged);
    const [row] = await tx
      .update(automationActions)
      .set({
        name: data.name ?? before.name,
        description: data.description !== undefined ? data.description : before.description,
        entityType: merged.entityType,
        scopeType,
        pipelineId: merged.pipelineId ?? null,
        stageId: merged.stageId ?? null,
        listId: merged.listId ?? null,
        recordType: (merged.recordType as AutomationEntityType | null) ?? null,
        recordId: merged.recordId ?? null,
        fromStageId: merged.fromStageId ?? null,
        toStageId: merged.toStageId ?? null,
        triggerEvent: merged.triggerEvent,
        conditionJson: merged.condition ?? null,
        actionType,
        configJson: config,
        priority: data.priority ?? before.priority,
        enabled: data.enabled ?? before.enabled,
        inheritPipelineActions: data.inheritPipelineActions ?? before.inheritPipelineActions,
        updatedAt: sql`now()`,
      })
      .where(and(eq(automationActions.tenantId, ctx.tenantId), eq(automationActions.id, id)))
      .returning();
    return toAutomationDto(row!, ctx.actor.role);
  });
}

/** A new signing secret for a WEBHOOK automation, returned this once. */
export async function rotateWebhookSecret(ctx: TenantContext, id: string): Promise<{ webhookSecret: string }> {
  return withTenant(ctx, async (tx) => {
    const row = await loadAutomation(tx, ctx, id, true);
    if (row.actionType !== "WEBHOOK") throw new AppError("conflict", "Only a WEBHOOK automation has a signing secret");
    const webhookSecret = newWebhookSecret();
    await tx
      .update(automationActions)
      .set({ configJson: { ...row.configJson, secret: webhookSecret }, updatedAt: sql`now()` })
      .where(and(eq(automationActions.tenantId, ctx.tenantId), eq(automationActions.id, id)));
    return { webhookSecret };
  });
}

/** Deletes the rule and its execution log (cascade). */
export async function deleteAutomation(ctx: TenantContext, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound("Automation");
  await withTenant(ctx, async (tx) => {
    const gone = await tx
      .delete(automationActions)
      .where(and(eq(automationActions.tenantId, ctx.tenantId), eq(automationActions.id, id)))
      .returning({ id: automationActions.id });
    if (gone.length === 0) throw notFound("Automation");
  });
}

export async function getAutomation(ctx: TenantContext, id: string): Promise<AutomationDto> {
  return toAutomationDto(await withTenant(ctx, (tx) => loadAutomation(tx, ctx, id)), ctx.actor.role);
}

/** Every automation with its target's name, its last run and its 7-day success rate; by priority. */
export async function listAutomations(ctx: TenantContext): Promise<AutomationSummary[]> {
  return withTenant(ctx, async (tx) => {
    const stagePipeline = sql`(select p.name || ' › ' || s.name from pipeline_stages s join pipelines p on p.tenant_id = s.tenant_id and p.id = s.pipeline_id
      where s.tenant_id = ${automationActions.tenantId} and s.id = ${automationActions.stageId})`;
    const rows = await tx
      .select({
        row: automationActions,
        pipelineName: pipelines.name,
        listName: lists.name,
        stageLabel: sql<string | null>`${stagePipeline}`,
        lastStatus: sql<ExecutionStatus | null>`last_run.status`,
        lastAt: sql<Date | string | null>`last_run.at`,
        runs7d: sql<number>`coalesce(week.runs, 0)::int`,
        succeeded7d: sql<number>`coalesce(week.succeeded, 0)::int`,
      })
      .from(automationActions)
      .leftJoin(pipelines, and(eq(pipelines.tenantId, automationActions.tenantId), eq(pipelines.id, automationActions.pipelineId)))
      .leftJoin(lists, and(eq(lists.tenantId, automationActions.tenantId), eq(lists.id, automationActions.listId)))
      .leftJoin(
        sql`lateral (select e.status, coalesce(e.completed_at, e.started_at, e.triggered_at) as at from ${automationActionExecutions} e
          where e.tenant_id = ${automationActions.tenantId} and e.action_id = ${automationActions.id} order by e.triggered_at desc, e.id desc limit 1) last_run`,
        sql`true`,
      )
      .leftJoin(
        sql`lateral (select count(*) filter (where e.status in ('SUCCEEDED', 'FAILED')) as runs, count(*) filter (where e.status = 'SUCCEEDED') as succeeded
          from ${automationActionExecutions} e
          where e.tenant_id = ${automationActions.tenantId} and e.action_id = ${automationActions.id} and e.triggered_at > now() - interval '7 days') week`,
        sql`true`,
      )
      .where(eq(automationActions.tenantId, ctx.tenantId))
      .orderBy(asc(automationActions.priority), asc(automationActions.createdAt), asc(automationActions.id));
    const recordTitles = new Map<string, string>();
    for (const kind of AUTOMATION_ENTITY_TYPES) {
      const ids = rows.filter((r) => r.row.scopeType === "RECORD" && r.row.recordType === kind).map((r) => r.row.recordId!);
      if (ids.length === 0) continue;
      const t = tableOf(RECORD_KINDS[kind]);
      const found = (await tx.select().from(t).where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, ids)))) as Record<string, unknown>[];
      for (const r of found) recordTitles.set(String(r.id), RECORD_KINDS[kind].title(r));
    }
    return rows.map((r) => {
      const dto = toAutomationDto(r.row, ctx.actor.role);
      const targetLabel =
        r.row.scopeType === "PIPELINE" ? (r.pipelineName ?? "(deleted pipeline)")
        : r.row.scopeType === "PIPELINE_STAGE" ? (r.stageLabel ?? "(deleted stage)")
        : r.row.scopeType === "LIST" ? (r.listName ?? "(deleted list)")
        : r.row.scopeType === "RECORD" ? (recordTitles.get(r.row.recordId!) ?? "(deleted record)")
        : `All ${KIND_WORDS[dto.entityType].plural}`;
      return {
        ...dto,
        targetLabel,
        lastRun: r.lastStatus && r.lastAt ? { status: r.lastStatus, at: new Date(r.lastAt).toISOString() } : null,
        runs7d: r.runs7d,
        succeeded7d: r.succeeded7d,
        successRate7d: r.runs7d > 0 ? r.succeeded7d / r.runs7d : null,
      };
    });
  });
}
