import { describe, expect, it } from "vitest";
import { parsePeriod } from "./period";

const now = new Date("2026-03-10T12:00:00Z");

describe("parsePeriod", () => {
  it.each([
    [{}, "90", "2025-12-10T12:00:00.000Z"],
    [{ period: "30" }, "30", "2026-02-08T12:00:00.000Z"],
    [{ period: "365" }, "365", "2025-03-10T12:00:00.000Z"],
    [{ period: "7" }, "90", "2025-12-10T12:00:00.000Z"],
  ])("%o → the last %s days", (params, key, from) => {
    const p = parsePeriod(params, now);
    expect(p).toMatchObject({ key, to: null, error: null, label: `the last ${key} days` });
    expect(p.from.toISOString()).toBe(from);
  });

  it("takes a custom range of whole UTC days, the end day included", () => {
    const p = parsePeriod({ period: "custom", from: "2026-01-01", to: "2026-01-31" }, now);
    expect(p).toMatchObject({ key: "custom", fromDay: "2026-01-01", toDay: "2026-01-31", error: null });
    expect([p.from.toISOString(), p.to?.toISOString()]).toEqual(["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]);
  });

  it.each([
    [{ period: "custom", from: "2026-01-31", to: "2026-01-01" }, /ends before it starts/],
    [{ period: "custom", from: "2026-02-30", to: "2026-03-01" }, /Choose both dates/],
    [{ period: "custom", from: "2026-01-01" }, /Choose both dates/],
  ])("falls back to 90 days with a message for %o", (params, message) => {
    const p = parsePeriod(params, now);
    expect(p.key).toBe("90");
    expect(p.error).toMatch(message);
    expect(p.fromDay).toBe(params.from);
  });
});
