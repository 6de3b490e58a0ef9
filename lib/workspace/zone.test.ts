import { describe, expect, it } from "vitest";
import { dayPeriod, previousPeriod } from "@/lib/analytics/period";
import { isTimeZone, zonedDayOf, zonedDayStart } from "./zone";

describe("time zones", () => {
  it("knows IANA names and refuses others", () => {
    expect(["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"].every(isTimeZone)).toBe(true);
    expect(["", "Mars/Olympus", "GMT+25", "x".repeat(100)].some(isTimeZone)).toBe(false);
  });

  it.each([
    ["2026-01-15", "UTC", "2026-01-15T00:00:00.000Z"],
    ["2026-01-15", "Europe/Paris", "2026-01-14T23:00:00.000Z"],
    ["2026-07-15", "Europe/Paris", "2026-07-14T22:00:00.000Z"],
    ["2026-03-08", "America/New_York", "2026-03-08T05:00:00.000Z"], // the day clocks spring forward: it began in EST
    ["2026-03-09", "America/New_York", "2026-03-09T04:00:00.000Z"],
    ["2026-11-01", "America/New_York", "2026-11-01T04:00:00.000Z"], // the day clocks fall back: it began in EDT
    ["2026-01-15", "Asia/Kolkata", "2026-01-14T18:30:00.000Z"],
    ["2026-01-15", "Pacific/Kiritimati", "2026-01-14T10:00:00.000Z"],
  ])("day %s in %s begins at %s", (day, zone, iso) => {
    expect(zonedDayStart(day, zone).toISOString()).toBe(iso);
    expect(zonedDayOf(new Date(iso), zone)).toBe(day);
    expect(zonedDayOf(new Date(new Date(iso).getTime() - 1), zone)).not.toBe(day);
  });

  it("makes periods of whole days in the zone, and the previous one of equal length", () => {
    const p = dayPeriod({ from: "2026-03-01", to: "2026-03-31" }, "Europe/Paris");
    expect([p.start.toISOString(), p.end.toISOString()]).toEqual(["2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z"]);
    const prev = previousPeriod(p);
    expect([prev.from, prev.to]).toEqual(["2026-01-29", "2026-02-28"]);
    const def = dayPeriod({}, "UTC", new Date("2026-12-03T10:00:00Z"));
    expect([def.from, def.to]).toEqual(["2026-09-05", "2026-12-03"]);
  });
});
