// The send window, in the workspace's time zone: a send due outside it waits for the next
// open minute — across weekends, midnight and daylight-saving changes.
import { describe, expect, it } from "vitest";
import { inSendWindow, nextOpenSlot, type SendWindow } from "./send-window";

const weekdays9to5: SendWindow = { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 };
const at = (iso: string) => new Date(iso);

describe("nextOpenSlot", () => {
  it.each([
    // [zone, due (UTC), expected (UTC), why]
    ["UTC", "2026-12-02T10:00:00Z", "2026-12-02T10:00:00Z", "a Wednesday at 10:00 is open: sent at once"],
    ["UTC", "2026-12-02T17:00:00Z", "2026-12-03T09:00:00Z", "the end is exclusive: 17:00 waits for the next morning"],
    ["UTC", "2026-12-02T06:30:00Z", "2026-12-02T09:00:00Z", "before opening: the same day's 09:00"],
    ["UTC", "2026-12-04T18:00:00Z", "2026-12-07T09:00:00Z", "Friday evening: Monday morning"],
    ["UTC", "2026-12-05T12:00:00Z", "2026-12-07T09:00:00Z", "Saturday: Monday morning"],
    ["Europe/Paris", "2026-12-02T07:30:00Z", "2026-12-02T08:00:00Z", "08:30 in Paris (UTC+1) waits for 09:00 Paris, 08:00Z"],
    ["Europe/Paris", "2026-12-02T15:59:00Z", "2026-12-02T15:59:00Z", "16:59 in Paris is open"],
    ["Europe/Paris", "2026-12-02T16:00:00Z", "2026-12-03T08:00:00Z", "17:00 in Paris is closed"],
    ["America/New_York", "2026-12-04T23:00:00Z", "2026-12-07T14:00:00Z", "Friday 18:00 in New York (UTC-5): Monday 09:00 there"],
    ["Asia/Tokyo", "2026-12-06T23:00:00Z", "2026-12-07T00:00:00Z", "Monday 08:00 in Tokyo (Sunday in UTC): 09:00 Tokyo"],
    // across the spring-forward change in Paris (29 March 2026): Friday evening → Monday 09:00 CEST (07:00Z)
    ["Europe/Paris", "2026-03-27T17:00:00Z", "2026-03-30T07:00:00Z", "over a DST change the opening follows the new offset"],
  ])("%s: due %s → %s (%s)", (zone, due, expected) => {
    expect(nextOpenSlot(at(due), weekdays9to5, zone).toISOString()).toBe(new Date(expected).toISOString());
  });

  it("no window, or one with no days, sends at once", () => {
    expect(nextOpenSlot(at("2026-12-05T03:00:00Z"), null, "UTC").toISOString()).toBe("2026-12-05T03:00:00.000Z");
    expect(inSendWindow(at("2026-12-05T03:00:00Z"), { days: [], startMinute: 0, endMinute: 60 }, "UTC")).toBe(true);
  });

  it("the answer is always inside the window and never before the due time", () => {
    const zones = ["UTC", "Europe/Paris", "America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata"];
    const windows: SendWindow[] = [weekdays9to5, { days: [0, 6], startMinute: 600, endMinute: 660 }, { days: [3], startMinute: 0, endMinute: 1440 }];
    for (const zone of zones)
      for (const w of windows)
        for (let h = 0; h < 24 * 9; h += 5) {
          const due = new Date(Date.UTC(2026, 2, 25) + h * 3_600_000 + 17 * 60_000);
          const slot = nextOpenSlot(due, w, zone);
          expect(slot.getTime()).toBeGreaterThanOrEqual(due.getTime());
          expect(inSendWindow(slot, w, zone)).toBe(true);
          expect(slot.getTime() - due.getTime()).toBeLessThanOrEqual(8 * 86_400_000);
        }
  });
});
