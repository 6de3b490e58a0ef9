import { describe, expect, it } from "vitest";
import { HitLimit } from "./hit-limit";

describe("HitLimit (the tracking endpoints' per-address limit)", () => {
  it("lets an address make `limit` hits in its window, refuses the rest, and lets it in again once the window ends", () => {
    let now = 1_000_000;
    const limit = new HitLimit(3, 60_000, () => now);
    expect([limit.hit("a"), limit.hit("a"), limit.hit("a"), limit.hit("a"), limit.hit("a")]).toEqual([true, true, true, false, false]);
    // another address has its own window
    expect(limit.hit("b")).toBe(true);
    // the window is a minute from the first hit: still refused just before, let in at its end
    now += 59_999;
    expect(limit.hit("a")).toBe(false);
    now += 1;
    expect([limit.hit("a"), limit.hit("a"), limit.hit("a"), limit.hit("a")]).toEqual([true, true, true, false]);
  });

  it("forgets the addresses whose window has ended when it sweeps", () => {
    let now = 0;
    const limit = new HitLimit(600, 60_000, () => now);
    for (let i = 0; i < 100; i++) limit.hit(`198.51.100.${i}`);
    now = 30_000;
    limit.hit("203.0.113.1");
    expect(limit.size).toBe(101);
    now = 60_000;
    limit.sweep();
    expect(limit.size).toBe(1);
    now = 90_000;
    limit.sweep();
    expect(limit.size).toBe(0);
  });
});
