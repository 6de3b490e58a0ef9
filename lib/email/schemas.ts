// Input schemas of the email domain, shared by the server actions and the REST API.
import { z } from "zod";
import { MAIL_SECURITY } from "@/db/schema/email";

const host = z.string().trim().min(1, "is required").max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, "is not a host name");
const port = z.coerce.number().int().min(1).max(65535);
const security = z.enum(MAIL_SECURITY);
const address = z.string().trim().toLowerCase().pipe(z.email({ message: "is not an email address" }));

export const mailboxCreateSchema = z
  .object({
    emailAddress: address,
    displayName: z.string().trim().max(200).optional(),
    /** Admins only: a mailbox the whole workspace sends through. */
    shared: z.boolean().default(false),
    smtpHost: host,
    smtpPort: port,
    smtpSecurity: security,
    smtpUsername: z.string().trim().min(1, "is required").max(320),
    smtpPassword: z.string().min(1, "is required").max(1000),
    imapHost: host.optional(),
    imapPort: port.optional(),
    imapSecurity: security.optional(),
    imapUsername: z.string().trim().max(320).optional(),
    imapPassword: z.string().max(1000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.imapHost && !v.imapPort) ctx.addIssue({ code: "custom", path: ["imapPort"], message: "is required with an IMAP host" });
  });
export type MailboxCreateInput = z.input<typeof mailboxCreateSchema>;

/** A blank password keeps the stored one (it is never shown, so the form cannot send it back). */
export const mailboxUpdateSchema = z.object({
  displayName: z.string().trim().max(200).optional(),
  smtpHost: host.optional(),
  smtpPort: port.optional(),
  smtpSecurity: security.optional(),
  smtpUsername: z.string().trim().min(1).max(320).optional(),
  smtpPassword: z.string().max(1000).optional(),
  imapHost: host.nullable().optional(),
  imapPort: port.nullable().optional(),
  imapSecurity: security.nullable().optional(),
  imapUsername: z.string().trim().max(320).nullable().optional(),
  imapPassword: z.string().max(1000).optional(),
});
export type MailboxUpdateInput = z.input<typeof mailboxUpdateSchema>;

export const templateInputSchema = z.object({
  name: z.string().trim().min(1, "is required").max(200),
  subject: z.string().trim().min(1, "is required").max(500),
  body: z.string().min(1, "is required").max(100_000),
});
export type TemplateInput = z.input<typeof templateInputSchema>;

const recipients = z
  .array(address)
  .max(50)
  .or(z.string().transform((s, ctx) => {
    const parts = s.split(/[,;\s]+/).filter(Boolean);
    const bad = parts.find((p) => !z.email().safeParse(p.toLowerCase()).success);
    if (bad) ctx.addIssue({ code: "custom", message: `${bad} is not an email address` });
    return parts.map((p) => p.toLowerCase());
  }));

export const EMAIL_RECORD_TYPES = ["CONTACT", "LEAD", "DEAL", "COMPANY", "TICKET"] as const;

export const sendEmailSchema = z.object({
  recordType: z.enum(EMAIL_RECORD_TYPES),
  recordId: z.uuid(),
  mailboxId: z.uuid(),
  to: recipients.refine((a) => a.length > 0, "needs at least one address"),
  cc: recipients.default([]),
  /** Placeholders ({{contact.firstName | there}}) are rendered with the record's values. */
  subject: z.string().trim().min(1, "is required").max(500),
  body: z.string().min(1, "is required").max(100_000),
  templateId: z.uuid().optional(),
  /** Asked for; still off when a recipient is at one of the workspace's own domains. */
  track: z.boolean().default(false),
  /** Send later: not before this instant, and then at the send window's next open minute. */
  sendAt: z.coerce.date().optional(),
});
export type SendEmailInput = z.input<typeof sendEmailSchema>;

/** Settings → Email, "Sending": the send window (workspace time zone) and the campaign throttle. */
export const sendSettingsSchema = z
  .object({
    windowEnabled: z.boolean(),
    windowDays: z.array(z.number().int().min(0).max(6)).max(7).transform((d) => [...new Set(d)].sort()),
    windowStartMinute: z.number().int().min(0).max(1439),
    windowEndMinute: z.number().int().min(1).max(1440),
    hourlyLimit: z.number().int().min(1).max(100_000),
    batchSize: z.number().int().min(1).max(1000),
  })
  .partial()
  .superRefine((v, ctx) => {
    if (v.windowStartMinute !== undefined && v.windowEndMinute !== undefined && v.windowStartMinute >= v.windowEndMinute)
      ctx.addIssue({ code: "custom", path: ["windowEndMinute"], message: "must be after the start" });
    if (v.windowEnabled && v.windowDays && v.windowDays.length === 0) ctx.addIssue({ code: "custom", path: ["windowDays"], message: "needs at least one day" });
  });
export type SendSettingsInput = z.input<typeof sendSettingsSchema>;
