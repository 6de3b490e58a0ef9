// Recurring tasks (seed 003: an iCal RRULE). Pure functions, no I/O: the rule is stored
// without DTSTART; the due date of the first task of the series is its start.
import { RRule } from "./rrule";

export type RecurrenceCheck = { ok: true; rule: string } | { ok: false; message: string };

/** Accepts `FREQ=WEEKLY;BYDAY=MO` or `RRULE:FREQ=WEEKLY;BYDAY=MO`; answers the normalised rule (no `RRULE:` prefix). */
export function checkRecurrenceRule(input: string): RecurrenceCheck {
  const text = input.trim().replace(/^RRULE:/i, "");
  if (!text) return { ok: false, message: "is empty" };
  if (/[\r\n]|DTSTART|EXDATE|RDATE/i.test(text)) return { ok: false, message: "must be a single RRULE without DTSTART, EXDATE or RDATE (the due date starts the series)" };
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(text);
  } catch (err) {
    return { ok: false, message: `is not a valid iCal RRULE (${err instanceof Error ? err.message : "unreadable"})` };
  }
  if (options.freq === undefined || options.freq === null) {
    return { ok: false, message: /FREQ=/i.test(text) ? "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY" : "needs a FREQ (e.g. FREQ=WEEKLY)" };
  }
  if (options.freq > RRule.DAILY) return { ok: false, message: "must repeat at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)" };
  if (options.interval !== undefined && options.interval !== null && (!Number.isInteger(options.interval) || options.interval < 1)) {
    return { ok: false, message: "INTERVAL must be a positive whole number" };
  }
  try {
    // Building the rule and asking for one date catches out-of-range parts (BYHOUR=25 ...).
    const rule = new RRule({ ...options, dtstart: new Date(Date.UTC(2000, 0, 1)) });
    rule.after(new Date(Date.UTC(2000, 0, 1)), true);
    return { ok: true, rule: RRule.optionsToString(options).replace(/^RRULE:/, "") };
  } catch (err) {
    return { ok: false, message: `is not a valid iCal RRULE (${err instanceof Error ? err.message : "unreadable"})` };
  }
}

/**
 * The due date of the occurrence after `currentDue` in a series that started at
 * `seriesStart` (the first task's due date), or null when the series is over
 * (COUNT or UNTIL reached).
 */
export function nextOccurrence(rule: string, seriesStart: Date, currentDue: Date): Date | null {
  const options = RRule.parseString(rule.replace(/^RRULE:/i, ""));
  const r = new RRule({ ...options, dtstart: seriesStart });
  return r.after(currentDue, false);
}

/** "every week on Monday": for labels. */
export function describeRecurrence(rule: string): string {
  try {
    return RRule.fromString(rule.replace(/^RRULE:/i, "")).toText();
  } catch {
    return rule;
  }
}
