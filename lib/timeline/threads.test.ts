import { describe, expect, it } from "vitest";
import { groupByThread } from "./threads";
import type { TimelineEntry } from "./types";

const email = (id: string, thread: string | null, synced = true): TimelineEntry =>
  ({
    kind: "activity",
    id,
    at: new Date(),
    actor: null,
    activity: {
      activityType: "EMAIL",
      subject: id,
      synced: synced && thread ? { threadId: thread } : null,
      email: !synced && thread ? { threadId: thread } : null,
    },
  }) as unknown as TimelineEntry;
const note = (id: string): TimelineEntry => ({ kind: "created", id, at: new Date(), actor: null, stageName: null });

describe("email threads on the timeline", () => {
  it("groups a thread's emails (sent and synced) where its newest one is; lone emails stay entries", () => {
    const items = groupByThread([email("r2", "T"), note("n"), email("x", "X"), email("r1", "T"), email("sent", "T", false), email("loose", null)]);
    expect(items.map((i) => (i.kind === "thread" ? `thread:${i.entries.map((e) => e.id).join(",")}` : i.entry.id))).toEqual(["thread:r2,r1,sent", "n", "x", "loose"]);
  });
});
