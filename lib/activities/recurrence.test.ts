import { describe, expect, it } from "vitest";
import { checkRecurrenceRule, describeRecurrence, nextOccurrence } from "./recurrence";
import { activityCreateSchema } from "./schemas";

describe("checkRecurrenceRule", () => {
  it.each([
    ["FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"],
    ["RRULE:FREQ=DAILY;COUNT=3", "FREQ=DAILY;COUNT=3"],
    ["  FREQ=MONTHLY;BYMONTHDAY=1 ", "FREQ=MONTHLY;BYMONTHDAY=1"],
    ["FREQ=DAILY;INTERVAL=2;UNTIL=20270101T000000Z", "FREQ=DAILY;INTERVAL=2;UNTIL=20270101T000000Z"],
  ])("accepts %s", (input, normalized) => {
    expect(checkRecurrenceRule(input)).toEqual({ ok: true, rule: normalized });
  });

  it.each([
    ["", "is empty"],
    ["garbage", "not a valid iCal RRULE"],
    ["FREQ=NOPE", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"],
    ["FREQ=DAILY;FOO=1", "not a valid iCal RRULE"],
    ["INTERVAL=2", "needs a FREQ"],
    ["FREQ=HOURLY", "at most daily"],
    ["FREQ=DAILY;INTERVAL=0", "INTERVAL"],
    ["DTSTART:20250101T000000Z\nRRULE:FREQ=DAILY", "without DTSTART"],
  ])("refuses %j", (input, message) => {
    const r = checkRecurrenceRule(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it("is what the activity schema uses: a bad rule is a validation issue on recurrenceRule", () => {
    const base = { activityType: "TASK", recordType: "CONTACT", recordId: "00000000-0000-4000-8000-000000000001", subject: "Call back", dueAt: "2026-01-05T09:00:00Z" } as const;
    const bad = activityCreateSchema.safeParse({ ...base, recurrenceRule: "FREQ=SOMETIMES" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["recurrenceRule"]);
    expect(activityCreateSchema.parse({ ...base, recurrenceRule: "RRULE:FREQ=WEEKLY" }).recurrenceRule).toBe("FREQ=WEEKLY");
    const noDue = activityCreateSchema.safeParse({ ...base, dueAt: undefined, recurrenceRule: "FREQ=WEEKLY" });
    expect(noDue.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["dueAt", "a repeating task needs a due date"]]);
    const onCall = activityCreateSchema.safeParse({ ...base, activityType: "CALL", recurrenceRule: "FREQ=WEEKLY" });
    expect(onCall.error?.issues.map((i) => i.path.join("."))).toEqual(["recurrenceRule"]);
  });
});

describe("nextOccurrence", () => {
  const monday = new Date("2026-01-05T09:00:00Z");

  it("steps through a weekly series from the series start", () => {
    const second = nextOccurrence("FREQ=WEEKLY;BYDAY=MO,TH", monday, monday);
    expect(second?.toISOString()).toBe("2026-01-08T09:00:00.000Z");
    expect(nextOccurrence("FREQ=WEEKLY;BYDAY=MO,TH", monday, second!)?.toISOString()).toBe("2026-01-12T09:00:00.000Z");
  });

  it("keeps the time of day and handles month ends", () => {
    const jan31 = new Date("2026-01-31T16:30:00Z");
    expect(nextOccurrence("FREQ=MONTHLY;BYMONTHDAY=-1", jan31, jan31)?.toISOString()).toBe("2026-02-28T16:30:00.000Z");
  });

  it("ends the series at COUNT and UNTIL", () => {
    const second = nextOccurrence("FREQ=DAILY;COUNT=2", monday, monday);
    expect(second?.toISOString()).toBe("2026-01-06T09:00:00.000Z");
    expect(nextOccurrence("FREQ=DAILY;COUNT=2", monday, second!)).toBeNull();
    expect(nextOccurrence("FREQ=DAILY;UNTIL=20260106T000000Z", monday, monday)).toBeNull();
  });

  it("describes a rule in words", () => {
    expect(describeRecurrence("FREQ=WEEKLY;BYDAY=MO")).toBe("every week on Monday");
  });
});
