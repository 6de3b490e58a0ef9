// What a notification says about an event. Pure: tested without the worker.
import { activityNoun, fieldLabel, valueText } from "@/lib/timeline/labels";

export interface DescribedEvent {
  eventType: string;
  entityType: string | null;
  payload: Record<string, unknown>;
}

/** Title (what happened to which record) and body (the details, and who did it). */
export function describeEvent(event: DescribedEvent, actorName: string | null): { title: string; body: string | null } {
  const p = event.payload;
  const record = String(p.title ?? event.entityType?.toLowerCase() ?? "A record");
  const by = actorName ? `by ${actorName}` : null;
  const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" · ") || null;
  switch (event.eventType) {
    case "stage.changed":
      return {
        title: `${record} moved to ${String(p.toStageName ?? "another stage")}`,
        body: join(p.fromStageName ? `${String(p.fromStageName)} → ${String(p.toStageName)}` : null, p.override ? "forced move" : null, by),
      };
    case "activity.created": {
      const noun = activityNoun(String(p.activityType ?? ""));
      // a synced email's event carries no subject (lib/email/visibility.ts)
      return { title: p.subject ? `New ${noun} on ${record}: ${String(p.subject)}` : `New ${noun} on ${record}`, body: by };
    }
    case "record.deleted":
      return { title: `${record} was deleted`, body: by };
    case "record.updated": {
      if (p.restored) return { title: `${record} was restored`, body: by };
      const changes = (p.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
      const fields = Object.entries(changes)
        .slice(0, 5)
        .map(([k, c]) => `${fieldLabel(k)}: ${valueText(c.from, 40, k)} → ${valueText(c.to, 40, k)}`);
      const more = Object.keys(changes).length > 5 ? `and ${Object.keys(changes).length - 5} more` : null;
      return { title: `${record} was changed`, body: join(fields.join("; ") || null, more, by) };
    }
    default:
      return { title: `${record} was changed`, body: by };
  }
}
