// Sending from a record and tracking it, end to end against a real SMTP server on
// 127.0.0.1: the template rendered with the record's values, the EMAIL activity and the
// queued send written together, the worker's send, the open pixel and click redirect
// through the public routes, and what the timeline shows.
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as clickRoute } from "@/app/api/public/email/c/[token]/route";
import { GET as openRoute } from "@/app/api/public/email/o/[token]/route";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { emailMessages } from "@/db/schema";
import { createRecord } from "@/lib/records/service";
import { putAccessPolicy } from "@/lib/tenancy/access-policy";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { signToken } from "./crypto";
import { flushTracking } from "./tracking";
import { clickPayload } from "./tracking-rules";
import { recordTimeline } from "@/lib/timeline/queries";
import { createMailbox } from "./mailboxes";
import { getEmail, queueEmail, sendQueuedEmail } from "./send";
import { closePooledTransports } from "./smtp";
import { startSilentServer, startTestSmtpServer, type TestSmtpServer } from "./smtp-test-server";
import { createTemplate } from "./templates";

let smtp: TestSmtpServer;
let owner: postgres.Sql;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  owner = postgres(inject("ownerUrl"), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  closePooledTransports();
  await smtp.close();
  await owner.end();
});

const ORIGIN = "http://crm.test";
const FIRST = { attempt: 1, maxAttempts: 5 };

async function setup(port = smtp.port) {
  const t = await makeTenant("Mail Co");
  const rep = await makeMember(t.tenantId, "sales_rep", "Rita Rep");
  const mailbox = await createMailbox(rep.ctx, { emailAddress: "rita@mailco.test", displayName: "Rita Rep", smtpHost: "127.0.0.1", smtpPort: port, smtpSecurity: "NONE", smtpUsername: smtp.username, smtpPassword: smtp.password });
  const company = await createRecord(rep.ctx, "COMPANY", { name: "Analytical Engines" });
  const contact = await createRecord(rep.ctx, "CONTACT", { firstName: "Ada", lastName: "Lovelace", email: "ada@customer.test", companyId: company.id });
  return { ...t, rep, mailbox, contact };
}

const get = (url: string, ua = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Thunderbird/128.0") =>
  new NextRequest(url, { headers: { "user-agent": ua, "x-forwarded-for": "203.0.113.9" } });
const tokenOf = (url: string) => ({ params: Promise.resolve({ token: url.slice(url.lastIndexOf("/") + 1) }) });

describe("sending email from a record", () => {
  it("renders the template, logs an EMAIL activity with the queued send, and the worker sends it through SMTP", async () => {
    const s = await setup();
    const template = await createTemplate(s.ctx, { name: "Intro", subject: "Hello {{contact.firstName | there}} from {{company.name}}", body: "Hi {{contact.firstName | there}},\nour prices: https://example.com/pricing\n{{user.name}}" });
    const email = await queueEmail(s.rep.ctx, { recordType: "CONTACT", recordId: s.contact.id, mailboxId: s.mailbox.id, to: ["ada@customer.test"], cc: "boss@customer.test", subject: template.subject, body: template.body, templateId: template.id, track: true }, { publicOrigin: ORIGIN });
    expect(email).toMatchObject({ status: "QUEUED", subject: "Hello Ada from Analytical Engines", tracked: true, to: ["ada@customer.test"], cc: ["boss@customer.test"] });
    expect(email.body).toBe("Hi Ada,\nour prices: https://example.com/pricing\nRita Rep");
    expect(email.messageId).toMatch(/^<[0-9a-f-]+@mailco\.test>$/);

    // the activity and the job were written with the send
    const [activity] = await owner`select activity_type, direction, subject, details_json from activities where tenant_id = ${s.tenantId} and id = ${email.activityId}`;
    expect(activity).toMatchObject({ activity_type: "EMAIL", direction: "OUTBOUND", subject: "Hello Ada from Analytical Engines" });
    expect(activity!.details_json).toMatchObject({ emailId: email.id, messageId: email.messageId, threadId: email.messageId });
    const [job] = await owner`select max_attempts from graphile_worker._private_jobs where key = ${`email:${email.id}`}`;
    expect(job).toMatchObject({ max_attempts: 5 });

    expect(await sendQueuedEmail(s.tenantId, email.id, FIRST)).toBe("SENT");
    const mail = await smtp.waitFor((m) => m.parsed.messageId === email.messageId);
    expect(mail.envelope.to.sort()).toEqual(["ada@customer.test", "boss@customer.test"]);
    expect(mail.parsed.subject).toBe("Hello Ada from Analytical Engines");
    expect(mail.parsed.text).toContain("Hi Ada,");
    expect(mail.parsed.from?.text).toBe('"Rita Rep" <rita@mailco.test>');
    const html = String(mail.parsed.html);
    expect(html).not.toContain('href="https://example.com/pricing"');
    // a repeated job sends nothing twice
    expect(await sendQueuedEmail(s.tenantId, email.id, { attempt: 2, maxAttempts: 5 })).toBe("SENT");
    expect(smtp.received.filter((m) => m.parsed.messageId === email.messageId)).toHaveLength(1);

    // open pixel: a reader, then Apple Mail Privacy Protection's prefetch
    const pixel = html.match(/<img src="([^"]+)"/)![1]!;
    expect(pixel.startsWith(`${ORIGIN}/api/public/email/o/`)).toBe(true);
    const opened = await openRoute(get(pixel), tokenOf(pixel));
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toBe("image/gif");
    await openRoute(get(pixel, "Mozilla/5.0"), tokenOf(pixel));
    // click: the redirect goes to the stored link
    const click = html.match(/<a href="([^"]+)">https:\/\/example\.com\/pricing<\/a>/)![1]!;
    const clicked = await clickRoute(get(click), tokenOf(click));
    expect(clicked.status).toBe(302);
    expect(clicked.headers.get("location")).toBe("https://example.com/pricing");

    // the hits are written behind the answers (lib/email/tracking.ts)
    await flushTracking();
    const after = await getEmail(s.rep.ctx, email.id);
    expect(after).toMatchObject({ status: "SENT", opens: 2, proxyOpens: 1, clicks: 1, links: [{ url: "https://example.com/pricing", clicks: 1 }] });
    expect(after.firstOpenedAt).toBeInstanceOf(Date);

    // the timeline shows the email with its delivery and tracking
    const timeline = await recordTimeline(s.rep.ctx, "CONTACT", s.contact.id);
    const entry = timeline.data.find((e) => e.kind === "activity" && e.id === email.activityId);
    expect(entry?.kind === "activity" && entry.activity.email).toMatchObject({ status: "SENT", opens: 2, proxyOpens: 1, clicks: 1, links: [{ url: "https://example.com/pricing", clicks: 1 }], to: ["ada@customer.test"] });
  });

  it("answers 404 for an altered, foreign or wrong-kind tracking id, never redirecting elsewhere", async () => {
    const s = await setup();
    const email = await queueEmail(s.rep.ctx, { recordType: "CONTACT", recordId: s.contact.id, mailboxId: s.mailbox.id, to: "ada@customer.test", subject: "Links", body: "https://example.com/a https://example.com/b", track: true }, { publicOrigin: ORIGIN });
    await sendQueuedEmail(s.tenantId, email.id, FIRST);
    const html = String((await smtp.waitFor((m) => m.parsed.messageId === email.messageId)).parsed.html);
    const [first, second] = [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);
    const pixel = html.match(/<img src="([^"]+)"/)![1]!;
    const token = tokenOf(first!);
    const raw = (await token.params).token;
    const flipped = raw.slice(0, 10) + (raw[10] === "A" ? "B" : "A") + raw.slice(11);
    for (const bad of [flipped, raw.slice(0, -1), `${raw}A`, "https%3A%2F%2Fevil.test", (await tokenOf(pixel).params).token]) {
      const res = await clickRoute(get(`${ORIGIN}/api/public/email/c/${bad}`), { params: Promise.resolve({ token: bad }) });
      expect(res.status, bad).toBe(404);
      expect(res.headers.get("location")).toBeNull();
    }
    expect((await openRoute(get(`${ORIGIN}/x`), { params: Promise.resolve({ token: flipped }) })).status).toBe(404);
    expect((await clickRoute(get(second!), tokenOf(second!))).headers.get("location")).toBe("https://example.com/b");
    // an id made before links travelled in it (index only): the link stored with the email
    const legacy = signToken(clickPayload(s.tenantId, email.id, 0));
    expect((await clickRoute(get(`${ORIGIN}/api/public/email/c/${legacy}`), { params: Promise.resolve({ token: legacy }) })).headers.get("location")).toBe("https://example.com/a");
    await flushTracking();
    expect((await getEmail(s.rep.ctx, email.id)).clicks).toBe(2);
  });

  it("writes many opens and clicks at once exactly: counters, one email_events row each, email.opened once, email.clicked each", async () => {
    const s = await setup();
    const emails = [];
    for (const to of ["ada@customer.test", "bob@customer.test"]) {
      const e = await queueEmail(s.rep.ctx, { recordType: "CONTACT", recordId: s.contact.id, mailboxId: s.mailbox.id, to, subject: `Burst ${to}`, body: "https://example.com/a https://example.com/b", track: true }, { publicOrigin: ORIGIN });
      await sendQueuedEmail(s.tenantId, e.id, FIRST);
      const html = String((await smtp.waitFor((m) => m.parsed.messageId === e.messageId)).parsed.html);
      emails.push({ id: e.id, pixel: html.match(/<img src="([^"]+)"/)![1]!, links: [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!) });
    }
    const [x, y] = emails as [(typeof emails)[0], (typeof emails)[0]];
    const hits = [
      ...Array.from({ length: 30 }, () => openRoute(get(x.pixel, "Mozilla/5.0"), tokenOf(x.pixel))),
      ...Array.from({ length: 5 }, () => openRoute(get(y.pixel), tokenOf(y.pixel))),
      ...Array.from({ length: 7 }, () => clickRoute(get(x.links[0]!), tokenOf(x.links[0]!))),
      ...Array.from({ length: 4 }, () => clickRoute(get(x.links[1]!), tokenOf(x.links[1]!))),
    ];
    const answers = await Promise.all(hits);
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(35).fill(200), ...Array(11).fill(302)].sort());
    await flushTracking();
    // x's opens were all an image proxy's prefetch ("Mozilla/5.0"): counted, but nobody read it
    expect(await getEmail(s.rep.ctx, x.id)).toMatchObject({ opens: 30, proxyOpens: 30, clicks: 11, links: [{ url: "https://example.com/a", clicks: 7 }, { url: "https://example.com/b", clicks: 4 }] });
    expect(await getEmail(s.rep.ctx, y.id)).toMatchObject({ opens: 5, proxyOpens: 0, clicks: 0 });
    const counts = await withTenant(s.rep.ctx, (tx) =>
      tx.execute<{ kind: string; n: number }>(sql`
        select 'row-' || kind as kind, count(*)::int as n from email_events where tenant_id = ${s.tenantId} and email_id in (${x.id}::uuid, ${y.id}::uuid) group by kind
        union all
        select event_type, count(*)::int from domain_events where tenant_id = ${s.tenantId} and event_type in ('email.opened', 'email.clicked') and payload ->> 'emailId' in (${x.id}, ${y.id}) group by event_type`),
    );
    expect(Object.fromEntries([...counts].map((r) => [r.kind, r.n]))).toEqual({ "row-OPEN": 35, "row-CLICK": 11, "email.opened": 1, "email.clicked": 11 });
  });

  it("does not track mail to a colleague's domain, even when asked", async () => {
    const s = await setup();
    const email = await queueEmail(s.rep.ctx, { recordType: "CONTACT", recordId: s.contact.id, mailboxId: s.mailbox.id, to: ["ada@customer.test"], cc: ["someone@example.test"], subject: "FYI", body: "See https://example.com", track: true }, { publicOrigin: ORIGIN });
    expect(email.tracked).toBe(false);
    await sendQueuedEmail(s.tenantId, email.id, FIRST);
    const html = String((await smtp.waitFor((m) => m.parsed.messageId === email.messageId)).parsed.html);
    expect(html).not.toContain("<img");
    expect(html).toContain('href="https://example.com"');
  });

  it("retries an SMTP server that times out, then ends FAILED with the reason", async () => {
    const silent = await startSilentServer();
    process.env.EMAIL_SMTP_TIMEOUT_MS = "300";
    try {
      const s = await setup(silent.port);
      const email = await queueEmail(s.rep.ctx, { recordType: "CONTACT", recordId: s.contact.id, mailboxId: s.mailbox.id, to: "ada@customer.test", subject: "Hello", body: "Hi" }, { publicOrigin: ORIGIN });
      await expect(sendQueuedEmail(s.tenantId, email.id, { attempt: 1, maxAttempts: 3 })).rejects.toThrow(/attempt 1 of 3 failed: The SMTP server at 127\.0\.0\.1:\d+ did not answer in time/);
      expect(await getEmail(s.rep.ctx, email.id)).toMatchObject({ status: "QUEUED", attempts: 1, error: expect.stringMatching(/did not answer in time/) });
      expect(await sendQueuedEmail(s.tenantId, email.id, { attempt: 3, maxAttempts: 3 })).toBe("FAILED");
      expect(await getEmail(s.rep.ctx, email.id)).toMatchObject({ status: "FAILED", attempts: 2, error: expect.stringMatching(/did not answer in time/) });
      const timeline = await recordTimeline(s.rep.ctx, "CONTACT", s.contact.id);
      const entry = timeline.data.find((e) => e.kind === "activity" && e.id === email.activityId);
      expect(entry?.kind === "activity" && entry.activity.email?.status).toBe("FAILED");
    } finally {
      delete process.env.EMAIL_SMTP_TIMEOUT_MS;
      await silent.close();
    }
  });

  it("never sends to a host on the server's own network when private networks are not allowed", async () => {
    const s = await setup();
    const email = await queueEmail(s.rep.ctx, { recordType: "CONTACT", recordId: s.contact.id, mailboxId: s.mailbox.id, to: "ada@customer.test", subject: "Guarded", body: "Hi" }, { publicOrigin: ORIGIN });
    process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "";
    try {
      expect(await sendQueuedEmail(s.tenantId, email.id, { attempt: 5, maxAttempts: 5 })).toBe("FAILED");
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "1";
    }
    expect(await getEmail(s.rep.ctx, email.id)).toMatchObject({ status: "FAILED", error: "Refused to connect to 127.0.0.1: it is not a public address. Use your provider's SMTP server." });
    expect(smtp.received.some((m) => m.parsed.messageId === email.messageId)).toBe(false);
  });

  it("refuses another user's private mailbox, a readonly sender, and an unreadable record", async () => {
    const s = await setup();
    const other = await makeMember(s.tenantId, "sales_rep");
    const viewer = await makeMember(s.tenantId, "readonly");
    const input = { recordType: "CONTACT" as const, recordId: s.contact.id, mailboxId: s.mailbox.id, to: "ada@customer.test", subject: "x", body: "y" };
    await expect(queueEmail(other.ctx, input, { publicOrigin: ORIGIN })).rejects.toMatchObject({ code: "not-found" });
    await expect(queueEmail(viewer.ctx, input, { publicOrigin: ORIGIN })).rejects.toMatchObject({ code: "forbidden" });
    await expect(queueEmail(s.rep.ctx, { ...input, recordId: "00000000-0000-4000-8000-000000000000" }, { publicOrigin: ORIGIN })).rejects.toMatchObject({ code: "not-found" });
    await expect(queueEmail(s.rep.ctx, { ...input, to: "not-an-address" }, { publicOrigin: ORIGIN })).rejects.toThrow();
  });

  it("shows an email only to who may see its record (the access scope), through any query", async () => {
    const t = await makeTenant("Scoped Mail Co");
    const alice = await makeMember(t.tenantId, "sales_rep", "Alice");
    const bob = await makeMember(t.tenantId, "sales_rep", "Bob");
    await putAccessPolicy(t.ctx, { sales_rep: { CONTACT: { read: "own", write: "own" } } });
    const shared = await createMailbox(t.ctx, { emailAddress: "sales@scoped.test", shared: true, smtpHost: "127.0.0.1", smtpPort: smtp.port, smtpSecurity: "NONE", smtpUsername: smtp.username, smtpPassword: smtp.password });
    const contact = await createRecord(alice.ctx, "CONTACT", { firstName: "Private", email: "p@customer.test" });
    const email = await queueEmail(alice.ctx, { recordType: "CONTACT", recordId: contact.id, mailboxId: shared.id, to: "p@customer.test", subject: "Just us", body: "Hi" }, { publicOrigin: ORIGIN });
    expect((await getEmail(alice.ctx, email.id)).subject).toBe("Just us");
    await expect(getEmail(bob.ctx, email.id)).rejects.toMatchObject({ code: "not-found" });
    const seenBy = (ctx: typeof bob.ctx) => withTenant(ctx, (tx) => tx.select({ id: emailMessages.id }).from(emailMessages));
    expect(await seenBy(bob.ctx)).toEqual([]);
    expect((await seenBy(alice.ctx)).map((r) => r.id)).toEqual([email.id]);
    expect((await seenBy(t.ctx)).map((r) => r.id)).toEqual([email.id]);
  });
});
