// Value rules shared by the validator, the SQL compiler and the in-memory evaluator:
// what a date / number / uuid value may look like and what it resolves to.
import { milliseconds } from "date-fns";
import Decimal from "decimal.js-light";
import { shiftDay, utcDayOf, utcDayStart } from "@/lib/days";

/** The acting user, for user-id fields. */
export const ME = "me";

/** A uuid value resolved for comparison: lowercase, with "me" → the acting user (null: nobody). */
export function resolveUuid(value: string, userId: string | null): string | null {
  if (value === ME) return userId ? userId.toLowerCase() : null;
  return value.toLowerCase();
}

// ---- numbers ---------------------------------------------------------------------------

/** A string stored in a NUMBER custom field counts as a number only in this form (same regex in SQL). */
export const NUMERIC_TEXT_SQL = "^-?[0-9]+([.][0-9]+)?$";
export const NUMERIC_TEXT = new RegExp(NUMERIC_TEXT_SQL);

/** Decimal text of a filter's number value, bound as `::numeric` and compared exactly. */
export function numberText(value: number | string): string {
  return typeof value === "number" ? String(value) : value;
}

/** Exact comparison of decimal texts (numeric columns arrive as strings; floats would round). */
export function compareDecimal(a: string, b: string): number {
  return new Decimal(a).cmp(b);
}

// ---- dates -----------------------------------------------------------------------------

const DAY_RE = /^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$/;
const INSTANT_RE = /^([1-9][0-9]{3}-[0-9]{2}-[0-9]{2})T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const RELATIVE_RE = /^(?:now(?:([+-])([0-9]{1,5})([hdw]))?|today(?:([+-])([0-9]{1,5})([dw]))?)$/;
const UNITS = { h: "hours", d: "days", w: "weeks" } as const;

/** A calendar day (UTC) or an instant, after relative values are resolved against `now`. */
export type ResolvedDate = { day: string } | { instant: number };

export const dayOfMs = (ms: number): string => utcDayOf(ms);
const dayStartMs = (day: string): number => utcDayStart(day).getTime();
// 2024-99-99 parses to NaN, which dayOfMs cannot format: not a day
const isRealDay = (day: string): boolean => DAY_RE.test(day) && Number.isFinite(dayStartMs(day)) && dayOfMs(dayStartMs(day)) === day;

/**
 * Date values: "YYYY-MM-DD" (a whole UTC day); an ISO date-time ("2024-05-01T10:00:00Z",
 * no offset = UTC) (an instant); or relative to the compile/evaluate time: "now",
 * "now-2h", "now+3d", "today", "today-7d", "today+1w" (units h, d, w; "today" is a UTC day).
 * Returns null for anything else.
 */
export function resolveDate(value: string, now: Date): ResolvedDate | null {
  if (DAY_RE.test(value)) return isRealDay(value) ? { day: value } : null;
  const i = INSTANT_RE.exec(value);
  if (i) {
    const ms = Date.parse(i[2] ? value : `${value}Z`);
    return isRealDay(i[1]!) && Number.isFinite(ms) ? { instant: ms } : null;
  }
  const r = RELATIVE_RE.exec(value);
  if (!r) return null;
  const [sign, amount, letter] = r[1] ? [r[1], r[2], r[3]] : [r[4], r[5], r[6]];
  const n = sign ? (sign === "-" ? -1 : 1) * Number(amount) : 0;
  const unit = UNITS[(letter ?? "d") as keyof typeof UNITS];
  // "now±…" moves by exact hours (a day is 24 of them); "today±…" by calendar days of UTC
  if (value.startsWith("now")) return { instant: now.getTime() + milliseconds({ [unit]: n }) };
  return { day: shiftDay(dayOfMs(now.getTime()), unit === "weeks" ? 7 * n : n) };
}

/** Whether a date value is relative to the clock ("now-2h", "today+1w"): its meaning moves with time. */
export function isRelativeDate(value: string): boolean {
  return RELATIVE_RE.test(value);
}

/** The span of instants a date value covers: a day is [00:00, next 00:00), an instant is itself. */
export function instantSpan(d: ResolvedDate): { lo: number; hi: number; hiInclusive: boolean } {
  return "day" in d ? { lo: dayStartMs(d.day), hi: dayStartMs(shiftDay(d.day, 1)), hiInclusive: false } : { lo: d.instant, hi: d.instant, hiInclusive: true };
}

/** The calendar day (UTC) of a date value, for day-granular fields. */
export function dayOf(d: ResolvedDate): string {
  return "day" in d ? d.day : dayOfMs(d.instant);
}

/**
 * withinLastDays n: [now − n days, now]; withinNextDays n: [now, now + n days], both ends
 * included. For day-granular fields the same with today's UTC day in place of now.
 */
export function withinWindow(op: "withinLastDays" | "withinNextDays", days: number, now: Date): { lo: number; hi: number; loDay: string; hiDay: string } {
  const t = now.getTime();
  const today = dayOfMs(t);
  const span = milliseconds({ days });
  return op === "withinLastDays"
    ? { lo: t - span, hi: t, loDay: shiftDay(today, -days), hiDay: today }
    : { lo: t, hi: t + span, loDay: today, hiDay: shiftDay(today, days) };
}

/** Day-granular values in stored text: a custom DATE counts only if it starts with YYYY-MM-DD. */
export const DAY_PREFIX_SQL = "^[0-9]{4}-[0-9]{2}-[0-9]{2}";
export const DAY_PREFIX = new RegExp(DAY_PREFIX_SQL);

// ---- strings ---------------------------------------------------------------------------

/** LIKE pattern text for a literal: %, _ and the escape character itself lose their meaning. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
