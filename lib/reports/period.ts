// The reporting period of /reports, read from the URL (pure, client-safe): the last 30, 90
// or 365 days, or a custom range of whole days (UTC) from `from` to `to`, both inclusive.
import { milliseconds } from "date-fns";
import { createLoader, parseAsString, parseAsStringLiteral, type LoaderInput } from "nuqs/server";
import { isValidDate } from "@/lib/custom-fields/rules";
import { shiftDay, utcDayOf, utcDayStart } from "@/lib/days";
import { formatDay } from "@/lib/format/dates";

export const PERIOD_PRESETS = ["30", "90", "365"] as const;
export type PeriodKey = (typeof PERIOD_PRESETS)[number] | "custom";
export const DEFAULT_PERIOD = "90" satisfies PeriodKey;

const loadPeriodUrl = createLoader({
  period: parseAsStringLiteral([...PERIOD_PRESETS, "custom"]).withDefault(DEFAULT_PERIOD),
  from: parseAsString.withDefault(""),
  to: parseAsString.withDefault(""),
});

export interface Period {
  key: PeriodKey;
  /** Stage entries from this instant … */
  from: Date;
  /** … until this one (exclusive); null: until now. */
  to: Date | null;
  /** The custom range's days as the URL has them (YYYY-MM-DD), for the form. */
  fromDay: string;
  toDay: string;
  label: string;
  /** Why the URL's range was not used (then the default period is). */
  error: string | null;
}

export function parsePeriod(params: LoaderInput, now: Date = new Date()): Period {
  const { period: key, from: fromDay, to: toDay } = loadPeriodUrl(params);
  const preset = (k: (typeof PERIOD_PRESETS)[number], error: string | null = null): Period => {
    // exactly k × 24 hours back, wherever the server runs
    const from = new Date(now.getTime() - milliseconds({ days: Number(k) }));
    return { key: k, from, to: null, fromDay: fromDay || utcDayOf(from), toDay: toDay || utcDayOf(now), label: `the last ${k} days`, error };
  };
  if (key !== "custom") return preset(key);
  if (!isValidDate(fromDay) || !isValidDate(toDay)) return preset("90", "Choose both dates of the custom range (YYYY-MM-DD); showing the last 90 days.");
  if (fromDay > toDay) return preset("90", "The custom range ends before it starts; showing the last 90 days.");
  const from = utcDayStart(fromDay);
  const to = utcDayStart(shiftDay(toDay, 1));
  return { key: "custom", from, to, fromDay, toDay, label: `${formatDay(fromDay)} to ${formatDay(toDay)}`, error: null };
}
