// Lengths of time as people read them: "45 sec", "12 min", "3 hr, 5 min", "2.5 days".
// Intl units in the reader's locale. Pure, client-safe.

const unit = (locale: string | undefined, u: "millisecond" | "second" | "minute" | "hour" | "day", n: number, digits = 0) =>
  new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: u === "day" ? "long" : "short", maximumFractionDigits: digits }).format(n);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration in milliseconds: "850 ms", "42 sec", "12 min", "1 hr, 5 min", "3.3 days". */
export function formatDuration(ms: number, locale?: string): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return unit(locale, "millisecond", Math.round(ms));
  if (ms < MINUTE) return unit(locale, "second", Math.round(ms / 1000));
  if (ms < HOUR) return unit(locale, "minute", Math.round(ms / MINUTE));
  if (ms < DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.round((ms - h * HOUR) / MINUTE);
    if (m === 60) return unit(locale, "hour", h + 1);
    const parts = [unit(locale, "hour", h), ...(m ? [unit(locale, "minute", m)] : [])];
    return new Intl.ListFormat(locale, { style: "narrow", type: "unit" }).format(parts);
  }
  return unit(locale, "day", Math.round((ms / DAY) * 10) / 10, 1);
}

/** Days as a fraction (dwell times): 0.02 → "29 min", 0.5 → "12 hr", 3.25 → "3.3 days". */
export function formatDays(days: number, locale?: string): string {
  if (days < 1) return formatDuration(Math.max(MINUTE, days * DAY), locale);
  return formatDuration(days * DAY, locale);
}

/** A length in seconds (a call's duration): 95 → "2 min". */
export function formatSeconds(seconds: number, locale?: string): string {
  return formatDuration(seconds * 1000, locale);
}
