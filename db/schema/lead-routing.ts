// Lead scoring (one configuration per tenant, and the progress of "rescore all") and
// assignment rules (ordered per record type, each with a round-robin turn counter) with
// the history of who was given which record (issue 16).
import { sql } from "drizzle-orm";
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, updatedAt } from "./columns";
import { crmRecordType } from "./enums";
import { tenantGroups, tenants, tenantUsers } from "./tenancy";

export interface ScoringRuleJson {
  id: string;
  label: string;
  condition: unknown;
  points: number;
}

export const leadScoringConfigs = pgTable("lead_scoring_configs", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  rules: jsonb().$type<ScoringRuleJson[]>().notNull().default([]),
  activityPoints: jsonb().$type<Record<string, number>>().notNull().default({}),
  decayDays: integer(),
  updatedAt: updatedAt(),
}, (t) => [primaryKey({ columns: [t.tenantId] }), check("lead_scoring_decay_days", sql`${t.decayDays} is null or ${t.decayDays} > 0`)]);

export const RESCORE_STATUSES = ["RUNNING", "SUCCEEDED", "FAILED"] as const;

/** One "rescore all" run: what the settings page's progress bar reads. */
export const leadRescoreRuns = pgTable("lead_rescore_runs", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  status: text().$type<(typeof RESCORE_STATUSES)[number]>().notNull().default("RUNNING"),
  total: integer().notNull().default(0),
  processed: integer().notNull().default(0),
  changed: integer().notNull().default(0),
  error: text(),
  startedAt: createdAt(),
  finishedAt: timestamp({ withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  check("lead_rescore_runs_status", sql`${t.status} in ('RUNNING', 'SUCCEEDED', 'FAILED')`),
  index("lead_rescore_runs_started_idx").on(t.tenantId, t.startedAt.desc()),
]);

export const ASSIGNMENT_STRATEGIES = ["USER", "ROUND_ROBIN", "LEAST_OPEN"] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

/** Seed 002's optional actions of a routing rule. */
export interface AssignmentActionsJson {
  priority?: "low" | "medium" | "high" | "urgent";
  tags?: string[];
  followUpHours?: number;
}

export const assignmentRules = pgTable("assignment_rules", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  name: text().notNull(),
  objectType: crmRecordType().notNull(),
  /** Filter JSON on the object type; null matches every record. */
  condition: jsonb(),
  strategy: text().$type<AssignmentStrategy>().notNull(),
  userId: uuid(),
  groupId: uuid(),
  priority: integer().notNull().default(0),
  enabled: boolean().notNull().default(true),
  actions: jsonb().$type<AssignmentActionsJson>().notNull().default({}),
  /** Round robin: turns taken so far, bumped with UPDATE … RETURNING in the create's transaction. */
  turns: bigint({ mode: "number" }).notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "assignment_rules_user_fk", columns: [t.tenantId, t.userId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: "assignment_rules_group_fk", columns: [t.tenantId, t.groupId], foreignColumns: [tenantGroups.tenantId, tenantGroups.id] }).onDelete("cascade"),
  check("assignment_rules_strategy", sql`${t.strategy} in ('USER', 'ROUND_ROBIN', 'LEAST_OPEN')`),
  check("assignment_rules_target", sql`(${t.strategy} = 'USER') = (${t.userId} is not null) and (${t.strategy} = 'USER') = (${t.groupId} is null)`),
  // the create path reads a type's enabled rules in order
  index("assignment_rules_type_idx").on(t.tenantId, t.objectType, t.priority),
  index("assignment_rules_user_idx").on(t.tenantId, t.userId),
  index("assignment_rules_group_idx").on(t.tenantId, t.groupId),
]);

/** Who was given which record, by which rule (null: by hand) and by whom (null: the system). */
export const recordAssignments = pgTable("record_assignments", {
  tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
  id: id(),
  recordType: crmRecordType().notNull(),
  recordId: uuid().notNull(),
  userId: uuid().notNull(),
  ruleId: uuid(),
  assignedByUserId: uuid(),
  assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ name: "record_assignments_user_fk", columns: [t.tenantId, t.userId], foreignColumns: [tenantUsers.tenantId, tenantUsers.userId] }),
  foreignKey({ name: "record_assignments_rule_fk", columns: [t.tenantId, t.ruleId], foreignColumns: [assignmentRules.tenantId, assignmentRules.id] }).onDelete("set null"),
  // GET /leads/{id}/assignments
  index("record_assignments_record_idx").on(t.tenantId, t.recordType, t.recordId, t.assignedAt),
  index("record_assignments_user_idx").on(t.tenantId, t.userId),
  index("record_assignments_rule_idx").on(t.tenantId, t.ruleId),
]);

export type LeadScoringConfig = typeof leadScoringConfigs.$inferSelect;
export type AssignmentRule = typeof assignmentRules.$inferSelect;
export type RecordAssignment = typeof recordAssignments.$inferSelect;
