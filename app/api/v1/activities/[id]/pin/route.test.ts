import { describe, expect, it } from "vitest";
import { makeTenant } from "@/db/testing/factories";
import { createApiKey } from "@/lib/api/keys";
import { apiRequest as req } from "@/lib/api/testing";
import { createRecord } from "@/lib/records/service";
import { POST } from "../../route";
import { DELETE, PUT } from "./route";

const none = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

describe("REST /activities/{id}/pin and the communication fields", () => {
  it("logs a call with its direction and a meeting with its attendees, pins and unpins a note, and refuses to pin a call (409) or a readonly key (403)", async () => {
    const t = await makeTenant();
    const key = (await createApiKey(t.ctx, { name: "rep", role: "sales_rep" })).key;
    const readonly = (await createApiKey(t.ctx, { name: "ro", role: "readonly" })).key;
    const deal = await createRecord(t.ctx, "DEAL", { name: "Renewal" });
    const log = async (body: Record<string, unknown>) => POST(req("POST", "/activities", { key, body: { recordType: "DEAL", recordId: deal.id, ...body } }), none);

    const call = await log({ activityType: "CALL", subject: "Pricing", direction: "INBOUND", durationSeconds: 300, outcome: "Connected" });
    expect(call.status).toBe(201);
    const callJson = await call.json();
    expect(callJson).toMatchObject({ direction: "INBOUND", durationSeconds: 300, outcome: "Connected", meetingAttendees: [], pinnedAt: null });
    expect(await (await log({ activityType: "MEETING", subject: "Kick-off", meetingLocation: "Room 4", meetingAttendees: ["Jane"] })).json()).toMatchObject({ meetingLocation: "Room 4", meetingAttendees: ["Jane"] });
    expect((await log({ activityType: "NOTE", subject: "x", direction: "OUTBOUND" })).status).toBe(422);

    const note = await (await log({ activityType: "NOTE", subject: "Budget is 40k" })).json();
    const pinned = await PUT(req("PUT", `/activities/${note.id}/pin`, { key }), withId(note.id));
    expect(pinned.status).toBe(200);
    expect((await pinned.json()).pinnedAt).not.toBeNull();
    expect((await PUT(req("PUT", `/activities/${note.id}/pin`, { key: readonly }), withId(note.id))).status).toBe(403);
    const unpinned = await DELETE(req("DELETE", `/activities/${note.id}/pin`, { key }), withId(note.id));
    expect(await unpinned.json()).toMatchObject({ id: note.id, pinnedAt: null });
    expect((await PUT(req("PUT", `/activities/${callJson.id}/pin`, { key }), withId(callJson.id))).status).toBe(409);
  });
});
