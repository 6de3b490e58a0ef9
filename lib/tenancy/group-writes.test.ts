import { describe, expect, it } from "vitest";
import { groupWrites } from "./group-writes";

describe("groupWrites", () => {
  it("writes the items that arrive together in one call per workspace, each caller getting its own answer", async () => {
    const calls: [string, number[]][] = [];
    const double = groupWrites<number, number>(async (tenantId, items) => {
      calls.push([tenantId, [...items]]);
      return items.map((n) => n * 2);
    });
    const answers = await Promise.all([double("a", 1), double("a", 2), double("b", 3), double("a", 4)]);
    expect(answers).toEqual([2, 4, 6, 8]);
    expect(calls).toEqual([
      ["a", [1, 2, 4]],
      ["b", [3]],
    ]);
  });

  it("holds what arrives during a write for the next one, and never runs two writes of a workspace at once", async () => {
    let inFlight = 0;
    let most = 0;
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const write = groupWrites<number>(async (_t, items) => {
      inFlight++;
      most = Math.max(most, inFlight);
      batches.push([...items]);
      if (batches.length === 1) await gate;
      inFlight--;
    });
    const first = write("a", 1);
    await new Promise((r) => setImmediate(r)); // the first write has started
    const later = [write("a", 2), write("a", 3)];
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3]]);
    expect(most).toBe(1);
  });

  it("rejects every caller of a failed write, and goes on with the next", async () => {
    let n = 0;
    const write = groupWrites<string>(async () => {
      if (n++ === 0) throw new Error("deadlock");
    });
    const failed = await Promise.allSettled([write("a", "x"), write("a", "y")]);
    expect(failed.map((f) => f.status)).toEqual(["rejected", "rejected"]);
    await expect(write("a", "z")).resolves.toBeUndefined();
  });
});
