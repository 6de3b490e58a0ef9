// Human labels for automations and the rules of which combinations the form offers.
// Pure data, safe on the client and the server.
import { milliseconds } from "date-fns";
import { typeOptions } from "@/components/records/type-labels";
import { PIPELINE_ENTITY_TYPES, TRIGGERS_BY_SCOPE } from "@/lib/automations/schemas";
import { labelFor } from "@/lib/format/labels";
import { isRecordKind, recordPath } from "@/lib/records/kinds";

export const ENTITY_TYPES = typeOptions(["DEAL", "LEAD", "TICKET", "CONTACT", "COMPANY"]);
export type EntityType = (typeof ENTITY_TYPES)[number]["value"];

export const SCOPES = [
  { value: "ENTITY", label: labelFor("AUTOMATION_SCOPE_TYPES", "ENTITY"), target: null },
  { value: "PIPELINE", label: labelFor("AUTOMATION_SCOPE_TYPES", "PIPELINE"), target: "Pipeline" },
  { value: "PIPELINE_STAGE", label: labelFor("AUTOMATION_SCOPE_TYPES", "PIPELINE_STAGE"), target: "Stage" },
  { value: "LIST", label: labelFor("AUTOMATION_SCOPE_TYPES", "LIST"), target: "List" },
  { value: "RECORD", label: labelFor("AUTOMATION_SCOPE_TYPES", "RECORD"), target: "Record" },
] as const;
export type ScopeType = (typeof SCOPES)[number]["value"];

export const TRIGGERS = [
  { value: "record.created", label: "Record created" },
  { value: "record.updated", label: "Record updated" },
  { value: "record.deleted", label: "Record deleted" },
  { value: "stage.entered", label: "Stage entered" },
  { value: "stage.exited", label: "Stage exited" },
  { value: "list.member_added", label: "Added to list" },
  { value: "list.member_removed", label: "Removed from list" },
  { value: "activity.created", label: "Activity logged" },
  { value: "lead.converted", label: "Lead converted" },
  { value: "email.received", label: "Email received" },
  { value: "email.replied", label: "Email replied to" },
  { value: "email.bounced", label: "Email bounced" },
  { value: "email.opened", label: "Email opened" },
  { value: "email.clicked", label: "Email link clicked" },
] as const;
export type TriggerEvent = (typeof TRIGGERS)[number]["value"];

export const ACTION_TYPES = [
  { value: "WEBHOOK", label: labelFor("AUTOMATION_ACTION_TYPES", "WEBHOOK"), description: "POST a signed JSON body to a URL" },
  { value: "WORKFLOW", label: labelFor("AUTOMATION_ACTION_TYPES", "WORKFLOW"), description: "Run steps: tasks, fields, assignment, lists, notifications" },
  { value: "EVENT", label: labelFor("AUTOMATION_ACTION_TYPES", "EVENT"), description: "Publish an event on the events API and stream" },
  { value: "AIWORKER", label: labelFor("AUTOMATION_ACTION_TYPES", "AIWORKER"), description: "Ask the AI endpoint; the answer becomes a note or a field" },
] as const;
export type ActionType = (typeof ACTION_TYPES)[number]["value"];

export const EXECUTION_STATUSES = [
  { value: "PENDING", label: labelFor("ACTION_EXECUTION_STATUSES", "PENDING"), tone: "neutral" },
  { value: "IN_PROGRESS", label: labelFor("ACTION_EXECUTION_STATUSES", "IN_PROGRESS"), tone: "brand" },
  { value: "SUCCEEDED", label: labelFor("ACTION_EXECUTION_STATUSES", "SUCCEEDED"), tone: "green" },
  { value: "FAILED", label: labelFor("ACTION_EXECUTION_STATUSES", "FAILED"), tone: "red" },
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number]["value"];

export const WORKFLOW_STEPS = [
  { value: "createTask", label: "Create a task" },
  { value: "setField", label: "Set a field" },
  { value: "assignRoundRobin", label: "Assign round-robin in a group" },
  { value: "addToList", label: "Add to a list" },
  { value: "removeFromList", label: "Remove from a list" },
  { value: "notifyWatchers", label: "Notify watchers" },
  { value: "enrollInSequence", label: "Enroll in a sequence" },
] as const;
export type WorkflowStepType = (typeof WORKFLOW_STEPS)[number]["value"];

const labelOf = <T extends { value: string; label: string }>(all: readonly T[], v: string | null | undefined) => all.find((x) => x.value === v)?.label ?? v ?? "—";
export const entityLabel = (v: string) => labelOf(ENTITY_TYPES, v);
export const entitySingular = (v: string) => ENTITY_TYPES.find((x) => x.value === v)?.singular ?? v.toLowerCase();
export const scopeLabel = (v: string) => labelOf(SCOPES, v);
export const triggerLabel = (v: string) => labelOf(TRIGGERS, v);
export const actionTypeLabel = (v: string) => labelOf(ACTION_TYPES, v);
export const statusLabel = (v: string) => labelOf(EXECUTION_STATUSES, v);
export const statusTone = (v: string) => EXECUTION_STATUSES.find((x) => x.value === v)?.tone ?? "neutral";

/** The record page of an entity. */
export const recordHref = (entityType: string, id: string) => recordPath(isRecordKind(entityType) ? entityType : "CONTACT", id);

export const isStageEvent = (t: string) => t === "stage.entered" || t === "stage.exited";
export const isListEvent = (t: string) => t === "list.member_added" || t === "list.member_removed";

/** Stage events and pipeline scopes need a record type that lives in pipelines, and a pipeline of it. */
export const hasPipelinesFor = (entityType: string, pipelineCount: number) => PIPELINE_ENTITY_TYPES.includes(entityType as never) && pipelineCount > 0;

/** The trigger events the form offers for a scope (the API refuses the others). */
export const triggersFor = (scope: ScopeType, hasPipelines: boolean): TriggerEvent[] => TRIGGERS_BY_SCOPE[scope].filter((t) => hasPipelines || !isStageEvent(t));

/** Scopes offered for an entity type: pipeline and stage scopes only when it has pipelines. */
export const scopesFor = (hasPipelines: boolean) => SCOPES.filter((s) => hasPipelines || (s.value !== "PIPELINE" && s.value !== "PIPELINE_STAGE"));

/** 0.0–1.0 → "93%"; null when there were no runs. */
export const percent = (rate: number | null | undefined) => (rate == null ? "—" : `${Math.round(rate * 100)}%`);

export const TIME_RANGES = [
  { value: "", label: "Any time" },
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
] as const;

/** `range` of the URL → the `since` of listExecutions. */
export function sinceOf(range: string | undefined, now = Date.now()): string | undefined {
  const m = /^(\d+)([hd])$/.exec(range ?? "");
  if (!m) return undefined;
  return new Date(now - milliseconds(m[2] === "h" ? { hours: Number(m[1]) } : { days: Number(m[1]) })).toISOString();
}
