import type { PIPELINE_MOVEMENT_MODES, PIPELINE_OBJECT_TYPES, PIPELINE_STAGE_STATES } from "@/db/schema/enums";

type StageState = (typeof PIPELINE_STAGE_STATES)[number];

export interface StageTemplate {
  name: string;
  stageState: StageState;
  probability: string;
  color: string;
  expectedDays?: number;
}

export interface PipelineTemplate {
  name: string;
  pipelineKey: string;
  objectType: (typeof PIPELINE_OBJECT_TYPES)[number];
  movementMode: (typeof PIPELINE_MOVEMENT_MODES)[number];
  stages: StageTemplate[];
}

/** The legacy stage_type kept in step with stage_state. */
export function stageTypeFor(state: StageState): "OPEN" | "SUCCESS" | "FAILED" {
  return state === "DONE_SUCCESS" ? "SUCCESS" : state === "DONE_FAILED" ? "FAILED" : "OPEN";
}

/** Seed 001's default "Sales Pipeline", with its probabilities and colours. */
export const SALES_PIPELINE: PipelineTemplate = {
  name: "Sales Pipeline",
  pipelineKey: "sales",
  objectType: "DEAL",
  movementMode: "FLEXIBLE",
  stages: [
    { name: "Prospecting", stageState: "NOT_STARTED", probability: "0.10", color: "#6B7280", expectedDays: 14 },
    { name: "Qualification", stageState: "IN_PROGRESS", probability: "0.25", color: "#3B82F6", expectedDays: 14 },
    { name: "Proposal", stageState: "IN_PROGRESS", probability: "0.50", color: "#8B5CF6", expectedDays: 21 },
    { name: "Negotiation", stageState: "IN_PROGRESS", probability: "0.75", color: "#F59E0B", expectedDays: 21 },
    { name: "Closed Won", stageState: "DONE_SUCCESS", probability: "1.00", color: "#10B981" },
    { name: "Closed Lost", stageState: "DONE_FAILED", probability: "0.00", color: "#EF4444" },
  ],
};

export const LEAD_PIPELINE: PipelineTemplate = {
  name: "Lead Qualification",
  pipelineKey: "leads",
  objectType: "LEAD",
  movementMode: "FLEXIBLE",
  stages: [
    { name: "New", stageState: "NOT_STARTED", probability: "0.05", color: "#6B7280", expectedDays: 3 },
    { name: "Contacted", stageState: "IN_PROGRESS", probability: "0.15", color: "#3B82F6", expectedDays: 7 },
    { name: "Qualified", stageState: "IN_PROGRESS", probability: "0.40", color: "#8B5CF6", expectedDays: 14 },
    { name: "Converted", stageState: "DONE_SUCCESS", probability: "1.00", color: "#10B981" },
    { name: "Disqualified", stageState: "DONE_FAILED", probability: "0.00", color: "#EF4444" },
  ],
};

export const SUPPORT_PIPELINE: PipelineTemplate = {
  name: "Support",
  pipelineKey: "support",
  objectType: "TICKET",
  movementMode: "ENFORCED",
  stages: [
    { name: "New", stageState: "NOT_STARTED", probability: "0", color: "#6B7280", expectedDays: 1 },
    { name: "In Progress", stageState: "IN_PROGRESS", probability: "0", color: "#3B82F6", expectedDays: 3 },
    { name: "Waiting on Customer", stageState: "IN_PROGRESS", probability: "0", color: "#F59E0B", expectedDays: 5 },
    { name: "Resolved", stageState: "DONE_SUCCESS", probability: "0", color: "#10B981" },
    { name: "Closed Unresolved", stageState: "DONE_FAILED", probability: "0", color: "#EF4444" },
  ],
};

export const DEFAULT_PIPELINES = [SALES_PIPELINE, LEAD_PIPELINE, SUPPORT_PIPELINE];
