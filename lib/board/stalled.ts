// When a card is "stalled": it has sat in an open stage longer than the stage's expected
// days. A stage without expected days, or a closed (DONE_*) stage, never stalls a card.
// Pure: the board's query and the demo seed's test use the same rule.
import type { BoardStage } from "./types";

export function isStalled(stage: Pick<BoardStage, "stageState" | "expectedDays">, daysInStage: number | null): boolean {
  if (stage.expectedDays === null || daysInStage === null) return false;
  if (stage.stageState === "DONE_SUCCESS" || stage.stageState === "DONE_FAILED") return false;
  return daysInStage > stage.expectedDays;
}
