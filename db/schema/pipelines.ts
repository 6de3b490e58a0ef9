import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, numeric, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { changeSource, crmRecordType, pipelineMovementMode, pipelineObjectType, pipelineStageState, pipelineStageType } from "./enums";
import { tenants, tenantUsers } from "./tenancy";

export const pipelines = pgTable("pipelines", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  name: text().notNull(),
  description: text(),
  objectType: pipelineObjectType().notNull(),
  pipelineKey: text().notNull(),
  displayOrder: integer().notNull().default(0),
  isActive: boolean().notNull().default(true),
  isDefault: boolean().notNull().default(false),
  movementMode: pipelineMovementMode().notNull().default("FLEXIBLE"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  unique("pipelines_key_key").on(t.tenantId, t.objectType, t.pipelineKey),
  // (tenant_id, object_type, display_order) is unique DEFERRABLE: added in the rls migration
  index("pipelines_object_type_idx").on(t.tenantId, t.objectType),
  uniqueIndex("pipelines_one_default_idx").on(t.tenantId, t.objectType).where(sql`${t.isDefault}`),
]);

export const pipelineStages = pgTable("pipeline_stages", {
  tenantId: tenantId(),
  id: id(),
  pipelineId: uuid().notNull(),
  name: text().notNull(),
  displayOrder: integer().notNull(),
  stageState: pipelineStageState().notNull().default("NOT_STARTED"),
  stageType: pipelineStageType().notNull().default("OPEN"),
  probability: numeric({ precision: 5, scale: 4 }).notNull().default("0"),
  color: text().notNull().default("#64748b"),
  inheritPipelineActions: boolean().notNull().default(true),
  requiredFields: text().array().notNull().default(sql`'{}'::text[]`),
  expectedDays: integer(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.pipelineId], foreignColumns: [pipelines.tenantId, pipelines.id] }).onDelete("cascade"),
  // (tenant_id, pipeline_id, display_order) is unique DEFERRABLE: added in the rls migration
  index("pipeline_stages_pipeline_idx").on(t.tenantId, t.pipelineId),
  check("pipeline_stages_probability_range", sql`${t.probability} >= 0 and ${t.probability} <= 1`),
  check("pipeline_stages_expected_days_positive", sql`${t.expectedDays} is null or ${t.expectedDays} > 0`),
]);

export const stageHistory = pgTable("stage_history", {
  tenantId: tenantId(),
  id: id(),
  entityType: crmRecordType().notNull(),
  entityId: uuid().notNull(),
  pipelineId: uuid(),
  fromStageId: uuid(),
  toStageId: uuid(),
  changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  // The record's history in order: 1, 2, 3... Set by a trigger (migration 0015) when the
  // row is written, i.e. after the writer holds the record's lock, so it cannot invert the
  // way a transaction's start time can; the default is only a placeholder for it.
  seq: integer().notNull().default(0),
  changedByUserId: uuid(),
  source: changeSource().notNull().default("USER"),
  isOverride: boolean().notNull().default(false),
  overrideReason: text(),
  reason: text(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  // ON DELETE SET NULL (pipeline_id / stage ids only, never tenant_id): see migration 0005
  foreignKey({ columns: [t.tenantId, t.pipelineId], foreignColumns: [pipelines.tenantId, pipelines.id] }),
  foreignKey({ columns: [t.tenantId, t.fromStageId], foreignColumns: [pipelineStages.tenantId, pipelineStages.id] }),
  foreignKey({ columns: [t.tenantId, t.toStageId], foreignColumns: [pipelineStages.tenantId, pipelineStages.id] }),
  foreignKey({ columns: [t.tenantId, t.changedByUserId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  index("stage_history_entity_idx").on(t.tenantId, t.entityType, t.entityId, t.changedAt.desc()),
  uniqueIndex("stage_history_entity_seq_key").on(t.tenantId, t.entityType, t.entityId, t.seq),
  index("stage_history_pipeline_idx").on(t.tenantId, t.pipelineId, t.changedAt),
  index("stage_history_from_stage_idx").on(t.tenantId, t.fromStageId),
  index("stage_history_to_stage_idx").on(t.tenantId, t.toStageId),
  index("stage_history_changed_by_idx").on(t.tenantId, t.changedByUserId),
]);

export type Pipeline = typeof pipelines.$inferSelect;
export type NewPipeline = typeof pipelines.$inferInsert;
export type PipelineStage = typeof pipelineStages.$inferSelect;
export type NewPipelineStage = typeof pipelineStages.$inferInsert;
export type StageHistory = typeof stageHistory.$inferSelect;
