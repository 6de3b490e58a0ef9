// A period of analytics (pure, client-safe): whole days `from`..`to` (inclusive) in the
// workspace's time zone, as the instants [start, end) the queries compare with, and the
// previous period of equal length the reports compare against.
import { differenceInCalendarDays, parseISO } from "date-fns";
import { z } from "zod";
import { isValidDate } from "@/lib/custom-fields/rules";
import { shiftDay } from "@/lib/days";
import { zonedDayOf, zonedDayStart } from "@/lib/workspace/zone";

const day = z.string().refine(isValidDate, { message: "must be a date YYYY-MM-DD" });

/** `?from=&to=` of GET /pipelines/{id}/metrics; both optional (the last 90 days, today included). */
export const metricsQuerySchema = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "`from` must not be after `to`", path: ["from"] });

export interface DayPeriod {
  /** YYYY-MM-DD, inclusive, in `timeZone`. */
  from: string;
  to: string;
  timeZone: string;
  /** The first instant of `from` in the zone. */
  start: Date;
  /** The first instant after `to` in the zone (exclusive). */
  end: Date;
}

export const DEFAULT_PERIOD_DAYS = 90;

/** Days between two YYYY-MM-DD dates (b − a). */
export const daysBetween = (a: string, b: string): number => differenceInCalendarDays(parseISO(b), parseISO(a));

export function dayPeriod(range: { from?: string; to?: string }, timeZone: string, now: Date = new Date()): DayPeriod {
  const to = range.to ?? (range.from && range.from > zonedDayOf(now, timeZone) ? range.from : zonedDayOf(now, timeZone));
  const from = range.from ?? shiftDay(to, -(DEFAULT_PERIOD_DAYS - 1));
  return { from, to, timeZone, start: zonedDayStart(from, timeZone), end: zonedDayStart(shiftDay(to, 1), timeZone) };
}

/** The period of equal length (in days) just before this one. */
export function previousPeriod(p: DayPeriod): DayPeriod {
  const length = daysBetween(p.from, p.to) + 1;
  return dayPeriod({ from: shiftDay(p.from, -length), to: shiftDay(p.from, -1) }, p.timeZone);
}

/** /reports' period (a preset of N days or a custom range) as whole days of the workspace's zone. */
export function reportDays(period: { key: string; fromDay: string; toDay: string }, timeZone: string, now: Date = new Date()): { from: string; to: string } {
  if (period.key === "custom") return { from: period.fromDay, to: period.toDay };
  const to = zonedDayOf(now, timeZone);
  return { from: shiftDay(to, -(Number(period.key) - 1)), to };
}
