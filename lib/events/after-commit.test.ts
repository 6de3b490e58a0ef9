// yieldToAutomations: bulk work (a campaign's sends) waits while after-commit
// work (automation executions) runs in this process, and never longer than its cap.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runTask, yieldToAutomations } from "./dispatcher";

describe("yieldToAutomations", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves at once with nothing running, after the running task otherwise", async () => {
    let now = false;
    await yieldToAutomations(1000, 10).then(() => (now = true));
    expect(now).toBe(true);

    let release!: () => void;
    const task = runTask(() => new Promise<void>((r) => (release = r)));
    let yielded = false;
    const waiting = yieldToAutomations(60_000, 10).then(() => (yielded = true));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(yielded).toBe(false);
    release();
    await task;
    await vi.advanceTimersByTimeAsync(10);
    await waiting;
    expect(yielded).toBe(true);
  });

  it("gives up waiting after its cap", async () => {
    let release!: () => void;
    const task = runTask(() => new Promise<void>((r) => (release = r)));
    let yielded = false;
    const waiting = yieldToAutomations(1_000, 10).then(() => (yielded = true));
    await vi.advanceTimersByTimeAsync(990);
    expect(yielded).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    await waiting;
    expect(yielded).toBe(true);
    release();
    await task;
  });
});
