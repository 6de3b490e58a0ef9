// A private mailbox's synced email as another user sees it, through every channel that shows
// activities: under FULL they read it all, under SUBJECT never the body, under NONE neither
// subject nor body — anywhere. The owner always reads it all; event payloads (kept, and read
// by whoever has the stream: notifications, webhooks, published events) never carry its text.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { syncedEmails } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { getActivity, listActivities } from "@/lib/activities/queries";
import { createActivityIn, updateActivity } from "@/lib/activities/service";
import { systemActor } from "@/lib/tenancy/context";
import { createList } from "@/lib/lists/service";
import { addMembers } from "@/lib/lists/members";
import { memberTitles, previewFilter } from "@/lib/lists/queries";
import { exportContactData } from "@/lib/privacy/contact-data";
import { createRecord } from "@/lib/records/service";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { recordTimeline } from "@/lib/timeline/queries";
import { describeEvent } from "@/lib/watchers/describe";
import { followRecord, listWatched } from "@/lib/watchers/service";
import { createMailbox } from "./mailboxes";
import { updateEmailSyncSettings } from "./sync-service";

const SUBJECT = "Quarterly pricing zebra";
const BODY = "Confidential discount aardvark";

let owner: postgres.Sql;
beforeAll(() => {
  owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await owner?.end();
});

async function setup() {
  const t = await makeTenant("Private Mail Co");
  const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
  const manager = await makeMember(t.tenantId, "manager", "Max Manager");
  const mailbox = await createMailbox(rep.ctx, { emailAddress: `rita-${Date.now()}@mailco.test`, smtpHost: "127.0.0.1", smtpPort: 2525, smtpSecurity: "NONE", smtpUsername: "rita", smtpPassword: "x" });
  const contact = await createRecord(rep.ctx, "CONTACT", { firstName: "Ada", lastName: "Lovelace", email: "ada@customer.test" });
  // what the IMAP sync writes for a message (lib/email/sync.ts), as the system
  const sys = { tenantId: t.tenantId, actor: systemActor("SYSTEM") };
  const activity = await withTenant(sys, async (tx) => {
    const a = await createActivityIn(tx, sys, { activityType: "EMAIL", subject: SUBJECT, body: BODY, recordType: "CONTACT", recordId: contact.id, direction: "INBOUND" }, { syncedEmail: true });
    await tx.insert(syncedEmails).values({
      tenantId: t.tenantId,
      mailboxId: mailbox.id,
      folder: "INBOX",
      uid: 1,
      direction: "INBOUND",
      messageId: "<m1@customer.test>",
      threadId: "<m1@customer.test>",
      fromAddress: "ada@customer.test",
      toAddresses: [mailbox.emailAddress],
      subject: SUBJECT,
      bodyText: BODY,
      sentAt: new Date(),
      activityId: a.id,
      recordType: "CONTACT",
      recordId: contact.id,
    });
    return a;
  });
  const list = await createList(manager.ctx, { name: "Emails", objectType: "ACTIVITY" });
  await addMembers(manager.ctx, list.id, { memberIds: [activity.id] });
  await followRecord(manager.ctx, { recordType: "ACTIVITY", recordId: activity.id, principalType: "USER", principalId: manager.userId });
  return { ...t, rep, manager, contact, activity };
}

type S = Awaited<ReturnType<typeof setup>>;

/** Everything a user is shown of the activity, channel by channel, as text. */
async function channels(s: S, ctx: S["rep"]["ctx"], userId: string): Promise<Record<string, string>> {
  const timeline = await recordTimeline(ctx, "CONTACT", s.contact.id);
  const list = await listActivities(ctx, "CONTACT", s.contact.id);
  const byId = await getActivity(ctx, s.activity.id);
  const patched = await updateActivity(ctx, s.activity.id, {});
  const titles = await memberTitles(ctx, "ACTIVITY", [s.activity.id]);
  const followed = await listWatched(ctx, "USER", userId);
  const exported = await exportContactData(ctx, s.contact.id);
  const preview = await previewFilter(ctx, { objectType: "ACTIVITY", filter: { all: [{ field: "activityType", op: "eq", value: "EMAIL" }] } });
  return {
    timeline: JSON.stringify(timeline.data.filter((e) => e.kind === "activity")),
    "GET /activities": JSON.stringify(list.data),
    "GET /activities/{id}": JSON.stringify(byId),
    "PATCH /activities/{id}": JSON.stringify(patched),
    "list members": JSON.stringify([...titles.values()]),
    "dynamic list preview": JSON.stringify(preview),
    followed: JSON.stringify(followed.filter((w) => w.recordType === "ACTIVITY")),
    "personal-data export": JSON.stringify(exported.activities),
  };
}

function expectShown(seen: Record<string, string>, { subject, body }: { subject: boolean; body: boolean }) {
  for (const [channel, text] of Object.entries(seen)) {
    // a listing of titles has no body to show
    const hasBody = !["list members", "dynamic list preview", "followed"].includes(channel);
    expect(text.includes(SUBJECT), `${channel} shows the subject`).toBe(subject);
    if (hasBody) expect(text.includes(BODY), `${channel} shows the body`).toBe(body);
    else expect(text.includes(BODY), `${channel} shows the body`).toBe(false);
  }
}

describe("a private mailbox's synced email, channel by channel", () => {
  it("shows others what the sharing setting allows, its owner everything, and events nothing", async () => {
    const s = await setup();
    const asManager = () => channels(s, s.manager.ctx, s.manager.userId);

    // FULL (the default)
    expectShown(await asManager(), { subject: true, body: true });

    await updateEmailSyncSettings(s.ctx, { privateSharing: "SUBJECT" });
    expectShown(await asManager(), { subject: true, body: false });
    // the workspace's admin is no exception, as on the timeline
    expect((await getActivity(s.ctx, s.activity.id)).body).toBeNull();

    await updateEmailSyncSettings(s.ctx, { privateSharing: "NONE" });
    const none = await asManager();
    expectShown(none, { subject: false, body: false });
    expect(none["GET /activities/{id}"]).toContain("Private email");

    // its owner reads all of it, whatever the setting
    await followRecord(s.rep.ctx, { recordType: "ACTIVITY", recordId: s.activity.id, principalType: "USER", principalId: s.rep.userId });
    const own = await channels(s, s.rep.ctx, s.rep.userId);
    for (const [channel, text] of Object.entries(own)) expect(text.includes(SUBJECT), `${channel} shows its owner the subject`).toBe(true);

    // filters never match on its text (for anyone, its owner too), so no count or member tells it
    for (const ctx of [s.manager.ctx, s.rep.ctx]) {
      for (const field of ["subject", "body"]) {
        const probe = await previewFilter(ctx, { objectType: "ACTIVITY", filter: { all: [{ field, op: "contains", value: field === "subject" ? "zebra" : "aardvark" }] } });
        expect(probe.ok && probe.preview.count, `${field} filter`).toMatchObject({ count: 0 });
      }
    }

    // events are kept and read later by anyone with the stream: no text of it, ever
    const events = await owner<{ event_type: string; entity_type: string | null; payload: Record<string, unknown> }[]>`
      select event_type, entity_type, payload from domain_events where tenant_id = ${s.tenantId} and payload->>'activityId' = ${s.activity.id}`;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(JSON.stringify(e.payload)).not.toMatch(/zebra|aardvark/);
      // and so a watcher's notification (built from the event) has none either
      const note = describeEvent({ eventType: e.event_type, entityType: e.entity_type, payload: e.payload }, null);
      expect(`${note.title} ${note.body ?? ""}`).not.toMatch(/zebra|aardvark/);
    }
  });
});
