import { describe, expect, it } from "vitest";
import { describeEvent } from "./describe";

describe("describeEvent", () => {
  it.each([
    [{ eventType: "record.updated", payload: { title: "Jane Doe", changes: { jobTitle: { from: null, to: "CTO" } } } }, "Rita", "Jane Doe was changed", "Job title: (empty) → CTO · by Rita"],
    [{ eventType: "record.updated", payload: { title: "Jane Doe", restored: true } }, null, "Jane Doe was restored", null],
    [{ eventType: "stage.changed", payload: { title: "Big deal", fromStageName: "Proposal", toStageName: "Closed Won" } }, "Ada", "Big deal moved to Closed Won", "Proposal → Closed Won · by Ada"],
    [{ eventType: "activity.created", payload: { title: "Acme", activityType: "MEETING", subject: "QBR" } }, "Ada", "New meeting on Acme: QBR", "by Ada"],
    // a synced email's event carries no subject (a private mailbox's): no dangling colon
    [{ eventType: "activity.created", payload: { title: "Ada Lovelace", activityType: "EMAIL", subject: null } }, null, "New email on Ada Lovelace", null],
    [{ eventType: "record.deleted", payload: { title: "Acme" } }, "Ada", "Acme was deleted", "by Ada"],
  ])("%#: %j", (event, actor, title, body) => {
    expect(describeEvent({ entityType: "CONTACT", ...event }, actor)).toEqual({ title, body });
  });

  it("lists at most five changed fields", () => {
    const changes = Object.fromEntries(["a", "b", "c", "d", "e", "f", "g"].map((k) => [k, { from: 1, to: 2 }]));
    expect(describeEvent({ eventType: "record.updated", entityType: "DEAL", payload: { title: "X", changes } }, null).body).toBe("A: 1 → 2; B: 1 → 2; C: 1 → 2; D: 1 → 2; E: 1 → 2 · and 2 more");
  });
});
