// Human labels for pipeline configuration, shared by the settings pages.
import { typeOptions } from "@/components/records/type-labels";
import type { MOVEMENT_MODE_VALUES, PIPELINE_OBJECT_TYPE_VALUES, STAGE_STATE_VALUES } from "@/lib/pipelines/schemas";

export type ObjectType = (typeof PIPELINE_OBJECT_TYPE_VALUES)[number];
export type MovementMode = (typeof MOVEMENT_MODE_VALUES)[number];
export type StageState = (typeof STAGE_STATE_VALUES)[number];

/** Tab order of Settings → Pipelines. */
export const OBJECT_TYPES: { value: ObjectType; label: string; singular: string }[] = typeOptions(["DEAL", "LEAD", "TICKET", "CONTACT", "COMPANY"]);

export const MOVEMENT_MODES: { value: MovementMode; label: string; explanation: string }[] = [
  { value: "FLEXIBLE", label: "Flexible", explanation: "Records may move from any stage to any other stage." },
  {
    value: "ENFORCED",
    label: "Enforced",
    explanation: "Records move one stage at a time, forward or back; any open stage may go to a failed stage, which returns only to where it came from.",
  },
];

export const STAGE_STATES: { value: StageState; label: string }[] = [
  { value: "NOT_STARTED", label: "Not started" },
  { value: "IN_PROGRESS", label: "In progress" },
  { value: "DONE_SUCCESS", label: "Done · success" },
  { value: "DONE_FAILED", label: "Done · failed" },
];

export const modeLabel = (m: MovementMode) => MOVEMENT_MODES.find((x) => x.value === m)?.label ?? m;
export const stageStateLabel = (s: StageState) => STAGE_STATES.find((x) => x.value === s)?.label ?? s;
