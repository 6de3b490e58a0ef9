// Sending an email from a record. queueEmail (the one write path, for the compose dialog
// and the REST API) renders the template with the record's values, writes the EMAIL
// activity and the send's queue row in one transaction (the row's insert queues the
// worker's job: migration email). sendQueuedEmail (the worker's send_email task) sends it
// through the mailbox's SMTP server; a failure is retried by the job queue with
// exponential backoff, and the last attempt marks it FAILED with the reason.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { campaignRecipients, emailMessages, mailboxes, sequenceEnrollments, tenantUsers, users, type EmailMessage, type Mailbox } from "@/db/schema";
import { insertRows } from "@/lib/records/record-set";
import { createActivitiesIn } from "@/lib/activities/service";
import { loadRecordRef } from "@/lib/activities/record-ref";
import { assertCan } from "@/lib/auth/permissions";
import { notFound, validationError } from "@/lib/errors";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { groupWrites } from "@/lib/tenancy/group-writes";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { signToken } from "./crypto";
import { usableMailbox } from "./mailboxes";
import { EMAIL_RECORD_TYPES, sendEmailSchema, type SendEmailInput } from "./schemas";
import { pooledTransport, smtpErrorMessage } from "./smtp";
import { renderTemplate } from "./template";
import { loadSendSettings, windowOf } from "./send-settings";
import { nextOpenSlot } from "./send-window";
import { suppressedAmong } from "./suppression";
import { clickPayload, domainOf, internalDomains, linksOf, openPayload, textToHtml, trackingAllowed, unsubscribeFooter, unsubscribePayload } from "./tracking-rules";
import { recordVariables } from "./variables";

/** What the UI and the API see of a sent email. */
export interface EmailView {
  id: string;
  activityId: string;
  recordType: EmailMessage["recordType"];
  recordId: string;
  mailboxId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  messageId: string;
  threadId: string;
  status: EmailMessage["status"];
  attempts: number;
  error: string | null;
  tracked: boolean;
  opens: number;
  proxyOpens: number;
  firstOpenedAt: Date | null;
  lastOpenedAt: Date | null;
  clicks: number;
  links: { url: string; clicks: number }[];
  sentAt: Date | null;
  scheduledAt: Date | null;
  createdAt: Date;
}

export function toEmailView(e: EmailMessage): EmailView {
  return {
    id: e.id,
    activityId: e.activityId,
    recordType: e.recordType,
    recordId: e.recordId,
    mailboxId: e.mailboxId,
    from: e.fromAddress,
    to: e.toAddresses,
    cc: e.ccAddresses,
    subject: e.subject,
    body: e.bodyText,
    messageId: e.messageId,
    threadId: e.threadId,
    status: e.status,
    attempts: e.attempts,
    error: e.error,
    tracked: e.tracked,
    opens: e.opens,
    proxyOpens: e.proxyOpens,
    firstOpenedAt: e.firstOpenedAt,
    lastOpenedAt: e.lastOpenedAt,
    clicks: e.clicks,
    links: e.links.map((url, i) => ({ url, clicks: e.linkClicks[String(i)] ?? 0 })),
    sentAt: e.sentAt,
    scheduledAt: e.scheduledAt,
    createdAt: e.createdAt,
  };
}

export const trackingPath = { open: "/api/public/email/o/", click: "/api/public/email/c/" } as const;

export interface QueueOptions {
  /** The app's public origin (AUTH_URL, or the request's): tracking links point there. */
  publicOrigin: string;
}

export const unsubscribePath = "/api/public/email/u/";

/** What one outgoing email is made of, once its template was rendered. */
export interface NewEmail {
  mailbox: Pick<Mailbox, "id" | "emailAddress">;
  recordType: (typeof EMAIL_RECORD_TYPES)[number];
  recordId: string;
  to: string[];
  cc?: string[];
  subject: string;
  body: string;
  /** Tracking asked for and allowed (trackingAllowed). */
  tracked: boolean;
  publicOrigin: string;
  scheduledAt?: Date | null;
  /** Campaign and sequence sends carry List-Unsubscribe headers and an unsubscribe footer. */
  bulk?: { campaignId?: string; sequenceEnrollmentId?: string; sequenceStepId?: string };
  /** Who the activity is by (a campaign's or enrollment's author; null for the system). */
  createdByUserId?: string | null;
}

/**
 * Writes the EMAIL activity and the queued send (whose insert queues the worker's job, at
 * `scheduledAt` when given) in the caller's transaction: the one insert path of every
 * email — compose, REST, campaigns and sequences.
 */
export async function insertEmail(tx: Tx, ctx: TenantContext, n: NewEmail): Promise<EmailMessage> {
  const [row] = await insertEmails(tx, ctx, [n]);
  return row!;
}

/**
 * insertEmail for many emails at once (a campaign's batch): their activities in one
 * INSERT (createActivitiesIn), their sends in another. In the order given.
 */
export async function insertEmails(tx: Tx, ctx: TenantContext, list: readonly NewEmail[]): Promise<EmailMessage[]> {
  if (!list.length) return [];
  const made = list.map((n) => {
    const id = randomUUID();
    const messageId = `<${id}@${domainOf(n.mailbox.emailAddress) || "stageline.local"}>`;
    const origin = n.publicOrigin.replace(/\/+$/, "");
    const unsubscribeUrl = n.bulk ? `${origin}${unsubscribePath}${signToken(unsubscribePayload(ctx.tenantId, id))}` : undefined;
    const html = textToHtml(n.body, {
      ...(n.tracked
        ? {
            // the link goes signed in its click id, so the redirect answers without a read
            clickUrl: (i: number, url: string) => `${origin}${trackingPath.click}${signToken(clickPayload(ctx.tenantId, id, i, url))}`,
            pixelUrl: `${origin}${trackingPath.open}${signToken(openPayload(ctx.tenantId, id))}`,
          }
        : {}),
      unsubscribeUrl,
    });
    const createdByUserId = n.createdByUserId === undefined ? ctx.actor.userId : n.createdByUserId;
    return { n, id, activityId: randomUUID(), messageId, unsubscribeUrl, html, cc: n.cc ?? [], createdByUserId };
  });
  // the activity is by the email's author: one write per author (a campaign's batch has one)
  for (const author of new Set(made.map((m) => m.createdByUserId))) {
    const mine = made.filter((m) => m.createdByUserId === author);
    await createActivitiesIn(
      tx,
      { ...ctx, actor: { ...ctx.actor, userId: author } },
      mine.map(({ n, activityId, id, messageId, cc }) => ({
        id: activityId,
        input: { activityType: "EMAIL", subject: n.subject, body: n.body, recordType: n.recordType, recordId: n.recordId, direction: "OUTBOUND" },
        detailsJson: { emailId: id, messageId, threadId: messageId, to: n.to, cc, ...(n.scheduledAt ? { scheduledAt: n.scheduledAt.toISOString() } : {}) },
      })),
    );
  }
  const rows = await insertRows<EmailMessage>(
    tx,
    emailMessages,
    made.map(({ n, id, activityId, messageId, unsubscribeUrl, html, cc, createdByUserId }) => ({
        tenantId: ctx.tenantId,
        id,
        mailboxId: n.mailbox.id,
        activityId,
        recordType: n.recordType,
        recordId: n.recordId,
        fromAddress: n.mailbox.emailAddress,
        toAddresses: n.to,
        ccAddresses: cc,
        subject: n.subject,
        bodyText: unsubscribeUrl ? n.body + unsubscribeFooter(unsubscribeUrl) : n.body,
        bodyHtml: html,
        messageId,
        threadId: messageId,
        tracked: n.tracked,
        links: n.tracked ? linksOf(n.body) : [],
        scheduledAt: n.scheduledAt ?? null,
        listUnsubscribeUrl: unsubscribeUrl ?? null,
        campaignId: n.bulk?.campaignId ?? null,
        sequenceEnrollmentId: n.bulk?.sequenceEnrollmentId ?? null,
        sequenceStepId: n.bulk?.sequenceStepId ?? null,
        createdByUserId,
      })),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return made.map((m) => byId.get(m.id)!);
}

/** The workspace's own domains (tracking is off for mail to them). */
export async function workspaceDomains(tx: Tx, tenantId: string, mailboxAddress: string): Promise<Set<string>> {
  const members = await tx
    .select({ email: users.email })
    .from(tenantUsers)
    .innerJoin(users, eq(users.id, tenantUsers.userId))
    .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.isActive, true)));
  return internalDomains([...members.map((m) => m.email), mailboxAddress]);
}

export async function queueEmail(ctx: TenantContext, input: SendEmailInput, opts: QueueOptions): Promise<EmailView> {
  assertCan(ctx.actor.role, "email.send");
  const v = sendEmailSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const mailbox = await usableMailbox(tx, ctx, v.mailboxId);
    const record = await loadRecordRef(tx, ctx.tenantId, v.recordType, v.recordId);
    const [sender] = ctx.actor.userId ? await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, ctx.actor.userId)) : [];
    const vars = await recordVariables(tx, ctx.tenantId, record, { name: mailbox.displayName ?? sender?.name ?? null, email: mailbox.emailAddress });
    const subject = renderTemplate(v.subject, vars).text.replace(/[\r\n]+/g, " ").trim();
    const body = renderTemplate(v.body, vars).text;
    if (!subject) throw validationError([{ path: "subject", message: "is empty once its variables are filled in" }]);
    // send later: at the asked time, or the send window's next open minute after it
    let scheduledAt: Date | null = null;
    if (v.sendAt && v.sendAt.getTime() > Date.now()) {
      const settings = await loadSendSettings(tx, ctx.tenantId);
      scheduledAt = nextOpenSlot(v.sendAt, windowOf(settings), settings.timeZone);
    }
    const internal = await workspaceDomains(tx, ctx.tenantId, mailbox.emailAddress);
    const tracked = v.track && trackingAllowed([...v.to, ...v.cc], internal);
    const row = await insertEmail(tx, ctx, { mailbox, recordType: v.recordType, recordId: v.recordId, to: v.to, cc: v.cc, subject, body, tracked, publicOrigin: opts.publicOrigin, scheduledAt });
    return toEmailView(row);
  });
}

export async function getEmail(ctx: TenantContext, id: string): Promise<EmailView> {
  if (!isUuid(id)) throw notFound("Email");
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.select().from(emailMessages).where(and(eq(emailMessages.tenantId, ctx.tenantId), eq(emailMessages.id, id)));
    if (!row) throw notFound("Email");
    return toEmailView(row);
  });
}

/** Why queued campaign or sequence emails must not go out after all (by id; absent when one may). */
async function bulkSendRefusals(tx: Tx, tenantId: string, list: readonly EmailMessage[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!list.length) return out;
  const hit = await suppressedAmong(tx, tenantId, list.flatMap((e) => [...e.toAddresses, ...e.ccAddresses]));
  const enrollmentIds = list.map((e) => e.sequenceEnrollmentId).filter((x): x is string => !!x);
  const stopped = new Set(
    enrollmentIds.length
      ? (
          await tx
            .select({ id: sequenceEnrollments.id })
            .from(sequenceEnrollments)
            .where(and(eq(sequenceEnrollments.tenantId, tenantId), inArray(sequenceEnrollments.id, enrollmentIds), eq(sequenceEnrollments.status, "STOPPED")))
        ).map((r) => r.id)
      : [],
  );
  for (const e of list) {
    const address = [...e.toAddresses, ...e.ccAddresses].map((a) => a.trim().toLowerCase()).find((a) => hit.has(a));
    if (address) out.set(e.id, `Not sent: ${address} is on the suppression list (${hit.get(address)!.toLowerCase()})`);
    else if (e.sequenceEnrollmentId && stopped.has(e.sequenceEnrollmentId)) out.set(e.id, "Not sent: the sequence stopped for this person");
  }
  return out;
}

export type Claim = null | "refused" | { e: EmailMessage; m: Mailbox };

/**
 * Claims queued (or interrupted) emails in the caller's transaction: each marked SENDING
 * with one more attempt, with its mailbox's settings, and — for a campaign or sequence
 * email — the suppression list checked again (refused ones end FAILED with why). Sent and
 * failed emails are left alone (null). One answer per id, in order.
 */
export async function claimIn(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Claim[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  // the claims and the mailboxes' settings in one round trip (a transaction's queries are pipelined)
  const [claimed, boxes] = await Promise.all([
    tx
      .update(emailMessages)
      .set({ status: "SENDING", attempts: sql`${emailMessages.attempts} + 1`, updatedAt: new Date() })
      .where(and(eq(emailMessages.tenantId, tenantId), inArray(emailMessages.id, wanted), notInArray(emailMessages.status, ["SENT", "FAILED"])))
      .returning(),
    tx
      .select()
      .from(mailboxes)
      .where(and(eq(mailboxes.tenantId, tenantId), inArray(mailboxes.id, sql`(select ${emailMessages.mailboxId} from ${emailMessages} where ${emailMessages.tenantId} = ${tenantId} and ${emailMessages.id} = any(${sql.param(wanted)}::uuid[]))`))),
  ]);
  const refusals = await bulkSendRefusals(tx, tenantId, claimed.filter((e) => e.listUnsubscribeUrl));
  for (const [id, refused] of refusals) {
    const e = claimed.find((x) => x.id === id)!;
    await tx.update(emailMessages).set({ status: "FAILED", error: refused, attempts: e.attempts - 1, updatedAt: new Date() }).where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.id, id)));
    if (e.campaignId) await tx.update(campaignRecipients).set({ state: "SUPPRESSED", reason: refused }).where(and(eq(campaignRecipients.tenantId, tenantId), eq(campaignRecipients.emailId, id)));
  }
  const byId = new Map(claimed.map((e) => [e.id, e]));
  const seen = new Set<string>();
  return ids.map((id): Claim => {
    const e = byId.get(id);
    if (!e || seen.has(id)) return null; // the same email twice at once: one send
    seen.add(id);
    if (refusals.has(id)) return "refused";
    return { e, m: boxes.find((b) => b.id === e.mailboxId)! };
  });
}

/** The claims of the send_email jobs that start together, in one transaction (groupWrites). */
const claimSends = groupWrites<string, Claim>((tenantId, ids) => withTenant({ tenantId, actor: systemActor("SYSTEM") }, (tx) => claimIn(tx, tenantId, ids)));

/** Hands a claimed email to its mailbox's SMTP server (pooled); the reason in words when it fails. */
export async function deliver(e: EmailMessage, m: Mailbox): Promise<string | null> {
  try {
    const transport = await pooledTransport(m);
    await transport.sendMail({
      from: { name: m.displayName ?? "", address: m.emailAddress },
      to: e.toAddresses,
      cc: e.ccAddresses.length ? e.ccAddresses : undefined,
      subject: e.subject,
      text: e.bodyText,
      html: e.bodyHtml,
      messageId: e.messageId,
      // RFC 8058: a mail client's one-click unsubscribe POSTs to the URL (campaign and sequence sends)
      ...(e.listUnsubscribeUrl ? { headers: { "List-Unsubscribe": `<${e.listUnsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } } : {}),
    });
    return null;
  } catch (err) {
    return smtpErrorMessage(err, m);
  }
}

/**
 * SENT, with the time the server took it: the sends that finish together are marked in one
 * statement (groupWrites), each send returning once its own mark is committed.
 */
export const markSent = groupWrites<{ id: string; at: Date }>((tenantId, sent) =>
  withTenant(
    { tenantId, actor: systemActor("SYSTEM") },
    (tx) =>
      tx.execute(sql`update ${emailMessages} m set status = 'SENT', error = null, sent_at = v.at::timestamptz, updated_at = now()
        from unnest(${sql.param(sent.map((s) => s.id))}::uuid[], ${sql.param(sent.map((s) => s.at.toISOString()))}::text[]) v(id, at)
        where m.tenant_id = ${tenantId}::uuid and m.id = v.id`),
    { genericPlans: true },
  ).then(() => undefined),
);

/** A failed send: queued again for its next attempt (with its reason), or FAILED for good after the last. */
export async function markFailedAttempt(tenantId: string, emailId: string, reason: string, last: boolean): Promise<void> {
  await withTenant({ tenantId, actor: systemActor("SYSTEM") }, (tx) =>
    tx
      .update(emailMessages)
      .set({ status: last ? "FAILED" : "QUEUED", error: reason, updatedAt: new Date() })
      .where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.id, emailId))),
  );
}

/** The attempt the job queue is on: the last one marks a failure for good. */
export interface Attempt {
  attempt: number;
  maxAttempts: number;
}

/**
 * Sends one queued email (the worker's send_email task). Sent and failed ones are left
 * alone, so a repeated job sends nothing twice once the first send was recorded. Throws
 * after a failed attempt that is not the last, so the queue retries it with backoff.
 */
export async function sendQueuedEmail(tenantId: string, emailId: string, at: Attempt): Promise<EmailMessage["status"]> {
  const claimed = await claimSends(tenantId, emailId);
  if (!claimed) return "SENT";
  if (claimed === "refused") return "FAILED";
  const { e, m } = claimed;
  const reason = await deliver(e, m);
  if (reason) {
    const last = at.attempt >= at.maxAttempts;
    await markFailedAttempt(tenantId, emailId, reason, last);
    if (last) return "FAILED";
    throw new Error(`send_email attempt ${at.attempt} of ${at.maxAttempts} failed: ${reason}`);
  }
  await markSent(tenantId, { id: emailId, at: new Date() });
  return "SENT";
}
