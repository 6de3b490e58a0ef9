// Campaigns and sequences end to end on real Postgres and a real SMTP server on 127.0.0.1:
// the suppression list across both (an unsubscribed address never gets another campaign or
// sequence email), RFC 8058 one-click unsubscribe through the public route, the A/B split,
// batches within the hourly limit (and their job's time), the stop rules of sequences,
// send later within the send window, and the privacy erase.
import { NextRequest } from "next/server";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { POST as unsubscribePost, GET as unsubscribeGet } from "@/app/api/public/email/u/[token]/route";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { dispatchEvent, registerConsumer } from "@/lib/events/dispatcher";
import { createMailbox } from "@/lib/email/mailboxes";
import { setEmailPreferences } from "@/lib/email/preferences";
import { queueEmail, sendQueuedEmail } from "@/lib/email/send";
import { sendCampaignEmails } from "./send";
import { updateSendSettings } from "@/lib/email/send-settings";
import { closePooledTransports } from "@/lib/email/smtp";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/email/smtp-test-server";
import { unsubscribeTarget } from "@/lib/email/unsubscribe";
import { addMembers } from "@/lib/lists/members";
import { createList } from "@/lib/lists/service";
import { moveRecord } from "@/lib/pipelines/move-record";
import { eraseContact } from "@/lib/privacy/contact-data";
import { createRecord } from "@/lib/records/service";
import { sequenceStopConsumer } from "@/lib/sequences/consumer";
import { sequenceFigures } from "@/lib/sequences/queries";
import { runSequenceStep } from "@/lib/sequences/run";
import { createSequence, enroll, updateSequence } from "@/lib/sequences/service";
import { stopEnrollmentsFor } from "@/lib/sequences/stop";
import { putAccessPolicy } from "@/lib/tenancy/access-policy";
import { systemActor } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { updateWorkspace } from "@/lib/workspace/service";
import { campaignFigures, campaignRecipientsPage } from "./queries";
import { runCampaignBatch } from "./run";
import { createCampaign, sendCampaign, updateCampaign } from "./service";

let smtp: TestSmtpServer;
let owner: postgres.Sql;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
  registerConsumer(sequenceStopConsumer);
});
afterAll(async () => {
  closePooledTransports();
  await smtp.close();
  await owner.end();
});

const ORIGIN = "http://crm.test";
const FIRST = { attempt: 1, maxAttempts: 5 };

async function setup(people: { firstName: string; email: string | null }[]) {
  const t = await makeTenant("Campaign Co");
  const manager = await makeMember(t.tenantId, "manager", "Mona Manager");
  const mailbox = await createMailbox(t.ctx, { emailAddress: `news-${t.tenantId.slice(0, 8)}@campaignco.test`, displayName: "Campaign Co", shared: true, smtpHost: "127.0.0.1", smtpPort: smtp.port, smtpSecurity: "NONE", smtpUsername: smtp.username, smtpPassword: smtp.password });
  const contacts = [];
  for (const p of people) contacts.push(await createRecord(t.ctx, "CONTACT", p));
  const list = await createList(t.ctx, { name: "Newsletter", objectType: "CONTACT" });
  await addMembers(t.ctx, list.id, { memberIds: contacts.map((c) => c.id as string) });
  return { ...t, manager, mailbox, contacts, list };
}

/** Runs a campaign's batches until it is done (the worker would, at each batch's time). */
async function runCampaign(tenantId: string, campaignId: string) {
  for (let i = 0; i < 50; i++) {
    const r = await runCampaignBatch(tenantId, campaignId, new Date(Date.now() + i * 3_600_000));
    if (r.done) return;
  }
  throw new Error("campaign did not finish");
}

/** Sends every queued email of the campaign (its send_campaign job) or enrollment (their send_email jobs), as the worker would; their statuses. */
async function sendAll(tenantId: string, where: { campaignId?: string; enrollmentId?: string }) {
  const rows = where.campaignId
    ? await owner<{ id: string }[]>`select id from email_messages where tenant_id = ${tenantId} and campaign_id = ${where.campaignId} and status = 'QUEUED' order by id`
    : await owner<{ id: string }[]>`select id from email_messages where tenant_id = ${tenantId} and sequence_enrollment_id = ${where.enrollmentId!} and status = 'QUEUED'`;
  if (!where.campaignId) return Promise.all(rows.map((r) => sendQueuedEmail(tenantId, r.id, FIRST)));
  await sendCampaignEmails(tenantId, where.campaignId);
  const after = await owner<{ status: string }[]>`select status from email_messages where id = any(${rows.map((r) => r.id)}::uuid[]) order by id`;
  return after.map((r) => r.status);
}

/** A raw header of a received message (mailparser folds List-* headers into its own shape). */
const header = (m: { parsed: { headerLines: readonly { key: string; line: string }[] } }, name: string) => {
  const line = m.parsed.headerLines.find((h) => h.key === name)?.line ?? "";
  return line.slice(line.indexOf(":") + 1).trim();
};
const unsubscribeUrlOf = (m: Parameters<typeof header>[0]) => /^<(https?:\/\/[^>]+)>$/.exec(header(m, "list-unsubscribe"))?.[1] ?? "";

const post = (url: string, body: string, contentType = "application/x-www-form-urlencoded") =>
  new NextRequest(url, { method: "POST", body, headers: { "content-type": contentType, "x-forwarded-for": "203.0.113.7" } });
const tokenOf = (url: string) => ({ params: Promise.resolve({ token: url.slice(url.lastIndexOf("/") + 1) }) });

describe("suppression across campaigns and sequences", () => {
  it("one-click unsubscribe from a campaign: no later campaign or sequence email reaches the address", async () => {
    const s = await setup([
      { firstName: "Ada", email: "ada@reader.test" },
      { firstName: "Bob", email: "bob@reader.test" },
      { firstName: "Cy", email: "cy@reader.test" },
    ]);
    const [ada, bob, cy] = s.contacts as { id: string }[];
    const first = await createCampaign(s.manager.ctx, { name: "December news", mailboxId: s.mailbox.id, listId: s.list.id, subject: "News for {{contact.firstName | you}}", body: "Hi {{contact.firstName | there}},\nsee https://example.com/news" });
    await sendCampaign(s.manager.ctx, first.id, {}, { publicOrigin: ORIGIN });
    await runCampaign(s.tenantId, first.id);
    expect(await sendAll(s.tenantId, { campaignId: first.id })).toEqual(["SENT", "SENT", "SENT"]);

    const mail = await smtp.waitFor((m) => m.parsed.subject === "News for Ada");
    // RFC 8058: the headers, and the same link in the footer
    const url = unsubscribeUrlOf(mail);
    expect(url.startsWith(`${ORIGIN}/api/public/email/u/`)).toBe(true);
    expect(header(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.parsed.text).toContain(`unsubscribe: ${url}`);
    expect(String(mail.parsed.html)).toContain(`href="${url}"`);

    // the page says whose address it is, masked; a GET unsubscribes no one (scanners prefetch links)
    expect(await unsubscribeTarget("not-a-token")).toBeNull();
    const target = await unsubscribeTarget(url.slice(url.lastIndexOf("/") + 1));
    expect(target).toMatchObject({ workspace: "Campaign Co", addresses: ["a•••@reader.test"], unsubscribed: false });
    const get = await unsubscribeGet(new NextRequest(url, { headers: { "x-forwarded-for": "203.0.113.7" } }), tokenOf(url));
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toMatch(/\/unsubscribe\//);
    // a tampered token names nothing
    expect((await unsubscribePost(post(`${url.slice(0, -2)}xx`, "List-Unsubscribe=One-Click"), tokenOf(`${url.slice(0, -2)}xx`))).status).toBe(404);
    // the one-click POST a mail client makes: 200, no page
    const res = await unsubscribePost(post(url, "List-Unsubscribe=One-Click"), tokenOf(url));
    expect(res.status).toBe(200);
    // again: still fine (idempotent)
    expect((await unsubscribePost(post(url, "List-Unsubscribe=One-Click"), tokenOf(url))).status).toBe(200);
    expect((await unsubscribeTarget(url.slice(url.lastIndexOf("/") + 1)))!.unsubscribed).toBe(true);

    const f1 = await campaignFigures(s.manager.ctx, first.id);
    expect(f1.figures.total).toMatchObject({ recipients: 3, sent: 3, delivered: 3, unsubscribed: 1, queued: 0 });
    expect(f1.figures.progress).toBe(1);
    expect(f1.campaign.status).toBe("SENT");

    // a second campaign to the same list: Ada is suppressed, the others get it
    const second = await createCampaign(s.manager.ctx, { name: "January news", mailboxId: s.mailbox.id, listId: s.list.id, subject: "January for {{contact.firstName | you}}", body: "Hello" });
    await sendCampaign(s.manager.ctx, second.id, {}, { publicOrigin: ORIGIN });
    await runCampaign(s.tenantId, second.id);
    await sendAll(s.tenantId, { campaignId: second.id });
    const page = await campaignRecipientsPage(s.manager.ctx, second.id);
    const byEmail = Object.fromEntries(page.data.map((r) => [r.email, r]));
    expect(byEmail["ada@reader.test"]).toMatchObject({ status: "suppressed", reason: "on the suppression list (unsubscribed)" });
    expect(byEmail["bob@reader.test"]!.status).toBe("sent");
    expect(smtp.received.filter((m) => m.parsed.subject === "January for Ada")).toHaveLength(0);
    expect((await campaignFigures(s.manager.ctx, second.id)).figures.total).toMatchObject({ recipients: 3, sent: 2, suppressed: 1 });

    // sequences: Ada cannot be enrolled; Bob's queued email is held back once he unsubscribes
    const seq = await createSequence(s.manager.ctx, {
      name: "Follow-up",
      mailboxId: s.mailbox.id,
      steps: [
        { kind: "EMAIL", subject: "Following up, {{contact.firstName | there}}", body: "Any questions?" },
        { kind: "EMAIL", delayDays: 2, subject: "Last note, {{contact.firstName | there}}", body: "Bye" },
      ],
    });
    await expect(enroll(s.manager.ctx, seq.id, { contactId: ada!.id }, { publicOrigin: ORIGIN })).rejects.toThrow(/unsubscribed/);
    const bobIn = (await enroll(s.manager.ctx, seq.id, { contactId: bob!.id }, { publicOrigin: ORIGIN })).enrollments[0]!;
    const cyIn = (await enroll(s.manager.ctx, seq.id, { contactId: cy!.id }, { publicOrigin: ORIGIN })).enrollments[0]!;
    expect(await runSequenceStep(s.tenantId, bobIn.id)).toBe("emailed");
    expect(await runSequenceStep(s.tenantId, cyIn.id)).toBe("emailed");
    // Bob unsubscribes through January's link before his sequence email went out
    const bobJan = smtp.received.find((m) => m.parsed.subject === "January for Bob")!;
    const bobUrl = unsubscribeUrlOf(bobJan);
    expect((await unsubscribePost(post(bobUrl, "List-Unsubscribe=One-Click"), tokenOf(bobUrl))).status).toBe(200);
    expect(await sendAll(s.tenantId, { enrollmentId: bobIn.id })).toEqual(["FAILED"]);
    const [held] = await owner`select status, error from email_messages where tenant_id = ${s.tenantId} and sequence_enrollment_id = ${bobIn.id}`;
    expect(held).toMatchObject({ status: "FAILED", error: "Not sent: bob@reader.test is on the suppression list (unsubscribed)" });
    const [bobRow] = await owner`select status, stop_reason from sequence_enrollments where tenant_id = ${s.tenantId} and id = ${bobIn.id}`;
    expect(bobRow).toMatchObject({ status: "STOPPED", stop_reason: "UNSUBSCRIBED" });
    // Cy's goes out, with its own unsubscribe link
    expect(await sendAll(s.tenantId, { enrollmentId: cyIn.id })).toEqual(["SENT"]);
    const cyMail = await smtp.waitFor((m) => m.parsed.subject === "Following up, Cy");
    expect(header(cyMail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(smtp.received.filter((m) => /Ada|Bob/.test(m.parsed.subject ?? "") && /Following up/.test(m.parsed.subject ?? ""))).toHaveLength(0);
  });

  it("an email preference turned off keeps the contact out of campaigns of that kind", async () => {
    const s = await setup([
      { firstName: "Di", email: "di@reader.test" },
      { firstName: "Ed", email: "ed@reader.test" },
    ]);
    expect(await setEmailPreferences(s.manager.ctx, s.contacts[0]!.id as string, { newsletter: false })).toEqual({ marketingEmails: true, productUpdates: true, newsletter: false });
    const c = await createCampaign(s.manager.ctx, { name: "Letter", category: "NEWSLETTER", mailboxId: s.mailbox.id, listId: s.list.id, subject: "Letter", body: "Hi" });
    await sendCampaign(s.manager.ctx, c.id, {}, { publicOrigin: ORIGIN });
    await runCampaign(s.tenantId, c.id);
    const page = await campaignRecipientsPage(s.manager.ctx, c.id);
    expect(page.data.find((r) => r.email === "di@reader.test")).toMatchObject({ status: "suppressed", reason: "turned off newsletter emails" });
    expect(page.data.find((r) => r.email === "ed@reader.test")!.status).toBe("queued");
  });

  it("erasing a contact puts the address on the suppression list, without the address", async () => {
    const s = await setup([{ firstName: "Flo", email: "flo@reader.test" }]);
    await eraseContact(s.ctx, s.contacts[0]!.id as string);
    const rows = await owner`select reason, email from email_suppressions where tenant_id = ${s.tenantId}`;
    expect(rows).toEqual([{ reason: "ERASED", email: null }]);
  });
});

describe("campaign batches", () => {
  it("splits A/B exactly and reports figures per variant", async () => {
    const s = await setup(Array.from({ length: 10 }, (_, i) => ({ firstName: `P${i}`, email: `p${i}@split.test` })));
    const c = await createCampaign(s.manager.ctx, { name: "Split", mailboxId: s.mailbox.id, listId: s.list.id, subject: "Subject A", subjectB: "Subject B", splitPercent: 30, body: "Hi" });
    await sendCampaign(s.manager.ctx, c.id, {}, { publicOrigin: ORIGIN });
    await runCampaign(s.tenantId, c.id);
    // the campaign's emails wait for its one send_campaign job, not a job each
    const jobs = await owner<{ key: string | null; task: string }[]>`
      select j.key, t.identifier as task from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where j.key = ${`campaign-send:${c.id}`} or j.key in (select 'email:' || id from email_messages where campaign_id = ${c.id})`;
    expect(jobs).toEqual([{ key: `campaign-send:${c.id}`, task: "send_campaign" }]);
    expect(await sendAll(s.tenantId, { campaignId: c.id })).toEqual(Array(10).fill("SENT"));
    // sent is sent for good: long after, another run of the job finds nothing to send and queues no next run
    await owner`update email_messages set updated_at = now() - interval '1 day', created_at = now() - interval '1 day' where campaign_id = ${c.id}`;
    const received = smtp.received.length;
    expect(await sendCampaignEmails(s.tenantId, c.id, { budgetMs: 5_000 })).toEqual({ sent: 0, failed: 0, nextAt: null });
    expect(smtp.received.length).toBe(received);
    const { figures } = await campaignFigures(s.manager.ctx, c.id);
    expect(figures.variants.map((v) => [v.variant, v.subject, v.recipients, v.sent])).toEqual([
      ["A", "Subject A", 7, 7],
      ["B", "Subject B", 3, 3],
    ]);
    expect(smtp.received.filter((m) => m.envelope.to[0]?.endsWith("@split.test") && m.parsed.subject === "Subject B")).toHaveLength(3);
  });

  it("sends no more than the hourly limit per mailbox: the next batch's job waits for room", async () => {
    const s = await setup(Array.from({ length: 10 }, (_, i) => ({ firstName: `T${i}`, email: `t${i}@throttle.test` })));
    await updateSendSettings(s.ctx, { hourlyLimit: 4, batchSize: 3 });
    const c = await createCampaign(s.manager.ctx, { name: "Throttled", mailboxId: s.mailbox.id, listId: s.list.id, subject: "Hi", body: "Hi" });
    await sendCampaign(s.manager.ctx, c.id, {}, { publicOrigin: ORIGIN });
    const [job0] = await owner`select run_at from graphile_worker._private_jobs where key = ${`campaign:${c.id}`}`;
    expect(job0).toBeTruthy();
    const t0 = new Date();
    const first = await runCampaignBatch(s.tenantId, c.id, t0);
    expect(first).toMatchObject({ sent: 3, done: false });
    // one more would fit this hour, a whole batch only when the first three are an hour old: its job is queued for then
    expect(first.nextAt!.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 3_600_000);
    const [job] = await owner`select run_at from graphile_worker._private_jobs where key = ${`campaign:${c.id}`}`;
    expect(Math.abs(new Date(job!.run_at).getTime() - first.nextAt!.getTime())).toBeLessThan(1000);
    // run early (a retry), the job sends nothing
    expect(await runCampaignBatch(s.tenantId, c.id, new Date(t0.getTime() + 2000))).toMatchObject({ sent: 0, done: false });
    const count = async () => ((await owner`select count(*)::int as n from email_messages where tenant_id = ${s.tenantId} and campaign_id = ${c.id}`) as unknown as [{ n: number }])[0].n;
    expect(await count()).toBe(3);
    // an hour later the next batch goes
    expect(await runCampaignBatch(s.tenantId, c.id, new Date(first.nextAt!.getTime() + 1000))).toMatchObject({ sent: 3, done: false });
    expect(await count()).toBe(6);
  });
});

describe("campaign pacing", () => {
  it("keeps at most one batch queued ahead of the sending: the next waits until the last is sent", async () => {
    const s = await setup(Array.from({ length: 7 }, (_, i) => ({ firstName: `P${i}`, email: `p${i}@pacing.test` })));
    await updateSendSettings(s.ctx, { batchSize: 3 });
    const c = await createCampaign(s.manager.ctx, { name: "Paced", mailboxId: s.mailbox.id, listId: s.list.id, subject: "Hi", body: "Hi" });
    await sendCampaign(s.manager.ctx, c.id, {}, { publicOrigin: ORIGIN });
    const t0 = new Date();
    expect(await runCampaignBatch(s.tenantId, c.id, t0)).toMatchObject({ sent: 3, done: false });
    // the three are not sent yet: the next batch waits a moment and queues nothing
    const held = await runCampaignBatch(s.tenantId, c.id, new Date(t0.getTime() + 100));
    expect(held).toMatchObject({ sent: 0, done: false });
    expect(held.nextAt!.getTime()).toBe(t0.getTime() + 100 + 2_000);
    const queued = async () => ((await owner`select count(*)::int as n from email_messages where tenant_id = ${s.tenantId} and campaign_id = ${c.id}`) as unknown as [{ n: number }])[0].n;
    expect(await queued()).toBe(3);
    // once they are sent, the next batch goes
    await sendAll(s.tenantId, { campaignId: c.id });
    expect(await runCampaignBatch(s.tenantId, c.id, new Date(held.nextAt!.getTime() + 10))).toMatchObject({ sent: 3, done: false });
    expect(await queued()).toBe(6);
  });

  it("runs its send jobs one at a time: a batch written while the campaign's job runs queues the next behind it", async () => {
    const s = await setup(Array.from({ length: 6 }, (_, i) => ({ firstName: `Q${i}`, email: `q${i}@queue.test` })));
    await updateSendSettings(s.ctx, { batchSize: 3 });
    const c = await createCampaign(s.manager.ctx, { name: "One at a time", mailboxId: s.mailbox.id, listId: s.list.id, subject: "Hi", body: "Hi" });
    await sendCampaign(s.manager.ctx, c.id, {}, { publicOrigin: ORIGIN });
    const t0 = new Date();
    expect(await runCampaignBatch(s.tenantId, c.id, t0)).toMatchObject({ sent: 3, done: false });
    const key = `campaign-send:${c.id}`;
    const jobs = () => owner<{ queue: string | null; running: boolean }[]>`
      select q.queue_name as queue, j.locked_at is not null as running from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
      where t.identifier = 'send_campaign' and j.payload->>'campaignId' = ${c.id} order by j.id`;
    // the job is running (a worker locked it) when its batch is sent and the next batch is written
    await owner`update graphile_worker._private_jobs set locked_at = now(), locked_by = 'campaigns.test' where key = ${key}`;
    await sendAll(s.tenantId, { campaignId: c.id });
    expect(await runCampaignBatch(s.tenantId, c.id, new Date(t0.getTime() + 60_000))).toMatchObject({ sent: 3, done: true });
    // a second job, in the running one's queue: graphile-worker starts it only when the first is done
    expect(await jobs()).toEqual([
      { queue: key, running: true },
      { queue: key, running: false },
    ]);
    await owner`delete from graphile_worker._private_jobs where payload->>'campaignId' = ${c.id} and task_id = (select id from graphile_worker._private_tasks where identifier = 'send_campaign')`;
  });
});

describe("sequence stop rules", () => {
  it("stops on a won deal, on a reply (the hook), and counts per step", async () => {
    const s = await setup([
      { firstName: "Gus", email: "gus@buyer.test" },
      { firstName: "Hal", email: "hal@buyer.test" },
    ]);
    const [gus, hal] = s.contacts as { id: string }[];
    const seq = await createSequence(s.manager.ctx, {
      name: "Outreach",
      mailboxId: s.mailbox.id,
      steps: [
        { kind: "EMAIL", subject: "Hello {{contact.firstName | there}}", body: "Hi" },
        { kind: "TASK", delayDays: 1, subject: "Call them" },
        { kind: "EMAIL", delayDays: 2, subject: "Still there?", body: "Hi again" },
      ],
    });
    const gusIn = (await enroll(s.manager.ctx, seq.id, { contactId: gus!.id }, { publicOrigin: ORIGIN })).enrollments[0]!;
    const halIn = (await enroll(s.manager.ctx, seq.id, { contactId: hal!.id }, { publicOrigin: ORIGIN })).enrollments[0]!;
    await expect(enroll(s.manager.ctx, seq.id, { contactId: gus!.id }, { publicOrigin: ORIGIN })).rejects.toThrow(/already in the sequence/);
    expect(await runSequenceStep(s.tenantId, gusIn.id)).toBe("emailed");
    expect(await runSequenceStep(s.tenantId, halIn.id)).toBe("emailed");
    expect(await sendAll(s.tenantId, { enrollmentId: gusIn.id })).toEqual(["SENT"]);
    // the next step is not due for a day
    expect(await runSequenceStep(s.tenantId, gusIn.id)).toBe("not-due");
    const [job] = await owner`select run_at from graphile_worker._private_jobs where key = ${`enrollment:${gusIn.id}`}`;
    expect(new Date(job!.run_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    // Gus's deal is won: his sequence stops (the consumer of stage.changed)
    const deal = await createRecord(s.ctx, "DEAL", { name: "Gus deal", contactId: gus!.id, amount: "100" });
    const [won] = await owner<{ id: string }[]>`select s.id from pipeline_stages s join pipelines p on p.tenant_id = s.tenant_id and p.id = s.pipeline_id where s.tenant_id = ${s.tenantId} and p.id = ${deal.pipelineId as string} and s.stage_state = 'DONE_SUCCESS'`;
    await moveRecord(s.ctx, "DEAL", deal.id as string, { toStageId: won!.id, wonReason: "price" } as never);
    const [ev] = await owner<{ id: string }[]>`select id from domain_events where tenant_id = ${s.tenantId} and event_type = 'stage.changed' and entity_id = ${deal.id as string}`;
    await dispatchEvent(s.tenantId, ev!.id);
    const [g] = await owner`select status, stop_reason from sequence_enrollments where tenant_id = ${s.tenantId} and id = ${gusIn.id}`;
    expect(g).toMatchObject({ status: "STOPPED", stop_reason: "STAGE_CHANGED" });
    expect(await runSequenceStep(s.tenantId, gusIn.id, new Date(Date.now() + 86_400_000 * 2))).toBe("inactive");

    // Hal replies (the reply detection's hook): stopped, counted at step 1
    await withTenant({ tenantId: s.tenantId, actor: systemActor() }, (tx) => stopEnrollmentsFor(tx, { tenantId: s.tenantId, contactId: hal!.id, reason: "REPLIED" }));
    // Hal's first email was still queued: it is held back
    expect(await sendAll(s.tenantId, { enrollmentId: halIn.id })).toEqual(["FAILED"]);
    const { figures } = await sequenceFigures(s.manager.ctx, seq.id);
    expect(figures).toMatchObject({ enrolled: 2, active: 0, stopped: 2 });
    expect(figures.steps.map((x) => [x.enrolled, x.sent, x.replied])).toEqual([
      [2, 1, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it("a task step goes to the contact's owner, and the last step completes the enrollment", async () => {
    const s = await setup([{ firstName: "Ivy", email: "ivy@buyer.test" }]);
    const seq = await createSequence(s.manager.ctx, { name: "Tasks", mailboxId: s.mailbox.id, steps: [{ kind: "TASK", subject: "Call Ivy" }] });
    const en = (await enroll(s.manager.ctx, seq.id, { contactId: s.contacts[0]!.id as string }, { publicOrigin: ORIGIN })).enrollments[0]!;
    expect(await runSequenceStep(s.tenantId, en.id)).toBe("task");
    const [task] = await owner`select activity_type, subject, assigned_user_id from activities where tenant_id = ${s.tenantId} and record_id = ${s.contacts[0]!.id as string} and activity_type = 'TASK'`;
    expect(task).toMatchObject({ activity_type: "TASK", subject: "Call Ivy" });
    const [row] = await owner`select status from sequence_enrollments where tenant_id = ${s.tenantId} and id = ${en.id}`;
    expect(row!.status).toBe("COMPLETED");
  });
});

describe("visibility", () => {
  it("a rep who may not see a contact sees neither its place on a campaign nor its enrollment", async () => {
    const s = await setup([{ firstName: "Kim", email: "kim@private.test" }]);
    const alice = await makeMember(s.tenantId, "sales_rep", "Alice");
    const bob = await makeMember(s.tenantId, "sales_rep", "Bob");
    await putAccessPolicy(s.ctx, { sales_rep: { CONTACT: { read: "own", write: "own" } } });
    const mine = await createRecord(alice.ctx, "CONTACT", { firstName: "Lou", email: "lou@private.test" });
    await addMembers(s.ctx, s.list.id, { memberIds: [mine.id as string] });
    const c = await createCampaign(s.manager.ctx, { name: "Private", mailboxId: s.mailbox.id, listId: s.list.id, subject: "Hi", body: "Hi" });
    await sendCampaign(s.manager.ctx, c.id, {}, { publicOrigin: ORIGIN });
    await runCampaign(s.tenantId, c.id);
    const seq = await createSequence(s.manager.ctx, { name: "Private seq", mailboxId: s.mailbox.id, steps: [{ kind: "TASK", delayDays: 3, subject: "Call" }] });
    await enroll(s.manager.ctx, seq.id, { listId: s.list.id }, { publicOrigin: ORIGIN });
    const emails = async (ctx: typeof bob.ctx) => (await campaignRecipientsPage(ctx, c.id)).data.map((r) => r.email).sort();
    expect(await emails(s.manager.ctx)).toEqual(["kim@private.test", "lou@private.test"]);
    expect(await emails(alice.ctx)).toEqual(["lou@private.test"]);
    expect(await emails(bob.ctx)).toEqual([]);
    expect((await sequenceFigures(bob.ctx, seq.id)).figures.enrolled).toBe(0);
    expect((await sequenceFigures(alice.ctx, seq.id)).figures.enrolled).toBe(1);
  });
});

describe("send later", () => {
  it("a scheduled email's job runs at the send window's next open minute, in the workspace's zone", async () => {
    const s = await setup([{ firstName: "Jo", email: "jo@later.test" }]);
    await updateWorkspace(s.ctx, { timeZone: "Europe/Paris" });
    await updateSendSettings(s.ctx, { windowEnabled: true, windowDays: [1, 2, 3, 4, 5], windowStartMinute: 9 * 60, windowEndMinute: 17 * 60 });
    // a Saturday noon next year: Monday 09:00 in Paris
    const email = await queueEmail(s.ctx, { recordType: "CONTACT", recordId: s.contacts[0]!.id as string, mailboxId: s.mailbox.id, to: ["jo@later.test"], subject: "Later", body: "Hi", sendAt: new Date("2027-01-09T12:00:00Z") }, { publicOrigin: ORIGIN });
    expect(email.scheduledAt!.toISOString()).toBe("2027-01-11T08:00:00.000Z");
    const [job] = await owner`select run_at from graphile_worker._private_jobs where key = ${`email:${email.id}`}`;
    expect(new Date(job!.run_at).toISOString()).toBe("2027-01-11T08:00:00.000Z");
    // a send now is not held back
    const now = await queueEmail(s.ctx, { recordType: "CONTACT", recordId: s.contacts[0]!.id as string, mailboxId: s.mailbox.id, to: ["jo@later.test"], subject: "Now", body: "Hi" }, { publicOrigin: ORIGIN });
    expect(now.scheduledAt).toBeNull();
  });

  it("edits a draft and a scheduled campaign (its time too) with the same service as PATCH; once sending, 409", async () => {
    const s = await setup([{ firstName: "Ann", email: "ann-edit@readers.test" }]);
    const input = { name: "Autumn", mailboxId: s.mailbox.id, listId: s.list.id, subject: "Autumn news", body: "Hello" };
    const c = await createCampaign(s.manager.ctx, input);
    expect(await updateCampaign(s.manager.ctx, c.id, { ...input, subject: "Autumn, edited", subjectB: "Fall", splitPercent: 30 })).toMatchObject({ subject: "Autumn, edited", subjectB: "Fall", splitPercent: 30 });
    // a draft's time is set by sending it later, not by an edit
    await expect(updateCampaign(s.manager.ctx, c.id, { ...input, scheduledAt: new Date(Date.now() + 86_400_000) })).rejects.toMatchObject({ code: "validation" });

    const later = new Date(Date.now() + 2 * 86_400_000);
    await sendCampaign(s.manager.ctx, c.id, { scheduledAt: later }, { publicOrigin: ORIGIN });
    const moved = new Date(Date.now() + 3 * 86_400_000);
    const edited = await updateCampaign(s.manager.ctx, c.id, { ...input, name: "Autumn (moved)", scheduledAt: moved });
    expect(edited).toMatchObject({ name: "Autumn (moved)", status: "SCHEDULED", subjectB: null });
    expect(edited.scheduledAt?.getTime()).toBe(moved.getTime());
    expect(edited.nextBatchAt?.getTime()).toBe(moved.getTime());
    await expect(updateCampaign(s.manager.ctx, c.id, { ...input, scheduledAt: new Date(Date.now() - 60_000) })).rejects.toMatchObject({ code: "validation" });

    // the worker starts it at its time: from then on it is not edited
    await runCampaignBatch(s.tenantId, c.id, new Date(moved.getTime() + 1000));
    await expect(updateCampaign(s.manager.ctx, c.id, input)).rejects.toMatchObject({ code: "conflict" });
  });

  it("a sequence edited with the PUT service: a paused one's due steps wait, resuming runs them, and a step already passed is not sent again", async () => {
    const s = await setup([{ firstName: "Pia", email: "pia-pause@readers.test" }]);
    const steps = [
      { kind: "EMAIL" as const, subject: "One", body: "First" },
      { kind: "EMAIL" as const, delayDays: 0, subject: "Two", body: "Second" },
    ];
    const input = { name: "Pausable", mailboxId: s.mailbox.id, steps };
    const seq = await createSequence(s.manager.ctx, input);
    const en = (await enroll(s.manager.ctx, seq.id, { contactId: s.contacts[0]!.id }, { publicOrigin: ORIGIN })).enrollments[0]!;
    expect(await runSequenceStep(s.tenantId, en.id)).toBe("emailed");

    // paused: the due second step waits, nothing is sent
    expect((await updateSequence(s.manager.ctx, seq.id, { ...input, paused: true })).isActive).toBe(false);
    expect(await runSequenceStep(s.tenantId, en.id)).toBe("paused");
    // left out, `paused` keeps it as it is
    expect((await updateSequence(s.manager.ctx, seq.id, input)).isActive).toBe(false);

    // edited while paused: step 1 (already sent to Pia) and step 2 change; resumed, Pia gets the new step 2 only
    await updateSequence(s.manager.ctx, seq.id, { ...input, paused: false, steps: [{ ...steps[0]!, subject: "One, edited" }, { ...steps[1]!, subject: "Two, edited" }] });
    expect(await runSequenceStep(s.tenantId, en.id)).toBe("emailed");
    const [sent] = await owner<{ subjects: string[] }[]>`select array_agg(subject order by created_at) as subjects from email_messages where tenant_id = ${s.tenantId} and sequence_enrollment_id = ${en.id}`;
    expect(sent!.subjects).toEqual(["One", "Two, edited"]);
  });
});
