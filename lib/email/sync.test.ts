// The IMAP sync end to end against a real Dovecot on 127.0.0.1 (lib/email/imap-test-server.ts):
// new mail logged on the contact (and its company and open deal), threads, a move and a
// delete on the server, a restart that resumes after the last UID without duplicates, a
// rejected password (paused, error, owner notified), replies and bounces of sent emails.
import { createSequence, enroll } from "@/lib/sequences/service";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { createRecord } from "@/lib/records/service";
import { recordTimeline } from "@/lib/timeline/queries";
import { createMailbox, updateMailbox } from "./mailboxes";
import { rawBounce, rawMessage, startTestImapServer, type TestImapServer } from "./imap-test-server";
import { queueEmail } from "./send";
import { getSyncLedger, resumeMailboxSync, resyncMailboxFrom, updateEmailSyncSettings, getSyncedEmail } from "./sync-service";
import { syncMailbox } from "./sync";
import { createAutomation } from "@/lib/automations/service";
import { planEvent } from "@/lib/automations/plan";
import { withTenant } from "@/lib/tenancy/with-tenant";

let imap: TestImapServer;
let owner: postgres.Sql;
beforeAll(async () => {
  imap = await startTestImapServer();
  owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await imap?.close();
  await owner?.end();
});

let n = 0;
const mid = (tag: string) => `<${tag}-${++n}-${Date.now()}@customer.test>`;

async function setup(opts: { password?: string } = {}) {
  const t = await makeTenant("Inbox Co");
  const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
  const mailbox = await createMailbox(rep.ctx, {
    emailAddress: `rita-${++n}@mailco.test`,
    smtpHost: "127.0.0.1",
    smtpPort: 2525,
    smtpSecurity: "NONE",
    smtpUsername: "rita",
    smtpPassword: "x",
    imapHost: "127.0.0.1",
    imapPort: imap.port,
    imapSecurity: "NONE",
    imapUsername: imap.username,
    imapPassword: opts.password ?? imap.password,
  });
  const company = await createRecord(rep.ctx, "COMPANY", { name: "Analytical Engines" });
  const contact = await createRecord(rep.ctx, "CONTACT", { firstName: "Ada", lastName: "Lovelace", email: `ada-${n}@customer.test`, companyId: company.id });
  const deal = await createRecord(rep.ctx, "DEAL", { name: "Engine order", companyId: company.id, contactId: contact.id });
  return { ...t, rep, mailbox, company, contact, deal, ada: `ada-${n}@customer.test` };
}

const synced = (tenantId: string, mailboxId: string) =>
  owner<{ message_id: string; thread_id: string; folder: string; subject: string; activity_id: string; direction: string }[]>`
    select message_id, thread_id, folder, subject, activity_id, direction from synced_emails where tenant_id = ${tenantId} and mailbox_id = ${mailboxId} order by sent_at, created_at`;

describe("IMAP sync against Dovecot", () => {
  // one Dovecot user serves every test: each test's mailbox starts after what is already there
  it("logs new mail on the contact, its company and open deal, threaded, and skips mail of nobody known", async () => {
    const s = await setup();
    await syncMailbox(s.tenantId, s.mailbox.id); // the first sync: the last 30 days of everyone's tests
    const first = mid("hello");
    await imap.append("INBOX", rawMessage({ from: `Ada Lovelace <${s.ada}>`, to: s.mailbox.emailAddress, subject: "Engines", text: "Hello Rita", html: '<p onclick="x()">Hello <b>Rita</b><img src="https://tracker.test/p.gif"><script>alert(1)</script></p>', messageId: first }));
    await imap.append("INBOX", rawMessage({ from: "stranger@elsewhere.test", to: s.mailbox.emailAddress, subject: "Spam", text: "Buy", messageId: mid("spam") }));
    const reply = mid("reply");
    await imap.append("Sent", rawMessage({ from: s.mailbox.emailAddress, to: s.ada, subject: "Re: Engines", text: "Hi Ada", messageId: reply, inReplyTo: first, references: [first] }));

    const r = await syncMailbox(s.tenantId, s.mailbox.id);
    expect(r).toMatchObject({ status: "done", fetched: 3, matched: 2, skippedNoContact: 1, errors: 0 });
    const rows = await synced(s.tenantId, s.mailbox.id);
    expect(rows.map((x) => [x.folder, x.direction, x.subject])).toEqual([
      ["INBOX", "INBOUND", "Engines"],
      ["Sent", "OUTBOUND", "Re: Engines"],
    ]);
    expect(rows[1]!.thread_id).toBe(rows[0]!.thread_id);

    // on the contact's timeline, and on its company's and open deal's
    for (const [kind, id] of [["CONTACT", s.contact.id], ["COMPANY", s.company.id], ["DEAL", s.deal.id]] as const) {
      const tl = await recordTimeline(s.rep.ctx, kind, id);
      const emails = tl.data.filter((e) => e.kind === "activity" && e.activity.activityType === "EMAIL");
      expect(emails, kind).toHaveLength(2);
    }
    const tl = await recordTimeline(s.rep.ctx, "CONTACT", s.contact.id);
    const entry = tl.data.find((e) => e.kind === "activity" && e.activity.subject === "Engines");
    expect(entry?.kind === "activity" && entry.activity.synced).toMatchObject({ threadId: rows[0]!.thread_id, direction: "INBOUND", from: s.ada });

    // the stored HTML is sanitised, its remote image held back
    const full = await getSyncedEmail(s.rep.ctx, (entry as { activity: { synced: { id: string } } }).activity.synced.id);
    expect(full.html).toContain("<b>Rita</b>");
    expect(full.html).not.toMatch(/script|onclick|\ssrc="https/);
    expect(full.html).toContain('data-remote-src="https://tracker.test/p.gif"');
    expect(full.hasRemoteImages).toBe(true);

    // an email.received event in the outbox
    const [ev] = await owner`select count(*)::int as n from domain_events where tenant_id = ${s.tenantId} and event_type = 'email.received'`;
    expect(ev!.n).toBe(1);

    // the ledger
    const ledger = await getSyncLedger(s.rep.ctx, s.mailbox.id);
    expect(ledger.totals).toMatchObject({ fetched: 3, matched: 2, skippedNoContact: 1 });
    expect(ledger.status).toBe("ACTIVE");
    expect(ledger.lastSyncedAt).not.toBeNull();
  });

  it("logs mail of a lead on the lead (alone, or beside a contact), counted as matched; a converted lead is not matched", async () => {
    const s = await setup();
    const lea = `lea-${n}@prospect.test`;
    const lead = await createRecord(s.rep.ctx, "LEAD", { firstName: "Lea", lastName: "Prospect", email: lea });
    await syncMailbox(s.tenantId, s.mailbox.id);
    await imap.append("INBOX", rawMessage({ from: `Lea Prospect <${lea.toUpperCase()}>`, to: s.mailbox.emailAddress, subject: "Lead question", text: "Tell me more", messageId: mid("lead") }));
    await imap.append("Sent", rawMessage({ from: s.mailbox.emailAddress, to: s.ada, cc: [lea], subject: "Both of you", text: "Hi both", messageId: mid("both") }));

    const r = await syncMailbox(s.tenantId, s.mailbox.id);
    expect(r).toMatchObject({ status: "done", fetched: 2, matched: 2, skippedNoContact: 0 });
    const subjects = async (kind: "LEAD" | "CONTACT", id: string) =>
      (await recordTimeline(s.rep.ctx, kind, id)).data.flatMap((e) => (e.kind === "activity" && e.activity.activityType === "EMAIL" ? [e.activity.subject] : [])).sort();
    expect(await subjects("LEAD", lead.id)).toEqual(["Both of you", "Lead question"]);
    expect(await subjects("CONTACT", s.contact.id)).toEqual(["Both of you"]);
    // the lead's own message is the lead's, with its event
    const [row] = await owner<{ record_type: string; record_id: string }[]>`select record_type, record_id from synced_emails where tenant_id = ${s.tenantId} and subject = 'Lead question'`;
    expect(row).toEqual({ record_type: "LEAD", record_id: lead.id });
    const [ev] = await owner<{ entity_type: string }[]>`select entity_type from domain_events where tenant_id = ${s.tenantId} and event_type = 'email.received'`;
    expect(ev!.entity_type).toBe("LEAD");
    // the ledger's run (newest first) counts both as matched
    expect((await getSyncLedger(s.rep.ctx, s.mailbox.id)).runs[0]).toMatchObject({ fetched: 2, matched: 2, skippedNoContact: 0 });

    // once converted, the lead is no longer matched (its mail belongs to the contact it became)
    await owner`update leads set converted_at = now() where tenant_id = ${s.tenantId} and id = ${lead.id}`;
    await imap.append("INBOX", rawMessage({ from: lea, to: s.mailbox.emailAddress, subject: "After converting", text: "Hello again", messageId: mid("converted") }));
    expect(await syncMailbox(s.tenantId, s.mailbox.id)).toMatchObject({ fetched: 1, matched: 0, skippedNoContact: 1 });
  });

  it("a private mailbox's messages: everything for its owner; for others, as the workspace's sharing setting says", async () => {
    const s = await setup();
    const manager = await makeMember(s.tenantId, "manager", "Max Manager");
    await syncMailbox(s.tenantId, s.mailbox.id);
    await imap.append("INBOX", rawMessage({ from: s.ada, to: s.mailbox.emailAddress, subject: "Private pricing", text: "Our secret discount", messageId: mid("private") }));
    await syncMailbox(s.tenantId, s.mailbox.id);
    const entryFor = async (ctx: typeof s.rep.ctx) => {
      const tl = await recordTimeline(ctx, "CONTACT", s.contact.id);
      const e = tl.data.find((x) => x.kind === "activity" && x.activity.synced);
      return e?.kind === "activity" ? e.activity : null;
    };
    const id = (await entryFor(s.rep.ctx))!.synced!.id;

    // FULL (the default): everyone who sees the contact reads it
    expect(await entryFor(manager.ctx)).toMatchObject({ subject: "Private pricing", body: "Our secret discount" });
    expect((await getSyncedEmail(manager.ctx, id)).text).toBe("Our secret discount");

    await updateEmailSyncSettings(s.ctx, { privateSharing: "SUBJECT" });
    expect(await entryFor(manager.ctx)).toMatchObject({ subject: "Private pricing", body: null, synced: { visibility: "SUBJECT" } });
    expect(await getSyncedEmail(manager.ctx, id)).toMatchObject({ subject: "Private pricing", text: null, html: null, visibility: "SUBJECT" });
    // the owner still reads all of it
    expect(await entryFor(s.rep.ctx)).toMatchObject({ body: "Our secret discount", synced: { visibility: "FULL" } });
    expect((await getSyncedEmail(s.rep.ctx, id)).text).toBe("Our secret discount");

    await updateEmailSyncSettings(s.ctx, { privateSharing: "NONE" });
    expect(await entryFor(manager.ctx)).toMatchObject({ subject: "Private email", body: null, synced: { visibility: "NONE" } });
    await expect(getSyncedEmail(manager.ctx, id)).rejects.toThrow(/not found/i);
  });

  it("a move and a delete on the server log nothing twice; a restart resumes after the last UID", async () => {
    const s = await setup();
    await syncMailbox(s.tenantId, s.mailbox.id);
    const a = mid("a");
    const uidA = await imap.append("INBOX", rawMessage({ from: s.ada, to: s.mailbox.emailAddress, subject: "A", text: "a", messageId: a }));
    expect((await syncMailbox(s.tenantId, s.mailbox.id)).matched).toBe(1);

    // moved out and back in: a new UID, the same Message-ID
    await imap.move("INBOX", uidA, "Archive");
    const c = await imap.client();
    const lock = await c.getMailboxLock("Archive");
    const uids = (await c.search({ header: { "message-id": a } }, { uid: true })) || [];
    await c.messageMove(uids.join(","), "INBOX", { uid: true });
    lock.release();
    await c.logout();
    const moved = await syncMailbox(s.tenantId, s.mailbox.id);
    expect(moved).toMatchObject({ fetched: 1, matched: 0, skippedDuplicate: 1 });

    // deleted on the server: the record keeps it; the next mail still comes
    const b = mid("b");
    const uidB = await imap.append("INBOX", rawMessage({ from: s.ada, to: s.mailbox.emailAddress, subject: "B", text: "b", messageId: b }));
    await imap.remove("INBOX", uidB);
    await imap.append("INBOX", rawMessage({ from: s.ada, to: s.mailbox.emailAddress, subject: "C", text: "c", messageId: mid("c") }));
    expect(await syncMailbox(s.tenantId, s.mailbox.id)).toMatchObject({ fetched: 1, matched: 1 });
    expect((await synced(s.tenantId, s.mailbox.id)).map((x) => x.subject)).toEqual(["A", "C"]);

    // a restart (nothing new): nothing fetched again, and no ledger row for a sync that found nothing
    const runsBefore = (await getSyncLedger(s.rep.ctx, s.mailbox.id)).runs.length;
    expect(await syncMailbox(s.tenantId, s.mailbox.id)).toMatchObject({ status: "done", fetched: 0 });
    expect((await getSyncLedger(s.rep.ctx, s.mailbox.id)).runs.length).toBe(runsBefore);

    // a sync that stopped after its first batch resumes after it, without duplicates
    for (const x of ["D", "E", "F"]) await imap.append("INBOX", rawMessage({ from: s.ada, to: s.mailbox.emailAddress, subject: x, text: x, messageId: mid(x) }));
    // a run that stops after one message (its limit, or a crash after the first batch's commit)
    expect(await syncMailbox(s.tenantId, s.mailbox.id, { batchSize: 1, maxMessages: 1 })).toMatchObject({ fetched: 1, matched: 1 });
    expect(await syncMailbox(s.tenantId, s.mailbox.id, { batchSize: 1 })).toMatchObject({ fetched: 2, matched: 2, skippedDuplicate: 0 });
    // forget the folder's place (UIDVALIDITY unknown): read again from the start date, every message a duplicate
    await owner`delete from mailbox_folders where tenant_id = ${s.tenantId}`;
    const again = await syncMailbox(s.tenantId, s.mailbox.id);
    expect(again.matched).toBe(0);
    expect(again.skippedDuplicate).toBe(5);
    expect((await synced(s.tenantId, s.mailbox.id)).map((x) => x.subject)).toEqual(["A", "C", "D", "E", "F"]);
  });

  it("resync from a date reads the folders again, logging only what was not logged", async () => {
    const s = await setup();
    await imap.append("INBOX", rawMessage({ from: s.ada, to: s.mailbox.emailAddress, subject: "Old one", text: "old", messageId: mid("old"), date: new Date(Date.now() - 60 * 86_400_000) }), [], new Date(Date.now() - 60 * 86_400_000));
    await syncMailbox(s.tenantId, s.mailbox.id);
    await updateEmailSyncSettings(s.ctx, { excludedDomains: ["elsewhere.test"] });
    await imap.append("INBOX", rawMessage({ from: "x@elsewhere.test", to: [s.mailbox.emailAddress, s.ada], subject: "Excluded", text: "x", messageId: mid("ex") }));
    const r = await syncMailbox(s.tenantId, s.mailbox.id);
    expect(r.skippedExcluded + r.matched).toBe(1); // Ada is on it too: logged through her address
    await resyncMailboxFrom(s.rep.ctx, s.mailbox.id, new Date(Date.now() - 90 * 86_400_000).toISOString());
    const again = await syncMailbox(s.tenantId, s.mailbox.id);
    expect(again.skippedDuplicate).toBeGreaterThan(0);
    expect((await synced(s.tenantId, s.mailbox.id)).map((x) => x.subject)).toContain("Old one");
  });

  it("a rejected password pauses the sync, shows the error on the mailbox and notifies its owner once", async () => {
    const s = await setup({ password: "wrong-password" });
    const r = await syncMailbox(s.tenantId, s.mailbox.id);
    expect(r.status).toBe("paused");
    expect(r.error).toMatch(/rejected the username or password/);
    expect(await syncMailbox(s.tenantId, s.mailbox.id)).toMatchObject({ status: "paused" });
    const ledger = await getSyncLedger(s.rep.ctx, s.mailbox.id);
    expect(ledger).toMatchObject({ status: "PAUSED" });
    expect(ledger.error).toMatch(/password/);
    const [m] = await owner`select check_error from mailboxes where tenant_id = ${s.tenantId} and id = ${s.mailbox.id}`;
    expect(m!.check_error).toMatch(/password/);
    const notes = await owner`select kind, title from notifications where tenant_id = ${s.tenantId} and user_id = ${s.rep.userId}`;
    expect(notes).toEqual([{ kind: "email.sync_paused", title: `Email sync paused for ${s.mailbox.emailAddress}` }]);

    // a new password resumes it
    await updateMailbox(s.rep.ctx, s.mailbox.id, { imapPassword: imap.password });
    expect((await getSyncLedger(s.rep.ctx, s.mailbox.id)).status).toBe("ACTIVE");
    expect((await syncMailbox(s.tenantId, s.mailbox.id)).status).toBe("done");
    // "Resume sync" does the same by hand (after the password was changed on the server side)
    await resumeMailboxSync(s.rep.ctx, s.mailbox.id);
    expect((await getSyncLedger(s.rep.ctx, s.mailbox.id)).status).toBe("ACTIVE");
  });

  it("a reply marks a sent email replied, a bounce marks it bounced, each with its event", async () => {
    const s = await setup();
    await syncMailbox(s.tenantId, s.mailbox.id);
    // automations on the new triggers
    const onReply = await createAutomation(s.ctx, { name: "Replied", entityType: "CONTACT", scopeType: "ENTITY", triggerEvent: "email.replied", actionType: "EVENT", config: { name: "contact.replied" } });
    const onBounce = await createAutomation(s.ctx, { name: "Bounced", entityType: "DEAL", scopeType: "ENTITY", triggerEvent: "email.bounced", actionType: "EVENT", config: { name: "deal.bounced" } });
    const sent = await queueEmail(s.rep.ctx, { recordType: "CONTACT", recordId: s.contact.id, mailboxId: s.mailbox.id, to: [s.ada], subject: "Proposal", body: "Here it is" }, { publicOrigin: "http://crm.test" });
    const other = await queueEmail(s.rep.ctx, { recordType: "DEAL", recordId: s.deal.id, mailboxId: s.mailbox.id, to: ["nobody@customer.test"], subject: "Hello?", body: "?" }, { publicOrigin: "http://crm.test" });
    // Ada is in a sequence: her reply stops it
    const admins = await createMailbox(s.ctx, { emailAddress: `team-${n}@mailco.test`, smtpHost: "127.0.0.1", smtpPort: 2525, smtpSecurity: "NONE", smtpUsername: "team", smtpPassword: "x" });
    const seq = await createSequence(s.ctx, { name: "Nudges", mailboxId: admins.id, steps: [{ kind: "EMAIL", delayDays: 3, subject: "Any news?", body: "?" }] });
    const adaIn = (await enroll(s.ctx, seq.id, { contactId: s.contact.id }, { publicOrigin: "http://crm.test" })).enrollments[0]!;
    await imap.append("INBOX", rawMessage({ from: s.ada, to: s.mailbox.emailAddress, subject: "Re: Proposal", text: "Thanks!", messageId: mid("re"), inReplyTo: sent.messageId, references: [sent.messageId] }));
    await imap.append("INBOX", rawBounce({ to: s.mailbox.emailAddress, originalMessageId: other.messageId, recipient: "nobody@customer.test" }));
    const r = await syncMailbox(s.tenantId, s.mailbox.id);
    expect(r).toMatchObject({ fetched: 2, matched: 2, errors: 0 });

    const [a] = await owner`select replied_at, bounced_at from email_messages where tenant_id = ${s.tenantId} and id = ${sent.id}`;
    expect(a!.replied_at).not.toBeNull();
    expect(a!.bounced_at).toBeNull();
    const [b] = await owner`select bounced_at, bounce_reason from email_messages where tenant_id = ${s.tenantId} and id = ${other.id}`;
    expect(b!.bounced_at).not.toBeNull();
    expect(b!.bounce_reason).toMatch(/nobody@customer\.test: 550 5\.1\.1 User unknown/);
    // the bounced address is suppressed, counted against the send that bounced; Ada's sequence stopped
    expect(await owner`select reason, source_email_id from email_suppressions where tenant_id = ${s.tenantId} and email = 'nobody@customer.test'`).toEqual([{ reason: "BOUNCED", source_email_id: other.id }]);
    const [stopped] = await owner`select status, stop_reason from sequence_enrollments where tenant_id = ${s.tenantId} and id = ${adaIn.id}`;
    expect(stopped).toMatchObject({ status: "STOPPED", stop_reason: "REPLIED" });
    const events = await owner`select event_type, entity_type, entity_id from domain_events where tenant_id = ${s.tenantId} and event_type in ('email.replied', 'email.bounced') order by event_type`;
    expect(events).toEqual([
      { event_type: "email.bounced", entity_type: "DEAL", entity_id: s.deal.id },
      { event_type: "email.replied", entity_type: "CONTACT", entity_id: s.contact.id },
    ]);
    // each fires its automation
    for (const [type, automationId] of [["email.replied", onReply.automation.id], ["email.bounced", onBounce.automation.id]] as const) {
      const [e] = await owner`select event_type, entity_type, entity_id, payload from domain_events where tenant_id = ${s.tenantId} and event_type = ${type}`;
      const plan = await withTenant(s.ctx, (tx) => planEvent(tx, s.ctx, { eventType: e!.event_type, entityType: e!.entity_type, entityId: e!.entity_id, payload: e!.payload }));
      expect(plan.filter((p) => p.fires).map((p) => p.rule.id), type).toEqual([automationId]);
    }
    // the reply joins the sent email's thread
    const [reply] = await owner`select thread_id from synced_emails where tenant_id = ${s.tenantId} and subject = 'Re: Proposal'`;
    expect(reply!.thread_id).toBe(sent.threadId);
  });
});
