import { sql } from "drizzle-orm";
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { actionExecutionStatus, automationActionType, automationScopeType, crmRecordType } from "./enums";
import { lists } from "./lists";
import { pipelines, pipelineStages } from "./pipelines";
import { tenants, tenantUsers } from "./tenancy";

export const automationActions = pgTable("automation_actions", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  name: text().notNull(),
  description: text(),
  entityType: crmRecordType().notNull(),
  scopeType: automationScopeType().notNull(),
  pipelineId: uuid(),
  stageId: uuid(),
  listId: uuid(),
  recordType: crmRecordType(),
  recordId: uuid(),
  /** Stage events only: the stage the record left / entered must be this one. */
  fromStageId: uuid(),
  toStageId: uuid(),
  triggerEvent: text().notNull(),
  conditionJson: jsonb(),
  actionType: automationActionType().notNull(),
  configJson: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  priority: integer().notNull().default(100),
  enabled: boolean().notNull().default(true),
  inheritPipelineActions: boolean().notNull().default(true),
  /** What runs remember between executions (the round-robin cursor of each group). */
  stateJson: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  createdByUserId: uuid(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "automation_actions_pipeline_fk", columns: [t.tenantId, t.pipelineId], foreignColumns: [pipelines.tenantId, pipelines.id] }).onDelete("cascade"),
  foreignKey({ name: "automation_actions_stage_fk", columns: [t.tenantId, t.stageId], foreignColumns: [pipelineStages.tenantId, pipelineStages.id] }).onDelete("cascade"),
  foreignKey({ name: "automation_actions_from_stage_fk", columns: [t.tenantId, t.fromStageId], foreignColumns: [pipelineStages.tenantId, pipelineStages.id] }).onDelete("cascade"),
  foreignKey({ name: "automation_actions_to_stage_fk", columns: [t.tenantId, t.toStageId], foreignColumns: [pipelineStages.tenantId, pipelineStages.id] }).onDelete("cascade"),
  foreignKey({ name: "automation_actions_list_fk", columns: [t.tenantId, t.listId], foreignColumns: [lists.tenantId, lists.id] }).onDelete("cascade"),
  foreignKey({ name: "automation_actions_created_by_fk", columns: [t.tenantId, t.createdByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("automation_actions_pipeline_idx").on(t.tenantId, t.pipelineId),
  index("automation_actions_stage_idx").on(t.tenantId, t.stageId),
  index("automation_actions_from_stage_idx").on(t.tenantId, t.fromStageId),
  index("automation_actions_to_stage_idx").on(t.tenantId, t.toStageId),
  index("automation_actions_list_idx").on(t.tenantId, t.listId),
  index("automation_actions_record_idx").on(t.tenantId, t.recordType, t.recordId),
  index("automation_actions_created_by_idx").on(t.tenantId, t.createdByUserId),
  index("automation_actions_trigger_idx").on(t.tenantId, t.entityType, t.triggerEvent).where(sql`${t.enabled}`),
  // exactly one target, the one the scope names (seed 000)
  check("automation_actions_scope_target", sql`case ${t.scopeType}
    when 'ENTITY' then ${t.pipelineId} is null and ${t.stageId} is null and ${t.listId} is null and ${t.recordId} is null and ${t.recordType} is null
    when 'PIPELINE' then ${t.pipelineId} is not null and ${t.stageId} is null and ${t.listId} is null and ${t.recordId} is null and ${t.recordType} is null
    when 'PIPELINE_STAGE' then ${t.stageId} is not null and ${t.pipelineId} is null and ${t.listId} is null and ${t.recordId} is null and ${t.recordType} is null
    when 'LIST' then ${t.listId} is not null and ${t.pipelineId} is null and ${t.stageId} is null and ${t.recordId} is null and ${t.recordType} is null
    when 'RECORD' then ${t.recordId} is not null and ${t.recordType} is not null and ${t.pipelineId} is null and ${t.stageId} is null and ${t.listId} is null
  end`),
]);

export const automationActionExecutions = pgTable("automation_action_executions", {
  tenantId: tenantId(),
  id: id(),
  actionId: uuid().notNull(),
  eventId: uuid(),
  entityType: crmRecordType().notNull(),
  entityId: uuid().notNull(),
  pipelineId: uuid(),
  fromStageId: uuid(),
  toStageId: uuid(),
  listId: uuid(),
  triggerEvent: text().notNull(),
  /** action id + event id: one event never runs one action twice. */
  executionKey: text().notNull(),
  status: actionExecutionStatus().notNull().default("PENDING"),
  attempts: integer().notNull().default(0),
  request: jsonb(),
  responseCode: integer(),
  responseBody: text(),
  errorMessage: text(),
  nextAttemptAt: timestamp({ withTimezone: true }),
  triggeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp({ withTimezone: true }),
  completedAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  unique("automation_action_executions_key_key").on(t.tenantId, t.executionKey),
  foreignKey({ name: "automation_action_executions_action_fk", columns: [t.tenantId, t.actionId], foreignColumns: [automationActions.tenantId, automationActions.id] }).onDelete("cascade"),
  index("automation_action_executions_action_idx").on(t.tenantId, t.actionId, t.triggeredAt.desc()),
  index("automation_action_executions_status_idx").on(t.tenantId, t.status),
  // the execution log across all automations, newest first (keyset on triggered_at, id)
  index("automation_action_executions_triggered_idx").on(t.tenantId, t.triggeredAt.desc(), t.id.desc()),
  index("automation_action_executions_entity_idx").on(t.tenantId, t.entityType, t.entityId),
]);

/** One row per delivery attempt of an execution. */
export const automationExecutionAttempts = pgTable("automation_execution_attempts", {
  tenantId: tenantId(),
  id: id(),
  executionId: uuid().notNull(),
  attemptNo: integer().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  completedAt: timestamp({ withTimezone: true }),
  responseCode: integer(),
  errorMessage: text(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "automation_execution_attempts_execution_fk", columns: [t.tenantId, t.executionId], foreignColumns: [automationActionExecutions.tenantId, automationActionExecutions.id] }).onDelete("cascade"),
  index("automation_execution_attempts_execution_idx").on(t.tenantId, t.executionId, t.attemptNo),
]);

/**
 * Events published by EVENT automations (GET /events, the SSE stream). `seq` is the
 * cursor: it is taken under a per-tenant advisory lock held to commit, so within a
 * tenant a later seq never commits before an earlier one and paging skips nothing.
 */
export const publishedEvents = pgTable("published_events", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  seq: bigint({ mode: "number" }).notNull(),
  type: text().notNull(),
  entityType: crmRecordType(),
  entityId: uuid(),
  payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  /** Who published it (no foreign key: the stream outlives a deleted automation). */
  automationId: uuid(),
  executionId: uuid(),
  occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  unique("published_events_seq_key").on(t.tenantId, t.seq),
  // a redelivered EVENT execution publishes nothing new
  unique("published_events_execution_key").on(t.tenantId, t.executionId),
]);

/** Settings → AI: the tenant's OpenAI-compatible endpoint. The key is never sent to a client. */
export const aiSettings = pgTable("ai_settings", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  baseUrl: text(),
  model: text(),
  apiKey: text(),
  updatedAt: updatedAt(),
}, (t) => [primaryKey({ columns: [t.tenantId] })]);

export type AutomationAction = typeof automationActions.$inferSelect;
export type AutomationActionExecution = typeof automationActionExecutions.$inferSelect;
export type PublishedEvent = typeof publishedEvents.$inferSelect;
