// Dates and times as people read them, in the reader's locale and time zone. A calendar
// day ("2027-01-31", close dates, due days) has no time zone and is shown as that day
// everywhere; an instant is shown in the reader's zone, relative when recent ("3 minutes
// ago", never "0 seconds ago") and absolute otherwise, with the full date, time and zone
// as its tooltip (components/ui/date-time.tsx). Pure, client-safe.

export interface DateFormat {
  /** BCP 47 locale; undefined = the runtime's. */
  locale?: string;
  /** IANA zone; undefined = the runtime's. */
  timeZone?: string;
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Within this of now an instant is shown relative; beyond it, as a date and time. */
export const RECENT_MS = 7 * DAY;

/** An instant from a Date, an ISO string or epoch ms; a bare day is its UTC midnight. */
export function toDate(value: Date | string | number): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string" && DAY_ONLY.test(value)) return new Date(`${value}T00:00:00Z`);
  return new Date(value);
}

const valid = (d: Date) => !Number.isNaN(d.getTime());

/** A calendar day: "Jan 31, 2027". Bare days ("2027-01-31") stay that day in every zone. */
export function formatDay(value: Date | string, opts: DateFormat = {}): string {
  const d = toDate(value);
  if (!valid(d)) return String(value);
  const timeZone = typeof value === "string" && DAY_ONLY.test(value) ? "UTC" : opts.timeZone;
  return new Intl.DateTimeFormat(opts.locale, { dateStyle: "medium", timeZone }).format(d);
}

/**
 * An instant: "Jan 31, 2027, 3:04 PM" in the reader's zone; `precise` adds the seconds and
 * the zone ("Jan 31, 2027, 3:04:05 PM GMT+1"), for logs where the exact moment matters.
 */
export function formatDateTime(value: Date | string | number, opts: DateFormat & { precise?: boolean } = {}): string {
  const d = toDate(value);
  if (!valid(d)) return String(value);
  return new Intl.DateTimeFormat(opts.locale, { dateStyle: "medium", timeStyle: opts.precise ? "long" : "short", timeZone: opts.timeZone }).format(d);
}

/** The tooltip of an instant: "Sunday, January 31, 2027 at 3:04:05 PM GMT+1". */
export function formatFull(value: Date | string | number, opts: DateFormat = {}): string {
  const d = toDate(value);
  if (!valid(d)) return String(value);
  if (typeof value === "string" && DAY_ONLY.test(value)) return new Intl.DateTimeFormat(opts.locale, { dateStyle: "full", timeZone: "UTC" }).format(d);
  return new Intl.DateTimeFormat(opts.locale, { dateStyle: "full", timeStyle: "long", timeZone: opts.timeZone }).format(d);
}

/**
 * Relative to `now`: "just now" within 45 s, then "3 minutes ago", "2 hours ago",
 * "yesterday", "3 days ago" (and "in 2 hours" ahead); null beyond RECENT_MS, where the
 * absolute form reads better.
 */
export function formatRelative(value: Date | string | number, now: Date | number = Date.now(), locale?: string): string | null {
  const d = toDate(value);
  if (!valid(d)) return null;
  const diff = d.getTime() - new Date(now).getTime();
  const abs = Math.abs(diff);
  if (abs >= RECENT_MS) return null;
  if (abs < 45 * SECOND) return "just now";
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const sign = Math.sign(diff);
  if (abs < 45 * MINUTE) return rtf.format(sign * Math.max(1, Math.round(abs / MINUTE)), "minute");
  if (abs < 22 * HOUR) return rtf.format(sign * Math.max(1, Math.round(abs / HOUR)), "hour");
  return rtf.format(sign * Math.max(1, Math.round(abs / DAY)), "day");
}

/** Relative when recent, else the absolute date and time. */
export function formatWhen(value: Date | string | number, opts: DateFormat & { now?: Date | number } = {}): string {
  return formatRelative(value, opts.now, opts.locale) ?? formatDateTime(value, opts);
}

/** A month of the forecast ("2027-01"): "January 2027". */
export function formatMonth(month: string, locale?: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  return valid(d) ? new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(d) : month;
}

/** The calendar day of an instant as an `<input type="date">` value (yyyy-MM-dd) in `timeZone` (default: the runtime's own). */
export function dateInputValue(value: Date | string | number, timeZone?: string): string {
  // en-CA writes days as yyyy-mm-dd
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(toDate(value));
}
