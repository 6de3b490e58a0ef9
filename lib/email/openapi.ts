// The email section of the OpenAPI document (lib/api/openapi.ts).
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { allOf, empty, idPath, json, pathItem } from "@/lib/api/openapi-common";
import { EMAIL_STATUSES, MAIL_SECURITY } from "@/db/schema/email";
import { EMAIL_RECORD_TYPES, mailboxCreateSchema, sendEmailSchema, templateInputSchema } from "./schemas";
import { EMAIL_SHARING } from "@/db/schema/email-sync";
import { emailSyncSettingsSchema } from "./sync-service";

const security = z.enum(MAIL_SECURITY);
const time = z.iso.datetime();

const mailboxOut = z
  .object({
    id: z.uuid(),
    emailAddress: z.string(),
    displayName: z.string().nullable(),
    shared: z.boolean().meta({ description: "A mailbox every member may send through (admins add them); else its owner's own" }),
    ownerUserId: z.uuid().nullable(),
    smtpHost: z.string(),
    smtpPort: z.number().int(),
    smtpSecurity: security,
    smtpUsername: z.string(),
    imapHost: z.string().nullable(),
    imapPort: z.number().int().nullable(),
    imapSecurity: security.nullable(),
    imapUsername: z.string().nullable(),
    hasImapPassword: z.boolean(),
    checkedAt: time.nullable(),
    checkError: z.string().nullable().meta({ description: "What the last connection check found wrong; null when it passed or none ran" }),
  })
  .meta({ id: "Mailbox", description: "Passwords are stored encrypted and never returned." });

const checkOut = z.object({ ok: z.boolean(), error: z.string().nullable(), checkedAt: time }).meta({ id: "MailboxCheck" });

const templateOut = z.object({ id: z.uuid(), name: z.string(), subject: z.string(), body: z.string(), updatedAt: time }).meta({ id: "EmailTemplate" });

const emailOut = z
  .object({
    id: z.uuid(),
    activityId: z.uuid().meta({ description: "The EMAIL activity on the record's timeline" }),
    recordType: z.enum(EMAIL_RECORD_TYPES),
    recordId: z.uuid(),
    mailboxId: z.uuid(),
    from: z.string(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    body: z.string().meta({ description: "The text as sent, placeholders filled in" }),
    messageId: z.string(),
    threadId: z.string(),
    status: z.enum(EMAIL_STATUSES),
    attempts: z.number().int(),
    error: z.string().nullable().meta({ description: "The last failure's reason (a FAILED email's, or the one a retry follows)" }),
    tracked: z.boolean(),
    opens: z.number().int(),
    proxyOpens: z.number().int().meta({ description: "Opens made by a known mail privacy proxy (Apple Mail Privacy Protection, Google's and Yahoo's image proxies); included in `opens`" }),
    firstOpenedAt: time.nullable(),
    lastOpenedAt: time.nullable(),
    clicks: z.number().int(),
    links: z.array(z.object({ url: z.string(), clicks: z.number().int() })),
    sentAt: time.nullable(),
    scheduledAt: time.nullable().meta({ description: "Send later: when the worker sends it (the send window's next open minute after `sendAt`)" }),
    createdAt: time,
  })
  .meta({ id: "Email" });

const counts = {
  fetched: z.number().int(),
  matched: z.number().int().meta({ description: "Logged on records (and bounces that marked a sent email)" }),
  skippedNoContact: z.number().int().meta({ description: "Skipped: no outside address on it is a contact's" }),
  skippedExcluded: z.number().int().meta({ description: "Skipped: every outside address is in an excluded domain" }),
  skippedDuplicate: z.number().int().meta({ description: "Skipped: already logged (the same Message-ID: moved, or in two folders)" }),
  errors: z.number().int(),
};
const ledgerOut = z
  .object({
    mailboxId: z.uuid(),
    status: z.enum(["ACTIVE", "PAUSED", "NOT_STARTED"]).meta({ description: "PAUSED: the IMAP server rejected the password; update it, then resume (POST …/sync)" }),
    error: z.string().nullable(),
    since: time.nullable().meta({ description: "Mail from this date on is synced" }),
    lastSyncedAt: time.nullable(),
    totals: z.object(counts),
    runs: z.array(z.object({ id: z.uuid(), startedAt: time, finishedAt: time.nullable(), ...counts, error: z.string().nullable() })).meta({ description: "The last 10 syncs, newest first" }),
  })
  .meta({ id: "MailboxSyncLedger" });
const syncSettingsOut = z
  .object({ syncDays: z.number().int(), privateSharing: z.enum(EMAIL_SHARING), excludedDomains: z.array(z.string()) })
  .meta({ id: "EmailSyncSettings" });
const syncedEmailOut = z
  .object({
    id: z.uuid(),
    activityId: z.uuid(),
    mailboxId: z.uuid(),
    direction: z.enum(["INBOUND", "OUTBOUND"]),
    messageId: z.string(),
    threadId: z.string(),
    from: z.string(),
    fromName: z.string().nullable(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    text: z.string().nullable().meta({ description: "Null where the workspace shares only the subject of a private mailbox's messages" }),
    html: z.string().nullable().meta({ description: "Sanitised; remote images' addresses are in data-remote-src (not loaded until shown)" }),
    hasRemoteImages: z.boolean(),
    attachments: z.array(z.object({ filename: z.string().nullable(), contentType: z.string(), size: z.number().int() })),
    truncated: z.boolean(),
    sentAt: time,
    visibility: z.enum(EMAIL_SHARING),
  })
  .meta({ id: "SyncedEmail" });

export function emailPaths(): ZodOpenApiPathsObject {
  return {
    "/mailboxes": pathItem({
      get: { id: "listMailboxes", tag: "email", permission: "email.send", summary: "List mailboxes", description: "The caller's own mailboxes and the shared ones; an API key sees the shared ones.", responses: { "200": json(allOf(mailboxOut)) } },
      post: {
        id: "createMailbox",
        tag: "email",
        permission: "email.send",
        summary: "Connect a mailbox",
        description: "SMTP settings (and optional IMAP settings: incoming mail is then synced, see /mailboxes/{id}/sync). Passwords are encrypted with EMAIL_ENCRYPTION_KEY and never returned. `shared: true` needs settings.manage; an API key may only add shared mailboxes. The same address twice for one owner is a 409.",
        body: mailboxCreateSchema,
        responses: { "201": json(mailboxOut, "Created") },
      },
    }),
    "/mailboxes/{id}": pathItem({
      delete: { id: "deleteMailbox", tag: "email", permission: "email.send", summary: "Remove a mailbox", description: "Its owner, or an admin for a shared one. One that has sent emails stays (409).", path: idPath, responses: { "204": empty("Removed") } },
    }),
    "/mailboxes/{id}/check": pathItem({
      post: {
        id: "checkMailbox",
        tag: "email",
        permission: "email.send",
        summary: "Check a mailbox's SMTP connection",
        description: "Connects and logs in; with `sendTest: true` also sends a test email to the mailbox's own address. Answers 200 either way, with `ok` and a sentence saying what went wrong (refused password, unreachable host, timeout, TLS); the outcome is kept on the mailbox.",
        path: idPath,
        body: z.object({ sendTest: z.boolean().optional() }),
        responses: { "200": json(checkOut) },
      },
    }),
    "/mailboxes/{id}/sync": pathItem({
      get: { id: "getMailboxSync", tag: "email", permission: "email.send", summary: "A mailbox's sync ledger", description: "Whether the IMAP sync runs or is paused (and why), when it last ran, and what it fetched, logged and skipped, with the reason, in total and per sync.", path: idPath, responses: { "200": json(ledgerOut) } },
      post: {
        id: "syncMailbox",
        tag: "email",
        permission: "email.send",
        summary: "Sync a mailbox now, or again from a date",
        description: "Queues the mailbox's IMAP sync for the worker (it also runs every minute) and resumes a paused one. With `from` (a date), every folder is read again from that date; what was already logged is skipped as a duplicate. Its owner, or an admin for a shared one.",
        path: idPath,
        body: z.object({ from: z.iso.date().optional() }),
        responses: { "202": json(z.object({ queued: z.boolean() }), "Queued") },
      },
    }),
    "/email-sync-settings": pathItem({
      get: { id: "getEmailSyncSettings", tag: "email", permission: "email.send", summary: "The workspace's email sync settings", description: "How many days a mailbox's first sync reads, the domains never logged, and what users other than its owner see of a private mailbox's messages (FULL, SUBJECT, NONE).", responses: { "200": json(syncSettingsOut) } },
      patch: { id: "updateEmailSyncSettings", tag: "email", permission: "settings.manage", summary: "Change the email sync settings", description: "Fields left out keep their values. Excluded domains are lower-cased, without \"@\".", body: emailSyncSettingsSchema, responses: { "200": json(syncSettingsOut) } },
    }),
    "/synced-emails/{id}": pathItem({
      get: { id: "getSyncedEmail", tag: "email", permission: "records.read", summary: "Get a synced email", description: "A message the IMAP sync logged on a record: its headers, text, sanitised HTML and attachments (listed, not stored). Visible with its record; a private mailbox's message as the workspace's sharing setting allows (404 when it shares nothing).", path: idPath, responses: { "200": json(syncedEmailOut) } },
    }),
    "/email-templates": pathItem({
      get: { id: "listEmailTemplates", tag: "email", permission: "email.send", summary: "List email templates", description: "Every template of the workspace, by name.", responses: { "200": json(allOf(templateOut)) } },
      post: {
        id: "createEmailTemplate",
        tag: "email",
        permission: "emailTemplates.manage",
        summary: "Create an email template",
        description: "Subject and body may use `{{contact.firstName}}`, `{{contact.lastName}}`, `{{contact.email}}`, `{{company.name}}`, `{{deal.name}}`, `{{deal.amount}}` (formatted with its currency), `{{lead.*}}`, `{{user.name}}`, with a fallback after a bar: `{{contact.firstName | there}}`. Names are unique (any case).",
        body: templateInputSchema,
        responses: { "201": json(templateOut, "Created") },
      },
    }),
    "/email-templates/{id}": pathItem({
      delete: { id: "deleteEmailTemplate", tag: "email", permission: "emailTemplates.manage", summary: "Delete an email template", description: "Emails sent from it are not changed.", path: idPath, responses: { "204": empty("Deleted") } },
    }),
    "/emails": pathItem({
      post: {
        id: "sendEmail",
        tag: "email",
        permission: "email.send",
        summary: "Send an email from a record",
        description:
          "Renders `subject` and `body` with the record's values, writes an EMAIL activity (OUTBOUND, with the message id and thread) and queues the send in one transaction, and answers 202 with the email QUEUED. The worker sends it through the mailbox's SMTP server, retrying with exponential backoff; after the last attempt it is FAILED with the reason. `track: true` adds an open pixel and click redirects — unless a recipient is at one of the workspace's own domains (its members' email domains, free-mail providers aside).",
        body: sendEmailSchema,
        responses: { "202": json(emailOut, "Queued") },
      },
    }),
    "/emails/{id}": pathItem({
      get: { id: "getEmail", tag: "email", permission: "records.read", summary: "Get an email", description: "Its delivery status and tracking figures. Visible with its record.", path: idPath, responses: { "200": json(emailOut) } },
    }),
  };
}
