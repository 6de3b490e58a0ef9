// zod schemas for activities, shared by the server actions, the REST API and OpenAPI.
// Client-safe: the record page's forms validate with these too.
import { z } from "zod";
import { ACTIVITY_DIRECTIONS, ACTIVITY_TYPES, PRIORITIES } from "@/db/schema/enums";
import { checkRecurrenceRule } from "./recurrence";

/** The records an activity can be attached to. */
export const ACTIVITY_RECORD_TYPES = ["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET"] as const;
export type ActivityRecordType = (typeof ACTIVITY_RECORD_TYPES)[number];
/** Log entries (something that happened) as opposed to a TASK (something to do). */
export const LOG_ACTIVITY_TYPES = ["CALL", "EMAIL", "MEETING", "NOTE"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

const uuid = (what: string) => z.uuid({ message: `must be ${what} id` });
export const activityRecordTypeSchema = z.enum(ACTIVITY_RECORD_TYPES, { error: "must be CONTACT, COMPANY, DEAL, LEAD or TICKET" });
export const activityTypeSchema = z.enum(ACTIVITY_TYPES, { error: "must be CALL, EMAIL, MEETING, NOTE or TASK" });
export const activityDirectionSchema = z.enum(ACTIVITY_DIRECTIONS, { error: "must be INBOUND or OUTBOUND" });

/** Outcomes the composer offers for a call (stored as text: the API takes any outcome). */
export const CALL_OUTCOMES = ["Connected", "Left voicemail", "No answer", "Busy", "Wrong number"] as const;

/** An instant with its offset (`2026-11-24T15:00:00Z`); null clears it in a PATCH. */
const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset, e.g. 2026-11-24T15:00:00Z" });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v === "" ? null : v));

export const recurrenceRuleSchema = z
  .string()
  .max(500, "must be at most 500 characters")
  .transform((v, c) => {
    const r = checkRecurrenceRule(v);
    if (!r.ok) {
      c.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.rule;
  })
  .meta({ description: "An iCal RRULE such as FREQ=WEEKLY;BYDAY=MO (no DTSTART: the due date starts the series)", example: "FREQ=WEEKLY;BYDAY=MO" });

/** Fields a log entry and a task share. */
const editable = {
  subject: z.string().trim().min(1, "is required").max(300, "must be at most 300 characters"),
  body: optionalText(20_000),
  activityAt: instant.optional().meta({ description: "When it happened (log entries); defaults to now" }),
  dueAt: instant.nullish(),
  reminderAt: instant.nullish(),
  priority: z.enum(PRIORITIES, { error: "must be low, medium, high or urgent" }).nullish(),
  outcome: optionalText(300),
  durationSeconds: z.number().int("must be whole seconds").min(0, "must not be negative").max(86_400 * 7, "must be at most 7 days").nullish(),
  direction: activityDirectionSchema.nullish().meta({ description: "A CALL's or an EMAIL's direction" }),
  meetingLocation: optionalText(300).meta({ description: "Where a MEETING takes place (a room, an address or a link)" }),
  meetingAttendees: z
    .array(z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"))
    .max(50, "must be at most 50 attendees")
    .optional()
    .meta({ description: "Who attended a MEETING: names or email addresses" }),
  recurrenceRule: recurrenceRuleSchema.nullish(),
  assignedUserId: uuid("a user").nullish(),
  assignedGroupId: uuid("a group").nullish(),
};

type RuleShape = {
  dueAt?: string | Date | null;
  reminderAt?: string | Date | null;
  recurrenceRule?: string | null;
  direction?: string | null;
  meetingLocation?: string | null;
  meetingAttendees?: readonly string[] | null;
};

/**
 * Rules across fields: only tasks repeat or remind, and a repeating task needs a due date
 * to start from; only a call or an email has a direction; only a meeting a place and attendees.
 */
export function activityRuleIssues(v: RuleShape, type: ActivityType): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const refuse = (when: unknown, path: string, message: string) => {
    if (when) issues.push({ path, message });
  };
  refuse(v.direction && type !== "CALL" && type !== "EMAIL", "direction", "only a CALL or an EMAIL has a direction");
  refuse(v.meetingLocation && type !== "MEETING", "meetingLocation", "only a MEETING has a location");
  refuse(v.meetingAttendees?.length && type !== "MEETING", "meetingAttendees", "only a MEETING has attendees");
  if (type !== "TASK") {
    refuse(v.recurrenceRule, "recurrenceRule", "only a TASK can repeat");
    refuse(v.reminderAt, "reminderAt", "only a TASK has a reminder");
    return issues;
  }
  refuse(v.recurrenceRule && !v.dueAt, "dueAt", "a repeating task needs a due date");
  return issues;
}

export const activityCreateSchema = z
  .object({
    activityType: activityTypeSchema,
    recordType: activityRecordTypeSchema,
    recordId: uuid("a record"),
    ...editable,
  })
  .strict()
  .superRefine((v, c) => {
    for (const i of activityRuleIssues(v, v.activityType)) c.addIssue({ code: "custom", path: [i.path], message: i.message });
  })
  .meta({ id: "ActivityInput" });

/** PATCH: any editable field; the type and the record an activity belongs to never change. */
export const activityUpdateSchema = z.object(editable).partial().strict().meta({ id: "ActivityPatch" });

export const activityListQuerySchema = z.object({
  recordType: activityRecordTypeSchema,
  recordId: uuid("a record"),
  activityType: activityTypeSchema.optional(),
});

export type ActivityCreateInput = z.input<typeof activityCreateSchema>;
export type ActivityUpdateInput = z.input<typeof activityUpdateSchema>;
