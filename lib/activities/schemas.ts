// zod schemas for activities, shared by the server actions, the REST API and OpenAPI.
// Client-safe: the record page's forms validate with these too.
import { z } from "zod";
import { ACTIVITY_TYPES, PRIORITIES } from "@/db/schema/enums";
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
  durationSeconds: z.number().int("must be whole seconds").min(0).max(86_400 * 7).nullish(),
  recurrenceRule: recurrenceRuleSchema.nullish(),
  assignedUserId: uuid("a user").nullish(),
  assignedGroupId: uuid("a group").nullish(),
};

type TaskShape = { dueAt?: string | Date | null; reminderAt?: string | Date | null; recurrenceRule?: string | null };

/** Rules across fields: only tasks repeat or remind; a repeating task needs a due date to start from. */
export function activityRuleIssues(v: TaskShape, isTask: boolean): { path: string; message: string }[] {
  if (!isTask) {
    return [
      ...(v.recurrenceRule ? [{ path: "recurrenceRule", message: "only a TASK can repeat" }] : []),
      ...(v.reminderAt ? [{ path: "reminderAt", message: "only a TASK has a reminder" }] : []),
    ];
  }
  return v.recurrenceRule && !v.dueAt ? [{ path: "dueAt", message: "a repeating task needs a due date" }] : [];
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
    for (const i of activityRuleIssues(v, v.activityType === "TASK")) c.addIssue({ code: "custom", path: [i.path], message: i.message });
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
