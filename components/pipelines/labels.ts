// Human labels for pipeline configuration, shared by the settings pages (words from lib/format/labels.ts).
import { typeOptions } from "@/components/records/type-labels";
import { enumOptions, labelFor, MOVEMENT_MODE_EXPLANATIONS } from "@/lib/format/labels";
import type { MOVEMENT_MODE_VALUES, PIPELINE_OBJECT_TYPE_VALUES, STAGE_STATE_VALUES } from "@/lib/pipelines/schemas";

export type ObjectType = (typeof PIPELINE_OBJECT_TYPE_VALUES)[number];
export type MovementMode = (typeof MOVEMENT_MODE_VALUES)[number];
export type StageState = (typeof STAGE_STATE_VALUES)[number];

/** Tab order of Settings → Pipelines. */
export const OBJECT_TYPES: { value: ObjectType; label: string; singular: string }[] = typeOptions(["DEAL", "LEAD", "TICKET", "CONTACT", "COMPANY"]);

export const MOVEMENT_MODES: { value: MovementMode; label: string; explanation: string }[] = enumOptions("PIPELINE_MOVEMENT_MODES").map((o) => ({
  ...o,
  explanation: MOVEMENT_MODE_EXPLANATIONS[o.value],
}));

export const STAGE_STATES: { value: StageState; label: string }[] = enumOptions("PIPELINE_STAGE_STATES");

export const modeLabel = (m: MovementMode) => labelFor("PIPELINE_MOVEMENT_MODES", m);
export const stageStateLabel = (s: StageState) => labelFor("PIPELINE_STAGE_STATES", s);
