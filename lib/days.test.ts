import { describe, expect, it } from "vitest";
import { shiftDay, utcDayOf, utcDayStart } from "./days";

describe("UTC days", () => {
  it.each([
    ["2024-02-28", 1, "2024-02-29"],
    ["2024-02-29", 1, "2024-03-01"],
    ["2024-03-10", 1, "2024-03-11"], // a daylight-saving day in America
    ["2024-03-31", -1, "2024-03-30"], // and in Europe
    ["2024-12-31", 1, "2025-01-01"],
    ["2025-06-15", -7, "2025-06-08"],
  ])("%s shifted by %i is %s", (day, n, expected) => {
    expect(shiftDay(day, n)).toBe(expected);
  });

  it("a day's instants run from its 00:00Z", () => {
    expect(utcDayStart("2024-03-10").toISOString()).toBe("2024-03-10T00:00:00.000Z");
    expect(utcDayOf(new Date("2024-03-10T23:59:59.999Z"))).toBe("2024-03-10");
    expect(utcDayOf(Date.parse("2024-03-11T00:00:00Z"))).toBe("2024-03-11");
  });
});
