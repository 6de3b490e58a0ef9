// Form values ↔ activity API input for the composer, validated with the API's schema.
import type { FieldErrors, Resolver } from "react-hook-form";
import { activityCreateSchema } from "@/lib/activities/schemas";

export type RecordKindForActivity = "COMPANY" | "CONTACT" | "DEAL" | "LEAD" | "TICKET";

/** `datetime-local` text (the reader's zone) → ISO instant; invalid text passes through for the schema to refuse. */
export function localToIso(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

export interface LogValues {
  activityType: "CALL" | "EMAIL" | "MEETING" | "NOTE";
  subject: string;
  body: string;
  activityAt: string;
  /** A call's: "" (not said), INBOUND or OUTBOUND. */
  direction: "" | "INBOUND" | "OUTBOUND";
  /** A call's or a meeting's length in minutes, as typed. */
  durationMinutes: string;
  /** A call's outcome, one of CALL_OUTCOMES or "". */
  outcome: string;
  meetingLocation: string;
  meetingAttendees: string[];
}

export const EMPTY_LOG: LogValues = { activityType: "CALL", subject: "", body: "", activityAt: "", direction: "", durationMinutes: "", outcome: "", meetingLocation: "", meetingAttendees: [] };

/** "12" → 720 seconds; "" → undefined; anything else passes through for the schema to refuse. */
export function minutesToSeconds(v: string): number | string | undefined {
  const t = v.trim();
  if (t === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Math.round(Number(t) * 60) : t;
}

/** Where the API's field names land in the composer's form. */
export const LOG_RENAME: Record<string, string> = { durationSeconds: "durationMinutes" };

export interface TaskValues {
  subject: string;
  body: string;
  dueAt: string;
  reminderAt: string;
  priority: string;
  /** `user:<id>` or `group:<id>`. */
  assignee: string;
  /** A preset RRULE, "" for none, or "custom". */
  repeat: string;
  recurrenceRule: string;
}

export const REPEAT_PRESETS = [
  { value: "", label: "Does not repeat" },
  { value: "FREQ=DAILY", label: "Every day" },
  { value: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", label: "Every weekday" },
  { value: "FREQ=WEEKLY", label: "Every week" },
  { value: "FREQ=MONTHLY", label: "Every month" },
  { value: "custom", label: "Custom (iCal RRULE)…" },
] as const;

/** The composer's values as API input: only the fields of the chosen type are sent. */
export function logInput(v: LogValues, kind: RecordKindForActivity, recordId: string) {
  const call = v.activityType === "CALL";
  const meeting = v.activityType === "MEETING";
  return {
    activityType: v.activityType,
    recordType: kind,
    recordId,
    subject: v.subject,
    body: v.body || null,
    activityAt: localToIso(v.activityAt),
    ...(call && v.direction ? { direction: v.direction } : {}),
    ...(call && v.outcome ? { outcome: v.outcome } : {}),
    ...((call || meeting) && minutesToSeconds(v.durationMinutes) !== undefined ? { durationSeconds: minutesToSeconds(v.durationMinutes) as number } : {}),
    ...(meeting && v.meetingLocation.trim() ? { meetingLocation: v.meetingLocation } : {}),
    ...(meeting && v.meetingAttendees.length ? { meetingAttendees: v.meetingAttendees } : {}),
  };
}

export function taskInput(v: TaskValues, kind: RecordKindForActivity, recordId: string) {
  const [type, id] = v.assignee.split(":");
  return {
    activityType: "TASK" as const,
    recordType: kind,
    recordId,
    subject: v.subject,
    body: v.body || null,
    dueAt: localToIso(v.dueAt) ?? null,
    reminderAt: localToIso(v.reminderAt) ?? null,
    priority: (v.priority || null) as never,
    assignedUserId: type === "user" ? id : null,
    assignedGroupId: type === "group" ? id : null,
    recurrenceRule: v.repeat === "custom" ? v.recurrenceRule : v.repeat || null,
  };
}

/** Validates with activityCreateSchema; API paths map back to form fields (`rename`). */
export function activityResolver<V extends object>(toInput: (v: V) => unknown, rename: Record<string, string> = {}): Resolver<V> {
  return async (values) => {
    const r = activityCreateSchema.safeParse(toInput(values));
    if (r.success) return { values, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of r.error.issues) {
      const path = String(issue.path[0] ?? "root");
      const name = rename[path] ?? path;
      errors[name] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}
