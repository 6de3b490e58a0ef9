// Dynamic lists follow record changes by themselves: after each committed change of a
// record (or an activity), re-evaluate that one record against every DYNAMIC list of its type. A change
// of a company also re-evaluates its contacts, deals and tickets against the lists that
// read company fields; a manual change of a list's members re-evaluates the record
// against the dynamic lists that name that list (rule changes are already followed
// within reevaluateRecord itself).
import "server-only";
import type { EventConsumer } from "@/lib/events/dispatcher";
import { reevaluateCompanyRelated, reevaluateRecord } from "./dynamic";
import { type ListObjectType } from "./model";

// lead.scored: a rescore (lib/scoring) changed a lead's score, which a list may filter on
const RECORD_EVENTS = new Set(["record.created", "record.updated", "record.deleted", "stage.changed", "lead.scored"]);
const LIST_EVENTS = new Set(["list.member_added", "list.member_removed"]);
const TYPES = new Set<string>(["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET"]);

const ACTIVITY_EVENTS = new Set(["activity.created", "activity.updated"]);

/** Activity events name the record the activity is on; the activity itself is payload.activityId. */
const activityIdOf = (payload: unknown): string | null => {
  const id = (payload as { activityId?: unknown } | null)?.activityId;
  return typeof id === "string" ? id : null;
};

const manualListChange = (payload: unknown): payload is { listId: string } => {
  const p = payload as { listId?: unknown; source?: unknown } | null;
  return typeof p?.listId === "string" && p.source !== "RULE";
};

export const dynamicListsConsumer: EventConsumer = {
  name: "dynamic-lists",
  handles: (e) =>
    (ACTIVITY_EVENTS.has(e.eventType) && activityIdOf(e.payload) !== null) ||
    (!!e.entityType && TYPES.has(e.entityType) && !!e.entityId && (RECORD_EVENTS.has(e.eventType) || (LIST_EVENTS.has(e.eventType) && manualListChange(e.payload)))),
  async handle(tx, ctx, event) {
    const activityId = ACTIVITY_EVENTS.has(event.eventType) ? activityIdOf(event.payload) : null;
    if (activityId) return void (await reevaluateRecord(tx, ctx, "ACTIVITY", activityId));
    const type = event.entityType as ListObjectType;
    if (LIST_EVENTS.has(event.eventType)) {
      if (manualListChange(event.payload)) await reevaluateRecord(tx, ctx, type, event.entityId!, { dependingOn: event.payload.listId });
      return;
    }
    await reevaluateRecord(tx, ctx, type, event.entityId!);
    if (type === "COMPANY") await reevaluateCompanyRelated(tx, ctx, event.entityId!);
  },
};
