// The email section of the OpenAPI document (lib/api/openapi.ts).
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { allOf, empty, idPath, json, pathItem } from "@/lib/api/openapi-common";
import { EMAIL_STATUSES, MAIL_SECURITY } from "@/db/schema/email";
import { EMAIL_RECORD_TYPES, mailboxCreateSchema, sendEmailSchema, templateInputSchema } from "./schemas";

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

export function emailPaths(): ZodOpenApiPathsObject {
  return {
    "/mailboxes": pathItem({
      get: { id: "listMailboxes", tag: "email", permission: "email.send", summary: "List mailboxes", description: "The caller's own mailboxes and the shared ones; an API key sees the shared ones.", responses: { "200": json(allOf(mailboxOut)) } },
      post: {
        id: "createMailbox",
        tag: "email",
        permission: "email.send",
        summary: "Connect a mailbox",
        description: "SMTP settings (and optional IMAP settings, kept for receiving). Passwords are encrypted with EMAIL_ENCRYPTION_KEY and never returned. `shared: true` needs settings.manage; an API key may only add shared mailboxes. The same address twice for one owner is a 409.",
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
