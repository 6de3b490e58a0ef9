// What an automation names must exist in this tenant and fit its entity type: pipeline,
// stages, list, record, the condition's fields, and the groups, users, lists and fields
// its config uses. Failures are one 422 with a path per problem.
import { and, eq, inArray, sql } from "drizzle-orm";
import { lists, pipelines, pipelineStages, tenantGroups, tenantUsers } from "@/db/schema";
import { definitionsOf } from "@/lib/custom-fields/service";
import { validationError, type ValidationIssue } from "@/lib/errors";
import { validateFilter } from "@/lib/filters/schema";
import { RECORD_KINDS, tableOf, updateSchemaOf } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { checkRuleShape, PIPELINE_ENTITY_TYPES, type AutomationEntityType, type RuleShape, type WorkflowConfig } from "./schemas";

/** A field a workflow or AI answer may set: a writable column of the entity, or customFields.<key>. */
async function fieldProblem(tx: Tx, ctx: TenantContext, entityType: AutomationEntityType, field: string): Promise<string | null> {
  if (field.startsWith("customFields.")) {
    const key = field.slice("customFields.".length);
    const defs = await definitionsOf(tx, ctx.tenantId, entityType);
    return defs.some((d) => d.key === key) ? null : `no custom field ${JSON.stringify(key)} on ${entityType}`;
  }
  // the stage is set through moveRecord, with its movement rules
  if (field === "stageId" && PIPELINE_ENTITY_TYPES.includes(entityType)) return null;
  const writable = Object.keys(updateSchemaOf(RECORD_KINDS[entityType]).shape);
  return writable.includes(field) ? null : `is not a field that can be set on ${entityType}; expected customFields.<key> or one of ${writable.join(", ")}`;
}

export type Shape = RuleShape & { condition?: unknown };

/** Checks what needs the database: targets, the condition, and ids named by the config (422 with paths). */
export async function checkReferences(tx: Tx, ctx: TenantContext, v: Shape): Promise<void> {
  const issues: ValidationIssue[] = [];
  const t = ctx.tenantId;
  let pipelineOfRule: string | null = null;
  if (v.pipelineId) {
    const [p] = await tx.select().from(pipelines).where(and(eq(pipelines.tenantId, t), eq(pipelines.id, v.pipelineId)));
    if (!p) issues.push({ path: "pipelineId", message: "is not a pipeline of this workspace" });
    else if (p.objectType !== v.entityType) issues.push({ path: "pipelineId", message: `is a ${p.objectType} pipeline, not ${v.entityType}` });
    pipelineOfRule = p?.id ?? null;
  }
  const stageIds = [v.stageId, v.fromStageId, v.toStageId].filter((s): s is string => !!s);
  const stages = stageIds.length
    ? await tx
        .select({ id: pipelineStages.id, pipelineId: pipelineStages.pipelineId, objectType: pipelines.objectType })
        .from(pipelineStages)
        .innerJoin(pipelines, and(eq(pipelines.tenantId, pipelineStages.tenantId), eq(pipelines.id, pipelineStages.pipelineId)))
        .where(and(eq(pipelineStages.tenantId, t), inArray(pipelineStages.id, stageIds)))
    : [];
  if (v.stageId) pipelineOfRule = stages.find((s) => s.id === v.stageId)?.pipelineId ?? pipelineOfRule;
  for (const key of ["stageId", "fromStageId", "toStageId"] as const) {
    const id = v[key];
    if (!id) continue;
    const s = stages.find((x) => x.id === id);
    if (!s) issues.push({ path: key, message: "is not a stage of this workspace" });
    else if (s.objectType !== v.entityType) issues.push({ path: key, message: `is a stage of a ${s.objectType} pipeline, not ${v.entityType}` });
    else if (pipelineOfRule && s.pipelineId !== pipelineOfRule) issues.push({ path: key, message: "is a stage of another pipeline than the rule's" });
  }
  const listIds = [v.listId, ...workflowListIds(v)].filter((x): x is { path: string; id: string } | string => !!x);
  for (const item of listIds) {
    const { path, id } = typeof item === "string" ? { path: "listId", id: item } : item;
    const [l] = await tx.select({ objectType: lists.objectType }).from(lists).where(and(eq(lists.tenantId, t), eq(lists.id, id)));
    if (!l) issues.push({ path, message: "is not a list of this workspace" });
    else if (l.objectType !== v.entityType) issues.push({ path, message: `is a list of ${l.objectType} records, not ${v.entityType}` });
  }
  if (v.recordId && v.recordType === v.entityType) {
    const table = tableOf(RECORD_KINDS[v.entityType]);
    const [r] = await tx.select({ id: table.id }).from(table).where(and(eq(table.tenantId, t), eq(table.id, v.recordId), sql`${table.deletedAt} is null`));
    if (!r) issues.push({ path: "recordId", message: `is not a ${RECORD_KINDS[v.entityType].singular} of this workspace` });
  }
  if (v.condition !== undefined && v.condition !== null) {
    const result = validateFilter(v.entityType, v.condition, { customFields: await definitionsOf(tx, ctx.tenantId, v.entityType) });
    if (!result.ok) issues.push(...result.errors.map((e) => ({ ...e, path: e.path.replace(/^filter/, "condition") })));
  }
  if (v.actionType === "WORKFLOW") {
    const steps = (v.config as WorkflowConfig).steps;
    for (const [i, step] of steps.entries()) {
      const at = `config.steps[${i}]`;
      if (step.type === "setField") {
        const problem = await fieldProblem(tx, ctx, v.entityType, step.field);
        if (problem) issues.push({ path: `${at}.field`, message: problem });
      }
      const groupId = step.type === "assignRoundRobin" ? step.groupId : step.type === "createTask" ? step.assignedGroupId : undefined;
      if (groupId) {
        const [g] = await tx.select({ id: tenantGroups.id }).from(tenantGroups).where(and(eq(tenantGroups.tenantId, t), eq(tenantGroups.id, groupId)));
        if (!g) issues.push({ path: `${at}.${step.type === "assignRoundRobin" ? "groupId" : "assignedGroupId"}`, message: "is not a group of this workspace" });
      }
      if (step.type === "createTask" && step.assignedUserId) {
        const [u] = await tx.select({ id: tenantUsers.userId }).from(tenantUsers).where(and(eq(tenantUsers.tenantId, t), eq(tenantUsers.userId, step.assignedUserId)));
        if (!u) issues.push({ path: `${at}.assignedUserId`, message: "is not a user of this workspace" });
      }
    }
  }
  if (v.actionType === "AIWORKER") {
    const output = (v.config as { output: { type: string; field?: string } }).output;
    if (output.type === "field") {
      const problem = await fieldProblem(tx, ctx, v.entityType, output.field!);
      if (problem) issues.push({ path: "config.output.field", message: problem });
    }
  }
  if (issues.length) throw validationError(issues);
}

function workflowListIds(v: Shape): { path: string; id: string }[] {
  if (v.actionType !== "WORKFLOW") return [];
  return (v.config as WorkflowConfig).steps.flatMap((s, i) => (s.type === "addToList" || s.type === "removeFromList" ? [{ path: `config.steps[${i}].listId`, id: s.listId }] : []));
}

/** The zod issues of checkRuleShape as one 422. */
export function assertShape(v: RuleShape): void {
  const issues: ValidationIssue[] = [];
  checkRuleShape(v, (path, message) => issues.push({ path: path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), ""), message }));
  if (issues.length) throw validationError(issues);
}
