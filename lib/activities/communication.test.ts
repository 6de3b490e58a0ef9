import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { domainEvents } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { pinnedNotes } from "@/lib/timeline/pinned";
import { recordTimeline } from "@/lib/timeline/queries";
import { getActivity } from "./queries";
import { createActivity, setNotePinned, updateActivity } from "./service";
import { communicationSummary } from "./summary";

async function updatesOf(ctx: TenantContext, activityId: string) {
  return withTenant(ctx, (tx) =>
    tx
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.tenantId, ctx.tenantId), eq(domainEvents.eventType, "activity.updated"), eq(domainEvents.entityId, activityId)))
      .orderBy(domainEvents.seq),
  );
}

async function dealIn(ctx: TenantContext) {
  return createRecord(ctx, "DEAL", { name: "Rocket fuel" });
}

describe("communication fields", () => {
  it("stores a call's direction, duration and outcome and a meeting's place and attendees, and the timeline shows them", async () => {
    const { ctx } = await makeTenant();
    const deal = await dealIn(ctx);
    const call = await createActivity(ctx, { activityType: "CALL", recordType: "DEAL", recordId: deal.id, subject: "Pricing", direction: "OUTBOUND", durationSeconds: 720, outcome: "Connected" });
    expect(await getActivity(ctx, call.id)).toMatchObject({ direction: "OUTBOUND", durationSeconds: 720, outcome: "Connected", meetingLocation: null, meetingAttendees: [] });
    const meeting = await createActivity(ctx, {
      activityType: "MEETING",
      recordType: "DEAL",
      recordId: deal.id,
      subject: "Kick-off",
      meetingLocation: " Room 4 ",
      meetingAttendees: ["Jane Doe", "ops@acme.test"],
      durationSeconds: 1800,
    });
    expect(await getActivity(ctx, meeting.id)).toMatchObject({ meetingLocation: "Room 4", meetingAttendees: ["Jane Doe", "ops@acme.test"], direction: null });

    const { data } = await recordTimeline(ctx, "DEAL", deal.id);
    const entry = (id: string) => data.find((e) => e.id === id);
    const callEntry = entry(call.id);
    const meetingEntry = entry(meeting.id);
    if (callEntry?.kind !== "activity" || meetingEntry?.kind !== "activity") throw new Error("activities missing from the timeline");
    expect(communicationSummary(callEntry.activity)).toBe("Outbound call · 12 min · Connected");
    expect(communicationSummary(meetingEntry.activity)).toBe("30 min · at Room 4 · with Jane Doe, ops@acme.test");
  });

  it("refuses a direction on a note, attendees on a call, and bad values (422 naming the field)", async () => {
    const { ctx } = await makeTenant();
    const deal = await dealIn(ctx);
    const base = { recordType: "DEAL", recordId: deal.id, subject: "x" } as const;
    await expect(createActivity(ctx, { ...base, activityType: "NOTE", direction: "INBOUND" })).rejects.toMatchObject({ name: "ZodError", issues: [{ path: ["direction"] }] });
    await expect(createActivity(ctx, { ...base, activityType: "CALL", meetingAttendees: ["Jane"] })).rejects.toMatchObject({ issues: [{ path: ["meetingAttendees"] }] });
    await expect(createActivity(ctx, { ...base, activityType: "CALL", direction: "SIDEWAYS" as never })).rejects.toMatchObject({ issues: [{ path: ["direction"], message: "must be INBOUND or OUTBOUND" }] });
    await expect(createActivity(ctx, { ...base, activityType: "CALL", durationSeconds: -60 })).rejects.toMatchObject({ issues: [{ path: ["durationSeconds"] }] });
    // A PATCH is checked against the stored type too.
    const note = await createActivity(ctx, { ...base, activityType: "NOTE" });
    await expect(updateActivity(ctx, note.id, { meetingLocation: "Room 4" })).rejects.toMatchObject({ code: "validation", extensions: { errors: [{ path: "meetingLocation" }] } });
    const call = await createActivity(ctx, { ...base, activityType: "CALL" });
    expect(await updateActivity(ctx, call.id, { direction: "INBOUND", outcome: "No answer" })).toMatchObject({ direction: "INBOUND", outcome: "No answer" });
  });
});

describe("setNotePinned", () => {
  it("pins a note to the record's pinned list with an event, unpins it, and ignores a repeat", async () => {
    const { ctx } = await makeTenant();
    const deal = await dealIn(ctx);
    const first = await createActivity(ctx, { activityType: "NOTE", recordType: "DEAL", recordId: deal.id, subject: "Budget is 40k" });
    const second = await createActivity(ctx, { activityType: "NOTE", recordType: "DEAL", recordId: deal.id, subject: "CFO signs" });
    expect(await pinnedNotes(ctx, "DEAL", deal.id)).toEqual([]);

    const pinned = await setNotePinned(ctx, first.id, true);
    expect(pinned.pinnedAt).toBeInstanceOf(Date);
    await setNotePinned(ctx, first.id, true); // already pinned: nothing changes
    await setNotePinned(ctx, second.id, true);
    expect((await pinnedNotes(ctx, "DEAL", deal.id)).map((e) => e.id)).toEqual([second.id, first.id]);
    const [event, ...more] = await updatesOf(ctx, first.id);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ entityType: "ACTIVITY", actorUserId: ctx.actor.userId });
    expect(event!.payload).toMatchObject({ pinned: true, recordType: "DEAL", recordId: deal.id, title: "Rocket fuel" });

    const unpinned = await setNotePinned(ctx, first.id, false);
    expect(unpinned.pinnedAt).toBeNull();
    expect((await pinnedNotes(ctx, "DEAL", deal.id)).map((e) => e.id)).toEqual([second.id]);
    expect((await updatesOf(ctx, first.id)).map((e) => (e.payload as { pinned: boolean }).pinned)).toEqual([true, false]);
  });

  it("pins only notes (409), of this tenant (404), and not for a readonly member", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const deal = await dealIn(a.ctx);
    const call = await createActivity(a.ctx, { activityType: "CALL", recordType: "DEAL", recordId: deal.id, subject: "Call" });
    await expect(setNotePinned(a.ctx, call.id, true)).rejects.toMatchObject({ code: "conflict" });
    const note = await createActivity(a.ctx, { activityType: "NOTE", recordType: "DEAL", recordId: deal.id, subject: "Mine" });
    await expect(setNotePinned(b.ctx, note.id, true)).rejects.toMatchObject({ code: "not-found" });
    const viewer = await makeMember(a.tenantId, "readonly");
    await expect(setNotePinned(viewer.ctx, note.id, true)).rejects.toMatchObject({ code: "forbidden" });
    expect((await getActivity(a.ctx, note.id)).pinnedAt).toBeNull();
  });
});
