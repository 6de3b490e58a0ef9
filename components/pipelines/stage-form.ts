// The stage editor's form values: every stage of the pipeline in one form (one Save),
// keyed by stage id so reordering never mixes up whose edits are whose.
import type { StageJson } from "@/lib/pipelines/queries";
import type { StageState } from "./labels";

export interface StageFormValues {
  name: string;
  color: string;
  stageState: StageState;
  /** 0–100 in the UI; stored as 0–1. */
  probabilityPct: string;
  expectedDays: string;
  requiredFields: string[];
  inheritPipelineActions: boolean;
}

export interface StagesForm {
  stages: Record<string, StageFormValues>;
}

export const toStageForm = (s: StageJson): StageFormValues => ({
  name: s.name,
  color: s.color.toLowerCase(),
  stageState: s.stageState,
  probabilityPct: String(Math.round(s.probability * 10000) / 100),
  expectedDays: s.expectedDays === null ? "" : String(s.expectedDays),
  requiredFields: s.requiredFields,
  inheritPipelineActions: s.inheritPipelineActions,
});

export const stagesForm = (stages: StageJson[]): StagesForm => ({ stages: Object.fromEntries(stages.map((s) => [s.id, toStageForm(s)])) });

const same = (a: StageFormValues, b: StageFormValues) => JSON.stringify(a) === JSON.stringify(b);

/** The edited stages as the action takes them, or the first problem found, naming its stage. */
export function stagePatches(stages: StageJson[], values: StagesForm): { patches: ({ stageId: string } & Record<string, unknown>)[] } | { problem: string } {
  const patches: ({ stageId: string } & Record<string, unknown>)[] = [];
  for (const stage of stages) {
    const v = values.stages[stage.id];
    if (!v || same(v, toStageForm(stage))) continue;
    const pct = Number(v.probabilityPct);
    if (v.probabilityPct.trim() === "" || !Number.isFinite(pct) || pct < 0 || pct > 100) return { problem: `Stage ${stage.name}: probability must be between 0 and 100%` };
    const days = v.expectedDays.trim() === "" ? null : Number(v.expectedDays);
    if (days !== null && (!Number.isInteger(days) || days < 1)) return { problem: `Stage ${stage.name}: expected days must be a whole number of at least 1, or empty` };
    patches.push({
      stageId: stage.id,
      name: v.name,
      color: v.color,
      stageState: v.stageState,
      probability: String(pct / 100),
      expectedDays: days,
      requiredFields: v.requiredFields,
      inheritPipelineActions: v.inheritPipelineActions,
    });
  }
  return { patches };
}
