// One line of a call's or a meeting's facts for the timeline ("Outbound call · 12 min ·
// Connected"). Client-safe, pure.
import type { TimelineActivity } from "@/lib/timeline/types";

type Facts = Pick<TimelineActivity, "activityType" | "direction" | "durationSeconds" | "outcome" | "meetingLocation" | "meetingAttendees">;

/** 45 → "45 s", 720 → "12 min", 3900 → "1 h 5 min". */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${minutes / 60} h`;
}

const NOUN = { CALL: "call", EMAIL: "email", MEETING: "meeting" } as const;

/** The facts of a call, email or meeting joined by " · "; null when it has none to say. */
export function communicationSummary(a: Facts): string | null {
  if (a.activityType !== "CALL" && a.activityType !== "EMAIL" && a.activityType !== "MEETING") return a.outcome ? `Outcome: ${a.outcome}` : null;
  const noun = NOUN[a.activityType];
  const head = a.direction ? `${a.direction === "INBOUND" ? "Inbound" : "Outbound"} ${noun}` : null;
  const parts = [
    head,
    a.durationSeconds !== null && a.durationSeconds !== undefined ? durationText(a.durationSeconds) : null,
    a.outcome,
    a.meetingLocation ? `at ${a.meetingLocation}` : null,
    a.meetingAttendees?.length ? `with ${a.meetingAttendees.join(", ")}` : null,
  ].filter((p): p is string => !!p);
  if (parts.length === 0) return null;
  if (!head) parts[0] = parts[0]!.charAt(0).toUpperCase() + parts[0]!.slice(1);
  return parts.join(" · ");
}
