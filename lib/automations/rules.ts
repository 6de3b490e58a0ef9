// Which automations a trigger fires, and in what order — pure, no I/O (API.md
// "Automations"). The dispatcher and the dry run both use this.
//
// - ENTITY rules match every trigger of their entity type.
// - RECORD rules match triggers of their one record.
// - LIST rules match list.member_added / list.member_removed of their list.
// - PIPELINE_STAGE rules match stage.entered into / stage.exited from their stage, and
//   record.updated / activity.created of records currently in it.
// - PIPELINE rules match record.* / activity.created of records in their pipeline, and
//   stage events when the event's stage (entered: the new one, exited: the old one)
//   inherits pipeline actions — unless a matching rule of that stage opts out
//   (inheritPipelineActions = false on the stage rule: "this stage does it its own way").
// - fromStageId / toStageId narrow stage events further.
// - An automation never fires on a change its own run made.
// Lower priority first; ties by creation time, then id, so the order is stable.
import { STAGE_EVENTS, type ScopeType, type TriggerEvent } from "./schemas";

export interface RuleLike {
  id: string;
  entityType: string;
  scopeType: ScopeType;
  pipelineId: string | null;
  stageId: string | null;
  listId: string | null;
  recordType: string | null;
  recordId: string | null;
  fromStageId: string | null;
  toStageId: string | null;
  triggerEvent: string;
  priority: number;
  enabled: boolean;
  inheritPipelineActions: boolean;
  createdAt: Date | string;
}

export interface Trigger {
  triggerEvent: TriggerEvent;
  entityType: string;
  entityId: string;
  /** The record's pipeline (stage events: the pipeline of the move). */
  pipelineId: string | null;
  /** The record's current stage. */
  stageId: string | null;
  /** Stage events: the move's stages. */
  fromStageId: string | null;
  toStageId: string | null;
  /** Stage events: whether the event's stage inherits its pipeline's rules. */
  stageInherits: boolean;
  /** List events: the list. */
  listId: string | null;
  /** The automation whose run caused this change, if any. */
  sourceAutomationId: string | null;
}

/** The stage a stage event is about: the one entered, or the one left. */
export function eventStageOf(t: Pick<Trigger, "triggerEvent" | "fromStageId" | "toStageId">): string | null {
  return t.triggerEvent === "stage.entered" ? t.toStageId : t.triggerEvent === "stage.exited" ? t.fromStageId : null;
}

function baseMatch(rule: RuleLike, t: Trigger): boolean {
  if (!rule.enabled || rule.triggerEvent !== t.triggerEvent || rule.entityType !== t.entityType) return false;
  if (rule.id === t.sourceAutomationId) return false;
  if (STAGE_EVENTS.includes(t.triggerEvent)) {
    if (rule.fromStageId && rule.fromStageId !== t.fromStageId) return false;
    if (rule.toStageId && rule.toStageId !== t.toStageId) return false;
  }
  return true;
}

/** Does the rule's own scope cover the trigger (before pipeline inheritance)? */
function scopeMatch(rule: RuleLike, t: Trigger): boolean {
  const isStageEvent = STAGE_EVENTS.includes(t.triggerEvent);
  switch (rule.scopeType) {
    case "ENTITY":
      return true;
    case "RECORD":
      return rule.recordType === t.entityType && rule.recordId === t.entityId;
    case "LIST":
      return t.listId !== null && rule.listId === t.listId;
    case "PIPELINE_STAGE":
      return isStageEvent ? rule.stageId === eventStageOf(t) : t.stageId !== null && rule.stageId === t.stageId;
    case "PIPELINE":
      return t.pipelineId !== null && rule.pipelineId === t.pipelineId;
  }
}

export function compareRules(a: RuleLike, b: RuleLike): number {
  return a.priority - b.priority || new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The rules the trigger fires, in the order they run. */
export function matchRules<R extends RuleLike>(rules: readonly R[], t: Trigger): R[] {
  const candidates = rules.filter((r) => baseMatch(r, t) && scopeMatch(r, t));
  if (STAGE_EVENTS.includes(t.triggerEvent)) {
    const stageOptsOut = candidates.some((r) => r.scopeType === "PIPELINE_STAGE" && !r.inheritPipelineActions);
    const inherit = t.stageInherits && !stageOptsOut;
    return candidates.filter((r) => r.scopeType !== "PIPELINE" || inherit).sort(compareRules);
  }
  return candidates.sort(compareRules);
}
