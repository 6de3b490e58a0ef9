// Whole days as the app counts them (filters, reports, date-only API values): a day is
// "YYYY-MM-DD" in UTC, its instants run from its 00:00Z to the next day's. Day arithmetic is
// date-fns calendar arithmetic on the date itself, so the server's time zone (and its
// daylight-saving days) never moves a boundary. Client-safe.
import { addDays, format, parseISO } from "date-fns";

/** The UTC day of an instant. */
export const utcDayOf = (at: Date | number): string => new Date(at).toISOString().slice(0, 10);

/** The first instant of a UTC day. */
export const utcDayStart = (day: string): Date => new Date(`${day}T00:00:00Z`);

/** The day `days` after `day` (before it when negative). */
export const shiftDay = (day: string, days: number): string => format(addDays(parseISO(day), days), "yyyy-MM-dd");
