// Activity actions (record pages, /tasks) and the timeline's next page, through the real
// action client: permission, validation, and that a refusal changes nothing.
import { describe, expect, it, vi } from "vitest";
import { describeActionChecks, tenantWithRoles } from "@/db/testing/actions";
import type { SessionClaims } from "@/lib/auth/session";
import { createRecord } from "@/lib/records/service";
import { timelinePageAction } from "@/lib/timeline/actions";
import { completeTaskAction, createActivityAction, deleteActivityAction, reopenTaskAction } from "./actions";
import { listActivities } from "./queries";
import { completeTask, createActivity } from "./service";

const signedIn = vi.hoisted(() => ({ claims: null as SessionClaims | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => signedIn.claims }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

async function setup() {
  const f = await tenantWithRoles();
  const ann = await createRecord(f.ctx, "CONTACT", { firstName: "Ann" });
  const on = { recordType: "CONTACT", recordId: ann.id } as const;
  const task = await createActivity(f.ctx, { ...on, activityType: "TASK", subject: "Call back", dueAt: "2030-01-01T09:00:00Z" });
  const done = await createActivity(f.ctx, { ...on, activityType: "TASK", subject: "Send deck" });
  await completeTask(f.ctx, done.id);
  return { ...f, ann, on, task, done };
}

const state = async (f: Awaited<ReturnType<typeof setup>>) => (await listActivities(f.ctx, "CONTACT", f.ann.id)).data;

describe("activity actions", () => {
  describeActionChecks({
    signedIn,
    setup,
    state,
    cases: [
      {
        action: "createActivityAction",
        refused: (f) => createActivityAction({ ...f.on, activityType: "CALL", subject: "Intro call" }),
        invalid: { call: (f) => createActivityAction({ ...f.on, activityType: "CALL", subject: "", recurrenceRule: "FREQ=WEEKLY" }), paths: ["subject", "recurrenceRule"] },
      },
      { action: "completeTaskAction", refused: (f) => completeTaskAction({ id: f.task.id }), invalid: { call: () => completeTaskAction({ id: "task" }), paths: ["id"] } },
      { action: "reopenTaskAction", refused: (f) => reopenTaskAction({ id: f.done.id }), invalid: { call: () => reopenTaskAction({ id: "" }), paths: ["id"] } },
      { action: "deleteActivityAction", refused: (f) => deleteActivityAction({ id: f.task.id }), invalid: { call: () => deleteActivityAction({ id: "x" }), paths: ["id"] } },
      { action: "timelinePageAction", invalid: { call: (f) => timelinePageAction({ kind: "CONTACT", id: f.ann.id, cursor: "x".repeat(201) }), paths: ["cursor"] } },
    ],
  });

  it("a readonly member reads the timeline", async () => {
    const f = await setup();
    signedIn.claims = f.claims.readonly;
    const page = await timelinePageAction({ kind: "CONTACT", id: f.ann.id, cursor: null });
    expect(page?.serverError).toBeUndefined();
    expect(page?.data?.data.length).toBeGreaterThan(0);
  });

  it("completing a task twice: the second answer is the service's conflict", async () => {
    const f = await setup();
    signedIn.claims = f.claims.admin;
    expect((await completeTaskAction({ id: f.task.id }))?.data).toEqual({ nextDueAt: null });
    expect((await completeTaskAction({ id: f.task.id }))?.serverError).toMatchObject({ code: "conflict", message: "This task is already completed" });
  });
});
