import { describe, expect, it } from "vitest";
import { attempt, freshState, type ThrottlePolicy, type ThrottleState } from "./throttle-rules";

const MIN = 60_000;
const policy: ThrottlePolicy = { limit: 3, windowMs: 15 * MIN, maxBlockMs: 60 * MIN, forgetMs: 24 * 60 * MIN };
const t0 = new Date("2026-01-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

/** Runs attempts at the given offsets; returns each verdict's allowed flag and the final state. */
function run(offsets: number[], start: ThrottleState = freshState(t0)) {
  let state = start;
  const allowed: boolean[] = [];
  const retry: (number | null)[] = [];
  for (const o of offsets) {
    const v = attempt(state, at(o), policy);
    allowed.push(v.allowed);
    retry.push(v.allowed ? null : v.retryAfterMs);
    state = v.next;
  }
  return { allowed, retry, state };
}

describe("throttle rules", () => {
  it("allows `limit` attempts in a window and refuses the next until the window ends", () => {
    const r = run([0, MIN, 2 * MIN, 3 * MIN, 10 * MIN]);
    expect(r.allowed).toEqual([true, true, true, false, false]);
    expect(r.retry[3]).toBe(12 * MIN); // the window opened at 0 and lasts 15 minutes
    expect(r.retry[4]).toBe(5 * MIN);
    expect(r.state.strikes).toBe(1);
  });

  it("a new window after the old one passed starts from zero", () => {
    const r = run([0, MIN, 2 * MIN, 16 * MIN, 17 * MIN, 18 * MIN]);
    expect(r.allowed).toEqual([true, true, true, true, true, true]);
    expect(r.state.attempts).toBe(3);
  });

  it("each lockout doubles the next, up to maxBlockMs", () => {
    // lockout 1 at 3 min → until 15 min; lockout 2 (window from 15) → 15 + 30; lockout 3 → 45 + 60 (capped)
    const r = run([0, 1, 2, 3 * MIN, 15 * MIN, 15 * MIN + 1, 15 * MIN + 2, 16 * MIN, 45 * MIN, 45 * MIN + 1, 45 * MIN + 2, 46 * MIN]);
    expect(r.allowed).toEqual([true, true, true, false, true, true, true, false, true, true, true, false]);
    expect(r.retry[7]).toBe(29 * MIN);
    expect(r.retry[11]).toBe(59 * MIN);
    expect(r.state.strikes).toBe(3);
  });

  it("a key quiet for forgetMs forgets its lockouts", () => {
    const locked = run([0, 1, 2, 3]).state;
    expect(locked.strikes).toBe(1);
    const later = attempt(locked, at(25 * 60 * MIN), policy);
    expect(later).toMatchObject({ allowed: true, next: { attempts: 1, strikes: 0, blockedUntil: null } });
  });

  it("a refusal while blocked changes nothing", () => {
    const locked = run([0, 1, 2, 3]).state;
    const v = attempt(locked, at(5 * MIN), policy);
    expect(v.allowed).toBe(false);
    expect(v.next).toBe(locked);
  });
});
