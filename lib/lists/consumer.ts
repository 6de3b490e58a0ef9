// Dynamic lists follow record changes by themselves: after each committed change of a
// record, re-evaluate that one record against every DYNAMIC list of its type.
import type { EventConsumer } from "@/lib/events/dispatcher";
import { reevaluateRecord, type ListObjectType } from "./service";

const EVENTS = new Set(["record.created", "record.updated", "record.deleted", "stage.changed"]);
const TYPES = new Set<string>(["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET"]);

export const dynamicListsConsumer: EventConsumer = {
  name: "dynamic-lists",
  handles: (e) => EVENTS.has(e.eventType) && !!e.entityType && TYPES.has(e.entityType) && !!e.entityId,
  async handle(tx, ctx, event) {
    await reevaluateRecord(tx, ctx, event.entityType as ListObjectType, event.entityId!);
  },
};
