import { describe, expect, it } from "vitest";
import { bucketTasks } from "./buckets";

const now = new Date("2026-03-10T12:00:00Z");
const endOfToday = new Date("2026-03-10T23:59:59.999Z");
const task = (id: string, due: string | null) => ({ id, dueAt: due ? new Date(due) : null });

describe("bucketTasks", () => {
  it("puts each task in exactly one group, soonest first; undated tasks in their own group", () => {
    const tasks = [
      task("later", "2026-03-12T09:00:00Z"),
      task("undated", null),
      task("this-morning", "2026-03-10T08:00:00Z"),
      task("last-week", "2026-03-03T08:00:00Z"),
      task("tonight", "2026-03-10T20:00:00Z"),
      task("at-midnight", "2026-03-11T00:00:00Z"),
      task("right-now", "2026-03-10T12:00:00Z"),
    ];
    const b = bucketTasks(tasks, now, endOfToday);
    expect(b.overdue.map((t) => t.id)).toEqual(["last-week", "this-morning"]);
    expect(b.today.map((t) => t.id)).toEqual(["right-now", "tonight"]);
    expect(b.upcoming.map((t) => t.id)).toEqual(["at-midnight", "later"]);
    expect(b.noDueDate.map((t) => t.id)).toEqual(["undated"]);
  });

  it("answers empty groups for no tasks", () => {
    expect(bucketTasks([], now, endOfToday)).toEqual({ overdue: [], today: [], upcoming: [], noDueDate: [] });
  });
});
