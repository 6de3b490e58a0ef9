// The campaign planner and the A/B split, without a database: batches never put more than
// the hourly limit of one mailbox's sends in any 60 minutes, wait for the send window, and
// the split gives variant B exactly its share.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SendWindow } from "@/lib/email/send-window";
import { inSendWindow } from "@/lib/email/send-window";
import { assignVariants, HOUR_MS, planBatch, recipientStatus } from "./rules";

/** Runs a whole campaign through the planner: each batch at the time the previous one named. */
function simulate(o: { recipients: number; batchSize: number; hourlyLimit: number; start: Date; window?: SendWindow | null; zone?: string; earlier?: Date[] }) {
  const sends: number[] = (o.earlier ?? []).map((d) => d.getTime());
  const batches: { at: number; size: number }[] = [];
  let now = o.start;
  let pending = o.recipients;
  for (let i = 0; i < 10_000 && pending > 0; i++) {
    const plan = planBatch({ now, pending, batchSize: o.batchSize, hourlyLimit: o.hourlyLimit, recentSends: sends.filter((t) => t > now.getTime() - HOUR_MS).map((t) => new Date(t)), window: o.window ?? null, zone: o.zone ?? "UTC" });
    if (plan.take) batches.push({ at: now.getTime(), size: plan.take });
    for (let k = 0; k < plan.take; k++) sends.push(now.getTime());
    pending -= plan.take;
    if (pending > 0) {
      expect(plan.nextAt).not.toBeNull();
      expect(plan.nextAt!.getTime()).toBeGreaterThanOrEqual(now.getTime());
      now = plan.nextAt!;
    } else expect(plan.nextAt).toBeNull();
  }
  return { sends, batches, pending };
}

/** The most sends in any 60-minute span [t, t + 1 h). */
function busiestHour(sends: number[]): number {
  const s = [...sends].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[j]! <= s[i]! - HOUR_MS) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("planBatch (the hourly limit per mailbox)", () => {
  const start = new Date("2026-12-02T10:00:00Z");

  it("1,000 recipients at 200 an hour in batches of 50: four batches an hour, five hours", () => {
    const r = simulate({ recipients: 1000, batchSize: 50, hourlyLimit: 200, start });
    expect(r.pending).toBe(0);
    expect(r.batches.every((b) => b.size === 50)).toBe(true);
    expect(busiestHour(r.sends)).toBe(200);
    const last = r.batches[r.batches.length - 1]!.at;
    expect(last - start.getTime()).toBe(4 * HOUR_MS);
  });

  it("a limit below the batch size sends the limit, then waits an hour", () => {
    const first = planBatch({ now: start, pending: 100, batchSize: 50, hourlyLimit: 30, recentSends: [], window: null, zone: "UTC" });
    expect(first).toEqual({ take: 30, nextAt: new Date(start.getTime() + HOUR_MS) });
  });

  it("sends already made in the last hour (another campaign of the mailbox) count", () => {
    const earlier = Array.from({ length: 180 }, () => new Date(start.getTime() - 30 * 60_000));
    const plan = planBatch({ now: start, pending: 100, batchSize: 50, hourlyLimit: 200, recentSends: earlier, window: null, zone: "UTC" });
    expect(plan.take).toBe(20);
    // the 180 age out half an hour later: then a whole batch fits
    expect(plan.nextAt).toEqual(new Date(start.getTime() + 30 * 60_000));
  });

  it("outside the send window nothing goes; the next batch waits for it to open", () => {
    const window: SendWindow = { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 };
    const saturday = new Date("2026-12-05T12:00:00Z");
    expect(planBatch({ now: saturday, pending: 10, batchSize: 50, hourlyLimit: 200, recentSends: [], window, zone: "UTC" })).toEqual({ take: 0, nextAt: new Date("2026-12-07T09:00:00Z") });
    const r = simulate({ recipients: 3000, batchSize: 100, hourlyLimit: 500, start: saturday, window, zone: "Europe/Paris" });
    expect(r.sends.every((t) => inSendWindow(new Date(t), window, "Europe/Paris"))).toBe(true);
    expect(busiestHour(r.sends)).toBeLessThanOrEqual(500);
  });

  it("property: whatever the sizes, every recipient is sent once and no hour holds more than the limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 500 }), fc.array(fc.integer({ min: 1, max: 3_599_999 }), { maxLength: 300 }), (n, batchSize, hourlyLimit, ago) => {
        const earlier = ago.slice(0, hourlyLimit).map((ms) => new Date(start.getTime() - ms));
        const r = simulate({ recipients: n, batchSize, hourlyLimit, start, earlier });
        expect(r.pending).toBe(0);
        expect(r.sends.length - earlier.length).toBe(n);
        expect(r.batches.every((b) => b.size <= batchSize)).toBe(true);
        expect(busiestHour(r.sends)).toBeLessThanOrEqual(hourlyLimit);
      }),
      { numRuns: 150 },
    );
  });
});

describe("assignVariants (the A/B split)", () => {
  const ids = Array.from({ length: 1001 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);

  it.each([
    [0, 0],
    [10, 100],
    [25, 250],
    [50, 501],
    [100, 1001],
  ])("%i %% of 1,001 recipients get B: %i", (pct, b) => {
    const v = assignVariants("c1", ids, pct);
    expect([...v.values()].filter((x) => x === "B")).toHaveLength(b);
    expect(v.size).toBe(1001);
  });

  it("is the same for the same campaign, and differs between campaigns", () => {
    const a = assignVariants("c1", ids, 30);
    expect(assignVariants("c1", [...ids].reverse(), 30)).toEqual(a);
    const other = assignVariants("c2", ids, 30);
    expect(ids.filter((id) => a.get(id) !== other.get(id)).length).toBeGreaterThan(100);
  });
});

describe("recipientStatus", () => {
  const base = { state: "EMAILED" as const, emailStatus: "SENT" as const, opens: 0, clicks: 0, unsubscribed: false, bounced: false };
  it.each([
    [{ ...base, state: "QUEUED" as const, emailStatus: null }, "queued"],
    [{ ...base, state: "SUPPRESSED" as const, emailStatus: null }, "suppressed"],
    [{ ...base, emailStatus: "QUEUED" as const }, "queued"],
    [{ ...base, emailStatus: "FAILED" as const }, "failed"],
    [base, "sent"],
    [{ ...base, opens: 2 }, "opened"],
    [{ ...base, opens: 1, clicks: 1 }, "clicked"],
    [{ ...base, bounced: true }, "bounced"],
    [{ ...base, opens: 1, clicks: 1, unsubscribed: true }, "unsubscribed"],
  ])("%o → %s", (facts, status) => {
    expect(recipientStatus(facts)).toBe(status);
  });
});
