// Sending an email from a record. queueEmail (the one write path, for the compose dialog
// and the REST API) renders the template with the record's values, writes the EMAIL
// activity and the send's queue row in one transaction (the row's insert queues the
// worker's job: migration email). sendQueuedEmail (the worker's send_email task) sends it
// through the mailbox's SMTP server; a failure is retried by the job queue with
// exponential backoff, and the last attempt marks it FAILED with the reason.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { activities, emailMessages, mailboxes, tenantUsers, users, type EmailMessage } from "@/db/schema";
import { createActivityIn } from "@/lib/activities/service";
import { loadRecordRef } from "@/lib/activities/record-ref";
import { assertCan } from "@/lib/auth/permissions";
import { notFound, validationError } from "@/lib/errors";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { signToken } from "./crypto";
import { usableMailbox } from "./mailboxes";
import { sendEmailSchema, type SendEmailInput } from "./schemas";
import { pooledTransport, smtpErrorMessage } from "./smtp";
import { renderTemplate } from "./template";
import { clickPayload, domainOf, internalDomains, linksOf, openPayload, textToHtml, trackingAllowed } from "./tracking-rules";
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
    createdAt: e.createdAt,
  };
}

export const trackingPath = { open: "/api/public/email/o/", click: "/api/public/email/c/" } as const;

export interface QueueOptions {
  /** The app's public origin (AUTH_URL, or the request's): tracking links point there. */
  publicOrigin: string;
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

    const members = await tx
      .select({ email: users.email })
      .from(tenantUsers)
      .innerJoin(users, eq(users.id, tenantUsers.userId))
      .where(and(eq(tenantUsers.tenantId, ctx.tenantId), eq(tenantUsers.isActive, true)));
    const internal = internalDomains([...members.map((m) => m.email), mailbox.emailAddress]);
    const tracked = v.track && trackingAllowed([...v.to, ...v.cc], internal);

    const id = randomUUID();
    const messageId = `<${id}@${domainOf(mailbox.emailAddress) || "stageline.local"}>`;
    const origin = opts.publicOrigin.replace(/\/+$/, "");
    const html = textToHtml(
      body,
      tracked
        ? {
            clickUrl: (i) => `${origin}${trackingPath.click}${signToken(clickPayload(ctx.tenantId, id, i))}`,
            pixelUrl: `${origin}${trackingPath.open}${signToken(openPayload(ctx.tenantId, id))}`,
          }
        : {},
    );

    const activity = await createActivityIn(tx, ctx, { activityType: "EMAIL", subject, body, recordType: v.recordType, recordId: v.recordId, direction: "OUTBOUND" });
    await tx
      .update(activities)
      .set({ detailsJson: { emailId: id, messageId, threadId: messageId, to: v.to, cc: v.cc } })
      .where(and(eq(activities.tenantId, ctx.tenantId), eq(activities.id, activity.id)));
    const [row] = await tx
      .insert(emailMessages)
      .values({
        tenantId: ctx.tenantId,
        id,
        mailboxId: mailbox.id,
        activityId: activity.id,
        recordType: v.recordType,
        recordId: v.recordId,
        fromAddress: mailbox.emailAddress,
        toAddresses: v.to,
        ccAddresses: v.cc,
        subject,
        bodyText: body,
        bodyHtml: html,
        messageId,
        threadId: messageId,
        tracked,
        links: tracked ? linksOf(body) : [],
        createdByUserId: ctx.actor.userId,
      })
      .returning();
    return toEmailView(row!);
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
  const ctx: TenantContext = { tenantId, actor: systemActor("SYSTEM") };
  const claimed = await withTenant(ctx, async (tx) => {
    const [e] = await tx.select().from(emailMessages).where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.id, emailId))).for("update");
    if (!e || e.status === "SENT" || e.status === "FAILED") return null;
    const [m] = await tx.select().from(mailboxes).where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, e.mailboxId)));
    await tx.update(emailMessages).set({ status: "SENDING", attempts: e.attempts + 1, updatedAt: new Date() }).where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.id, emailId)));
    return { e, m: m! };
  });
  if (!claimed) return "SENT";
  const { e, m } = claimed;
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
    });
  } catch (err) {
    const reason = smtpErrorMessage(err, m);
    const last = at.attempt >= at.maxAttempts;
    await withTenant(ctx, (tx) =>
      tx
        .update(emailMessages)
        .set({ status: last ? "FAILED" : "QUEUED", error: reason, updatedAt: new Date() })
        .where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.id, emailId))),
    );
    if (last) return "FAILED";
    throw new Error(`send_email attempt ${at.attempt} of ${at.maxAttempts} failed: ${reason}`);
  }
  await withTenant(ctx, (tx) =>
    tx
      .update(emailMessages)
      .set({ status: "SENT", error: null, sentAt: new Date(), updatedAt: new Date() })
      .where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.id, emailId))),
  );
  return "SENT";
}
