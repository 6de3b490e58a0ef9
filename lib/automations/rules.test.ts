// Scope matching and priority as a pure function: every scope, inheritance on and off.
import { describe, expect, it } from "vitest";
import { matchRules, type RuleLike, type Trigger } from "./rules";

const P = "pipeline-1";
const P2 = "pipeline-2";
const S1 = "stage-1";
const S2 = "stage-2";
const L = "list-1";
const REC = "deal-1";

let n = 0;
function rule(over: Partial<RuleLike>): RuleLike {
  n++;
  return {
    id: over.id ?? `r${n}`,
    entityType: "DEAL",
    scopeType: "ENTITY",
    pipelineId: null,
    stageId: null,
    listId: null,
    recordType: null,
    recordId: null,
    fromStageId: null,
    toStageId: null,
    triggerEvent: "stage.entered",
    priority: 100,
    enabled: true,
    inheritPipelineActions: true,
    createdAt: new Date(2026, 0, 1, 0, 0, n),
    ...over,
  };
}

function trigger(over: Partial<Trigger>): Trigger {
  return {
    triggerEvent: "stage.entered",
    entityType: "DEAL",
    entityId: REC,
    pipelineId: P,
    stageId: S2,
    fromStageId: S1,
    toStageId: S2,
    stageInherits: true,
    listId: null,
    sourceAutomationId: null,
    ...over,
  };
}

describe("matchRules: scopes", () => {
  const cases: { name: string; rule: Partial<RuleLike>; trigger: Partial<Trigger>; fires: boolean }[] = [
    { name: "ENTITY always", rule: {}, trigger: {}, fires: true },
    { name: "ENTITY of another entity type", rule: { entityType: "LEAD" }, trigger: {}, fires: false },
    { name: "another trigger event", rule: { triggerEvent: "stage.exited" }, trigger: {}, fires: false },
    { name: "disabled", rule: { enabled: false }, trigger: {}, fires: false },
    { name: "PIPELINE_STAGE entered into its stage", rule: { scopeType: "PIPELINE_STAGE", stageId: S2 }, trigger: {}, fires: true },
    { name: "PIPELINE_STAGE entered into another stage", rule: { scopeType: "PIPELINE_STAGE", stageId: S1 }, trigger: {}, fires: false },
    { name: "PIPELINE_STAGE exited from its stage", rule: { scopeType: "PIPELINE_STAGE", stageId: S1, triggerEvent: "stage.exited" }, trigger: { triggerEvent: "stage.exited" }, fires: true },
    { name: "PIPELINE_STAGE exited: the entered stage is not the one left", rule: { scopeType: "PIPELINE_STAGE", stageId: S2, triggerEvent: "stage.exited" }, trigger: { triggerEvent: "stage.exited" }, fires: false },
    { name: "PIPELINE_STAGE record.updated of a record in the stage", rule: { scopeType: "PIPELINE_STAGE", stageId: S2, triggerEvent: "record.updated" }, trigger: { triggerEvent: "record.updated", fromStageId: null, toStageId: null }, fires: true },
    { name: "PIPELINE_STAGE record.updated of a record elsewhere", rule: { scopeType: "PIPELINE_STAGE", stageId: S1, triggerEvent: "record.updated" }, trigger: { triggerEvent: "record.updated", fromStageId: null, toStageId: null }, fires: false },
    { name: "PIPELINE stage event, stage inherits", rule: { scopeType: "PIPELINE", pipelineId: P }, trigger: { stageInherits: true }, fires: true },
    { name: "PIPELINE stage event, stage does not inherit", rule: { scopeType: "PIPELINE", pipelineId: P }, trigger: { stageInherits: false }, fires: false },
    { name: "PIPELINE of another pipeline", rule: { scopeType: "PIPELINE", pipelineId: P2 }, trigger: {}, fires: false },
    { name: "PIPELINE record.updated in the pipeline (inheritance is for stage events)", rule: { scopeType: "PIPELINE", pipelineId: P, triggerEvent: "record.updated" }, trigger: { triggerEvent: "record.updated", stageInherits: false }, fires: true },
    { name: "PIPELINE record.created of a record in another pipeline", rule: { scopeType: "PIPELINE", pipelineId: P2, triggerEvent: "record.created" }, trigger: { triggerEvent: "record.created" }, fires: false },
    { name: "LIST member added to its list", rule: { scopeType: "LIST", listId: L, triggerEvent: "list.member_added" }, trigger: { triggerEvent: "list.member_added", listId: L }, fires: true },
    { name: "LIST member added to another list", rule: { scopeType: "LIST", listId: L, triggerEvent: "list.member_added" }, trigger: { triggerEvent: "list.member_added", listId: "list-2" }, fires: false },
    { name: "RECORD its record", rule: { scopeType: "RECORD", recordType: "DEAL", recordId: REC }, trigger: {}, fires: true },
    { name: "RECORD another record", rule: { scopeType: "RECORD", recordType: "DEAL", recordId: "deal-2" }, trigger: {}, fires: false },
    { name: "toStageId narrows stage events (match)", rule: { toStageId: S2 }, trigger: {}, fires: true },
    { name: "toStageId narrows stage events (no match)", rule: { toStageId: S1 }, trigger: {}, fires: false },
    { name: "fromStageId narrows stage events (no match)", rule: { fromStageId: S2 }, trigger: {}, fires: false },
    { name: "the change was made by this automation", rule: { id: "self" }, trigger: { sourceAutomationId: "self" }, fires: false },
    { name: "the change was made by another automation", rule: { id: "other" }, trigger: { sourceAutomationId: "self" }, fires: true },
  ];
  it.each(cases)("$name → fires: $fires", ({ rule: r, trigger: t, fires }) => {
    const x = rule(r);
    expect(matchRules([x], trigger(t)).map((m) => m.id)).toEqual(fires ? [x.id] : []);
  });
});

describe("matchRules: inheritance and order", () => {
  it("runs stage, pipeline and entity rules by priority, then creation", () => {
    const entity = rule({ id: "entity", priority: 50 });
    const stage = rule({ id: "stage", scopeType: "PIPELINE_STAGE", stageId: S2, priority: 10 });
    const pipeA = rule({ id: "pipeA", scopeType: "PIPELINE", pipelineId: P, priority: 50 });
    const pipeB = rule({ id: "pipeB", scopeType: "PIPELINE", pipelineId: P, priority: 5 });
    expect(matchRules([entity, pipeA, stage, pipeB], trigger({})).map((r) => r.id)).toEqual(["pipeB", "stage", "entity", "pipeA"]);
  });

  it("a stage rule that does not inherit keeps the pipeline's rules out, the entity's in", () => {
    const stage = rule({ id: "stage", scopeType: "PIPELINE_STAGE", stageId: S2, inheritPipelineActions: false });
    const pipe = rule({ id: "pipe", scopeType: "PIPELINE", pipelineId: P });
    const entity = rule({ id: "entity" });
    expect(matchRules([stage, pipe, entity], trigger({})).map((r) => r.id)).toEqual(["stage", "entity"]);
    const inheriting = { ...stage, inheritPipelineActions: true };
    expect(matchRules([inheriting, pipe, entity], trigger({})).map((r) => r.id).sort()).toEqual(["entity", "pipe", "stage"]);
  });

  it("a stage that does not inherit runs its own rules but not the pipeline's", () => {
    const stage = rule({ id: "stage", scopeType: "PIPELINE_STAGE", stageId: S2 });
    const pipe = rule({ id: "pipe", scopeType: "PIPELINE", pipelineId: P });
    expect(matchRules([stage, pipe], trigger({ stageInherits: false })).map((r) => r.id)).toEqual(["stage"]);
    expect(matchRules([stage, pipe], trigger({ stageInherits: true })).map((r) => r.id).sort()).toEqual(["pipe", "stage"]);
  });
});
