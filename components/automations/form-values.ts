// The automation form's values and their mapping to the API's input (POST/PATCH
// /automations): text inputs stay strings while editing, each action type keeps its own
// sub-form so switching back and forth loses nothing, and an API error path
// (`config.steps[1].subject`) maps back to the field that shows it.
import { countConditions, EMPTY_FILTER } from "@/components/filter-builder";
import type { FilterGroup } from "@/lib/filters/schema";
import { isStageEvent, type ActionType, type EntityType, type ScopeType, type TriggerEvent, type WorkflowStepType } from "./labels";

export interface StepValues {
  type: WorkflowStepType;
  subject: string;
  body: string;
  dueInDays: string;
  priority: string;
  assignedUserId: string;
  assignedGroupId: string;
  field: string;
  value: string;
  groupId: string;
  listId: string;
  message: string;
  sequenceId: string;
}

export interface FormValues {
  name: string;
  description: string;
  entityType: EntityType;
  scopeType: ScopeType;
  pipelineId: string;
  stageId: string;
  listId: string;
  recordId: string;
  /** What the record picker shows; not sent. */
  recordLabel: string;
  triggerEvent: TriggerEvent;
  fromStageId: string;
  toStageId: string;
  condition: FilterGroup;
  actionType: ActionType;
  webhook: { url: string; headers: { key: string; value: string }[]; timeoutMs: string };
  workflow: { steps: StepValues[] };
  event: { name: string };
  ai: { prompt: string; outputType: "note" | "field"; field: string };
  priority: string;
  enabled: boolean;
  inheritPipelineActions: boolean;
}

export const emptyStep = (type: WorkflowStepType): StepValues => ({
  type,
  subject: "",
  body: "",
  dueInDays: "",
  priority: "",
  assignedUserId: "",
  assignedGroupId: "",
  field: "",
  value: "",
  groupId: "",
  listId: "",
  message: "",
  sequenceId: "",
});

export const DEFAULT_VALUES: FormValues = {
  name: "",
  description: "",
  entityType: "DEAL",
  scopeType: "ENTITY",
  pipelineId: "",
  stageId: "",
  listId: "",
  recordId: "",
  recordLabel: "",
  triggerEvent: "record.created",
  fromStageId: "",
  toStageId: "",
  condition: EMPTY_FILTER,
  actionType: "WEBHOOK",
  webhook: { url: "", headers: [], timeoutMs: "" },
  workflow: { steps: [] },
  event: { name: "" },
  ai: { prompt: "", outputType: "note", field: "" },
  priority: "100",
  enabled: true,
  inheritPipelineActions: true,
};

const orNull = (s: string) => (s.trim() ? s.trim() : null);
const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
/** Present only when filled: optional ids and numbers are left out rather than sent empty. */
const opt = <K extends string, V>(key: K, v: V | undefined | null | "") => (v === undefined || v === null || v === "" ? {} : ({ [key]: v } as Record<K, V>));

function stepInput(s: StepValues): Record<string, unknown> {
  switch (s.type) {
    case "createTask":
      return { type: s.type, subject: s.subject, ...opt("body", s.body.trim()), ...opt("dueInDays", num(s.dueInDays)), ...opt("priority", s.priority), ...opt("assignedUserId", s.assignedUserId), ...opt("assignedGroupId", s.assignedGroupId) };
    case "setField":
      return { type: s.type, field: s.field, value: s.value };
    case "assignRoundRobin":
      return { type: s.type, groupId: s.groupId };
    case "addToList":
    case "removeFromList":
      return { type: s.type, listId: s.listId };
    case "notifyWatchers":
      return { type: s.type, ...opt("message", s.message.trim()) };
    case "enrollInSequence":
      return { type: s.type, sequenceId: s.sequenceId };
  }
}

export function configInput(v: FormValues): Record<string, unknown> {
  switch (v.actionType) {
    case "WEBHOOK": {
      const headers = Object.fromEntries(v.webhook.headers.filter((h) => h.key.trim() || h.value.trim()).map((h) => [h.key.trim(), h.value]));
      return { url: v.webhook.url.trim(), ...(Object.keys(headers).length ? { headers } : {}), ...opt("timeoutMs", num(v.webhook.timeoutMs)) };
    }
    case "WORKFLOW":
      return { steps: v.workflow.steps.map(stepInput) };
    case "EVENT":
      return opt("name", v.event.name.trim());
    case "AIWORKER":
      return { prompt: v.ai.prompt, output: v.ai.outputType === "field" ? { type: "field", field: v.ai.field } : { type: "note" } };
  }
}

/** The body of POST /automations (PATCH takes the same minus what may not change). */
export function toInput(v: FormValues): Record<string, unknown> {
  // Every target is sent, the unused ones as null, so a PATCH that changes the scope clears the old target.
  const target = {
    pipelineId: v.scopeType === "PIPELINE" ? v.pipelineId || null : null,
    stageId: v.scopeType === "PIPELINE_STAGE" ? v.stageId || null : null,
    listId: v.scopeType === "LIST" ? v.listId || null : null,
    recordType: v.scopeType === "RECORD" ? v.entityType : null,
    recordId: v.scopeType === "RECORD" ? v.recordId || null : null,
  };
  const stageEvent = isStageEvent(v.triggerEvent);
  return {
    name: v.name.trim(),
    description: orNull(v.description),
    entityType: v.entityType,
    scopeType: v.scopeType,
    ...target,
    triggerEvent: v.triggerEvent,
    fromStageId: stageEvent ? v.fromStageId || null : null,
    toStageId: stageEvent ? v.toStageId || null : null,
    condition: countConditions(v.condition) > 0 ? v.condition : null,
    actionType: v.actionType,
    config: configInput(v),
    priority: v.priority.trim() === "" ? Number.NaN : Number(v.priority),
    enabled: v.enabled,
    inheritPipelineActions: v.inheritPipelineActions,
  };
}

/** `config.steps[1].subject` → `workflow.steps.1.subject`: where the form shows an API error. */
export function formPath(apiPath: string, actionType: ActionType): string {
  const dotted = apiPath.replace(/\[(\d+)\]/g, ".$1");
  if (dotted.startsWith("condition")) return "condition";
  if (dotted === "recordType") return "recordId";
  if (!dotted.startsWith("config")) return dotted.split(".")[0] || "root";
  const rest = dotted.replace(/^config\.?/, "");
  switch (actionType) {
    case "WEBHOOK":
      return rest.startsWith("headers") ? "webhook.headers" : `webhook.${rest.split(".")[0] || "url"}`;
    case "WORKFLOW":
      return rest.match(/^steps\.\d+\.\w+/)?.[0].replace(/^/, "workflow.") ?? "workflow.steps";
    case "EVENT":
      return "event.name";
    case "AIWORKER":
      return rest.startsWith("output") ? "ai.field" : "ai.prompt";
  }
}

/** The condition's errors for the FilterBuilder, whose paths start at "filter". */
export const conditionIssues = (issues: readonly { path: string; message: string }[]) =>
  issues.filter((i) => i.path.startsWith("condition")).map((i) => ({ path: i.path.replace(/^condition/, "filter"), message: i.message }));

/** A stored automation → form values (the WEBHOOK secret is never sent back). */
export function fromAutomation(a: {
  name: string;
  description: string | null;
  entityType: string;
  scopeType: string;
  pipelineId: string | null;
  stageId: string | null;
  listId: string | null;
  recordId: string | null;
  fromStageId?: string | null;
  toStageId?: string | null;
  triggerEvent: string;
  condition: unknown;
  actionType: string;
  config: unknown;
  priority: number;
  enabled: boolean;
  inheritPipelineActions: boolean;
}, recordLabel = ""): FormValues {
  const c = (a.config ?? {}) as Record<string, unknown>;
  const v: FormValues = {
    ...DEFAULT_VALUES,
    name: a.name,
    description: a.description ?? "",
    entityType: a.entityType as EntityType,
    scopeType: a.scopeType as ScopeType,
    pipelineId: a.pipelineId ?? "",
    stageId: a.stageId ?? "",
    listId: a.listId ?? "",
    recordId: a.recordId ?? "",
    recordLabel,
    triggerEvent: a.triggerEvent as TriggerEvent,
    fromStageId: a.fromStageId ?? "",
    toStageId: a.toStageId ?? "",
    condition: (a.condition as FilterGroup | null) ?? EMPTY_FILTER,
    actionType: a.actionType as ActionType,
    priority: String(a.priority),
    enabled: a.enabled,
    inheritPipelineActions: a.inheritPipelineActions,
  };
  const str = (x: unknown) => (x == null ? "" : String(x));
  if (a.actionType === "WEBHOOK") {
    v.webhook = { url: str(c.url), headers: Object.entries((c.headers as Record<string, string>) ?? {}).map(([key, value]) => ({ key, value })), timeoutMs: str(c.timeoutMs) };
  } else if (a.actionType === "WORKFLOW") {
    v.workflow = {
      steps: ((c.steps as Record<string, unknown>[]) ?? []).map((s) => {
        const base = emptyStep(s.type as WorkflowStepType);
        for (const k of Object.keys(base) as (keyof StepValues)[]) if (k !== "type" && s[k] != null) (base as unknown as Record<string, string>)[k] = typeof s[k] === "object" ? JSON.stringify(s[k]) : String(s[k]);
        return base;
      }),
    };
  } else if (a.actionType === "EVENT") {
    v.event = { name: str(c.name) };
  } else if (a.actionType === "AIWORKER") {
    const out = (c.output as { type?: string; field?: string }) ?? {};
    v.ai = { prompt: str(c.prompt), outputType: out.type === "field" ? "field" : "note", field: str(out.field) };
  }
  return v;
}
