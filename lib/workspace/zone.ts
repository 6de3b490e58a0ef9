// Time zones of the workspace (pure, client-safe): which IANA names are valid, and where a
// calendar day of a zone starts as an instant. Periods of analytics follow the workspace's
// zone (API.md "Analytics"): a day "2026-03-01" in Europe/Paris is [23:00Z, 23:00Z).

/** True when Intl knows the zone (an IANA name such as "Europe/Paris", or "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zones to choose from in Settings (Intl's list, with UTC first). */
export function timeZoneNames(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...all.filter((z) => z !== "UTC")];
}

// Making an Intl.DateTimeFormat costs ~100 µs (formatting with one: ~2 µs), and a widget's
// drill-down links need several per row: one formatter per zone and shape, made once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: "clock" | "day", zone: string): Intl.DateTimeFormat {
  const key = `${kind}|${zone}`;
  let f = formatters.get(key);
  if (!f) {
    f = kind === "clock"
      ? new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      : new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(key, f);
  }
  return f;
}

/** The zone's offset from UTC at `at`, in milliseconds (east positive). */
function offsetAt(zone: string, at: Date): number {
  const parts = formatter("clock", zone).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

// A widget's rows ask for the same few days' starts again and again (its period, its
// buckets): remembered, up to a bound.
const dayStarts = new Map<string, number>();

/** The instant a calendar day (YYYY-MM-DD) begins in `zone` (its first existing minute on a DST gap). */
export function zonedDayStart(day: string, zone: string): Date {
  const key = `${zone}|${day}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return new Date(known);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // two passes: the offset at the guess may differ from the one at the answer across a DST change
  let guess = wall - offsetAt(zone, new Date(wall));
  guess = wall - offsetAt(zone, new Date(guess));
  if (dayStarts.size >= 10_000) dayStarts.clear();
  dayStarts.set(key, guess);
  return new Date(guess);
}

/** The calendar day (YYYY-MM-DD) of an instant in `zone`. */
export function zonedDayOf(at: Date, zone: string): string {
  return formatter("day", zone).format(at);
}

/** The instant a wall-clock time (minutes after midnight of a YYYY-MM-DD day) has in `zone` (the next existing one on a DST gap). */
export function zonedInstant(day: string, minuteOfDay: number, zone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minuteOfDay * 60_000;
  let guess = wall - offsetAt(zone, new Date(wall));
  guess = wall - offsetAt(zone, new Date(guess));
  return new Date(guess);
}

/** An instant's calendar day, day of the week (0 = Sunday) and minute of the day in `zone`. */
export function zonedClock(at: Date, zone: string): { day: string; weekday: number; minute: number } {
  const local = new Date(at.getTime() + offsetAt(zone, at));
  return { day: local.toISOString().slice(0, 10), weekday: local.getUTCDay(), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}
