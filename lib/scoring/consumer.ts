// Scores follow their leads: after each committed change of a lead (created, updated,
// moved, restored) or of an activity on a lead, rescore that lead (set-based SQL, one
// statement). lead.scored events are not handled, so a rescore never feeds itself.
import "server-only";
import type { EventConsumer } from "@/lib/events/dispatcher";
import { rescoreLeadsIn } from "./service";

const LEAD_EVENTS = new Set(["record.created", "record.updated", "stage.changed", "list.member_added", "list.member_removed"]);
const ACTIVITY_EVENTS = new Set(["activity.created", "activity.updated"]);

export const leadScoringConsumer: EventConsumer = {
  name: "lead-scoring",
  handles: (e) => e.entityType === "LEAD" && !!e.entityId && (LEAD_EVENTS.has(e.eventType) || ACTIVITY_EVENTS.has(e.eventType)),
  async handle(tx, ctx, event) {
    await rescoreLeadsIn(tx, ctx, [event.entityId!]);
  },
};
