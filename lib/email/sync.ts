// Receiving mail: the worker's sync of a mailbox over IMAP (imapflow), INBOX and the folder
// the server marks \Sent. The first sync of a folder reads the mail since the mailbox's
// start date (now − the workspace's sync days, or the date a "Resync from" chose); later
// ones read the UIDs after the last one seen, kept per folder with its UIDVALIDITY (a new
// UIDVALIDITY reads the folder again from the start date). Each batch is one transaction:
// its messages, their activities and events, and the folder's last UID, so a sync that stops
// resumes after the last batch it committed and logs nothing twice (and a message read
// twice, moved or in two folders, is skipped as a duplicate by its Message-ID).
//
// A message is logged when an outside address on it is a contact's or a lead's (one not yet
// converted): an EMAIL activity (createActivitiesIn, the one write path sent emails use too) on
// the first such contact (else the first lead), linked to the other contacts and leads, the
// contacts' companies and their open deals, and grouped by thread
// (threading.ts). A reply to a sent email marks it replied; a bounce (DSN) marks it
// bounced. Every sync writes a ledger row (email_sync_runs). A password the server
// rejects pauses the mailbox's sync, with the error on it and its owner notified.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { ImapFlow, type FetchMessageObject, type MessageStructureObject } from "imapflow";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import {
  activityLinks,
  contacts,
  customFieldDefinitions,
  deals,
  emailMessages,
  emailSyncRuns,
  emailSyncSettings,
  leads,
  mailboxes,
  mailboxFolders,
  mailboxSyncStates,
  notifications,
  syncedEmails,
  tenantUsers,
  users,
  type Mailbox,
  type SyncedAttachment,
} from "@/db/schema";
import { createActivitiesIn, type NewActivity } from "@/lib/activities/service";
import { log } from "@/lib/log";
import { emitEvents, type NewEvent } from "@/lib/events/emit";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { decryptSecret } from "./crypto";
import { isDsn, parseDsn } from "./dsn";
import { domainOfAddress, matchMessage, normalizeAddress, type SkipReason } from "./matching";
import { sanitizeEmailHtml } from "./sanitize";
import { resolveSmtpHost } from "./smtp";
import { messageIdsOf, normalizeMessageId, threadBatch, ancestorsOf, type ThreadHeaders } from "./threading";
import { internalDomains } from "./tracking-rules";
import { suppressAddress } from "@/lib/email/suppression";
import { stopEnrollmentsFor } from "@/lib/sequences/stop";
import { liveWithEmail } from "@/lib/records/email-match";

/** Bounds: what is read of a message, and what is kept of it. */
export const SYNC_LIMITS = {
  /** Bytes of a message's source read (attachments past it are listed from the structure, not read). */
  sourceBytes: 1024 * 1024,
  textChars: 100_000,
  htmlChars: 200_000,
  attachments: 50,
  /** Messages per fetch and per transaction. */
  batch: 100,
  /** Messages one run reads at most: a large first sync goes on in the next minute's run. */
  perRun: 2000,
  /** Characters of the body on the activity (the timeline's preview). */
  previewChars: 500,
} as const;

const LEASE_MS = 10 * 60_000;

export interface SyncCounts {
  fetched: number;
  matched: number;
  skippedNoContact: number;
  skippedExcluded: number;
  skippedDuplicate: number;
  errors: number;
}

export interface SyncResult extends SyncCounts {
  status: "done" | "paused" | "busy" | "failed" | "not_configured";
  error: string | null;
}

const zero = (): SyncCounts => ({ fetched: 0, matched: 0, skippedNoContact: 0, skippedExcluded: 0, skippedDuplicate: 0, errors: 0 });
const skipKey: Record<SkipReason, keyof SyncCounts> = { no_contact: "skippedNoContact", excluded_domain: "skippedExcluded", duplicate: "skippedDuplicate" };

const ctxOf = (tenantId: string): TenantContext => ({ tenantId, actor: systemActor("SYSTEM") });

export class ImapAuthError extends Error {}

/** What went wrong, in words a user can act on. */
export function imapErrorMessage(err: unknown, m: Pick<Mailbox, "imapHost" | "imapPort">): string {
  const e = err as { authenticationFailed?: boolean; code?: string; message?: string; responseText?: string };
  if (e?.authenticationFailed || err instanceof ImapAuthError) return "The IMAP server rejected the username or password: sync is paused until they are updated";
  if (e?.code === "EBLOCKED") return `${m.imapHost} is not a public address`;
  if (e?.code === "ECONNREFUSED") return `Could not connect to ${m.imapHost}:${m.imapPort} (connection refused)`;
  if (e?.code === "ENOTFOUND") return `${m.imapHost} was not found`;
  if (e?.code === "ETIMEDOUT" || e?.code === "CONNECT_TIMEOUT" || e?.code === "GREETING_TIMEOUT") return `${m.imapHost}:${m.imapPort} did not answer in time`;
  if (e?.code === "NoConnection" || e?.code === "EConnectionClosed" || e?.code === "ECONNRESET") return `The connection to ${m.imapHost} was closed`;
  // the server's own words; anything else (a database error quotes its query) stays in the worker's log
  if (e?.responseText) return `The IMAP server answered: ${e.responseText}`.slice(0, 300);
  return "The sync stopped on an unexpected error (see the worker's log); it runs again next minute";
}

async function connect(m: Mailbox): Promise<ImapFlow> {
  const at = await resolveSmtpHost(m.imapHost!);
  const client = new ImapFlow({
    host: at.address,
    servername: at.servername,
    port: m.imapPort ?? (m.imapSecurity === "TLS" ? 993 : 143),
    secure: m.imapSecurity === "TLS",
    doSTARTTLS: m.imapSecurity === "STARTTLS" ? true : m.imapSecurity === "NONE" ? false : undefined,
    auth: { user: m.imapUsername ?? m.smtpUsername, pass: decryptSecret(m.imapPasswordEnc!) },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
  client.on("error", () => {}); // a dropped socket fails the command in progress; no unhandled event
  await client.connect();
  return client;
}

// --- parsing ---------------------------------------------------------------------------

export interface IncomingMessage extends ThreadHeaders {
  uid: number;
  folder: string;
  from: string;
  fromName: string | null;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  hasRemoteImages: boolean;
  attachments: SyncedAttachment[];
  truncated: boolean;
  date: Date;
  dsn: ReturnType<typeof parseDsn>;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  [a ?? []].flat().flatMap((o) => o.value.flatMap((v) => (v.group ? v.group.map((g) => g.address ?? "") : [v.address ?? ""]))).filter((x) => x.includes("@")).map(normalizeAddress);

/** Attachments as the server's structure lists them (sizes without reading them), bounded. */
export function attachmentsOf(node: MessageStructureObject | undefined): SyncedAttachment[] {
  const out: SyncedAttachment[] = [];
  const walk = (n: MessageStructureObject) => {
    if (out.length >= SYNC_LIMITS.attachments) return;
    if (n.childNodes?.length) return n.childNodes.forEach(walk);
    const filename = n.dispositionParameters?.filename ?? n.parameters?.name ?? null;
    const type = n.type.toLowerCase();
    const isBody = (type === "text/plain" || type === "text/html") && n.disposition !== "attachment";
    const isReport = type === "message/delivery-status" || type === "text/rfc822-headers";
    if (isBody || isReport || (!filename && n.disposition !== "attachment")) return;
    out.push({ filename: filename?.slice(0, 255) ?? null, contentType: type.slice(0, 100), size: n.size ?? 0 });
  };
  if (node) walk(node);
  return out;
}

/** The delivery-status part of a DSN as raw text (mailparser folds it into the body, not into a part). */
function deliveryStatusOf(source: Buffer): { contentType: string; text: string }[] {
  const s = source.toString("utf8");
  const at = s.search(/content-type:\s*message\/(global-)?delivery-status/i);
  if (at < 0) return [];
  const rest = s.slice(at);
  const end = rest.search(/\r?\n--/);
  return [{ contentType: "message/delivery-status", text: (end >= 0 ? rest.slice(0, end) : rest).slice(0, 20_000) }];
}

function fallbackMessageId(mailboxId: string, folder: string, uidValidity: number, uid: number): string {
  return `<imap.${uidValidity}.${uid}.${Buffer.from(folder).toString("hex")}.${mailboxId}@stageline.invalid>`;
}

export async function parseFetched(msg: FetchMessageObject, ctx: { mailboxId: string; folder: string; uidValidity: number }): Promise<IncomingMessage> {
  const source = msg.source ?? Buffer.alloc(0);
  const truncated = (msg.size ?? source.length) > source.length;
  const parsed: ParsedMail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: SYNC_LIMITS.htmlChars });
  const messageId = normalizeMessageId(parsed.messageId) ?? fallbackMessageId(ctx.mailboxId, ctx.folder, ctx.uidValidity, msg.uid);
  const inReplyTo = messageIdsOf(parsed.inReplyTo)[0] ?? null;
  const references = messageIdsOf(parsed.references).slice(-50);
  const from = addresses(parsed.from)[0] ?? "";
  const fromName = parsed.from?.value[0]?.name?.slice(0, 200) || null;
  const rawHtml = typeof parsed.html === "string" ? parsed.html.slice(0, SYNC_LIMITS.htmlChars) : null;
  const clean = rawHtml ? sanitizeEmailHtml(rawHtml) : null;
  const contentType = parsed.headers.get("content-type") as { value?: string; params?: Record<string, string> } | string | undefined;
  const ct = typeof contentType === "object" && contentType ? `${contentType.value ?? ""}; ${Object.entries(contentType.params ?? {}).map(([k, v]) => `${k}=${v}`).join("; ")}` : String(contentType ?? "");
  const dsn = isDsn(ct) ? parseDsn([...parsed.attachments.map((a) => ({ contentType: a.contentType, text: a.content.toString("utf8").slice(0, 20_000) })), ...deliveryStatusOf(source)]) : null;
  const text = (parsed.text ?? "").slice(0, SYNC_LIMITS.textChars).trimEnd();
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : msg.internalDate ? new Date(msg.internalDate) : new Date();
  return {
    uid: msg.uid,
    folder: ctx.folder,
    messageId,
    inReplyTo,
    references,
    from,
    fromName,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: (parsed.subject ?? "").replace(/[\r\n]+/g, " ").trim().slice(0, 500) || "(no subject)",
    text,
    html: clean?.html ?? null,
    hasRemoteImages: clean?.hasRemoteImages ?? false,
    attachments: attachmentsOf(msg.bodyStructure),
    truncated: truncated || (parsed.text ?? "").length > SYNC_LIMITS.textChars,
    date,
    dsn,
  };
}

// --- storing -------------------------------------------------------------------------------

interface Workspace {
  mailbox: Mailbox;
  own: string[];
  internal: Set<string>;
  excluded: Set<string>;
  /** Contact custom fields whose key names an email: their values are a contact's extra addresses. */
  emailFieldKeys: string[];
}

async function loadWorkspace(tx: Tx, tenantId: string, mailbox: Mailbox): Promise<Workspace> {
  const [settings] = await tx.select().from(emailSyncSettings).where(eq(emailSyncSettings.tenantId, tenantId));
  const members = await tx
    .select({ email: users.email })
    .from(tenantUsers)
    .innerJoin(users, eq(users.id, tenantUsers.userId))
    .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.isActive, true)));
  const fields = await tx
    .select({ key: customFieldDefinitions.key })
    .from(customFieldDefinitions)
    .where(and(eq(customFieldDefinitions.tenantId, tenantId), eq(customFieldDefinitions.objectType, "CONTACT"), eq(customFieldDefinitions.fieldType, "TEXT"), sql`${customFieldDefinitions.key} ilike '%email%'`));
  return {
    mailbox,
    own: [mailbox.emailAddress, mailbox.imapUsername ?? "", mailbox.smtpUsername].filter((a) => a.includes("@")).map(normalizeAddress),
    internal: internalDomains([...members.map((m) => m.email), mailbox.emailAddress]),
    excluded: new Set((settings?.excludedDomains ?? []).map((d) => d.toLowerCase())),
    emailFieldKeys: fields.map((f) => f.key),
  };
}

/** Lower-cased address → live contacts with it (their email, or an email custom field). */
async function contactsByAddress(tx: Tx, tenantId: string, addrs: string[], emailFieldKeys: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!addrs.length) return out;
  const list = sql`array[${sql.join(addrs.map((a) => sql`${a}`), sql`, `)}]::text[]`;
  const rows = await tx.execute<{ id: string; address: string }>(sql`
    select ${contacts.id} as id, ${contacts.dupEmail} as address from ${contacts}
    where ${contacts.tenantId} = ${tenantId} and ${liveWithEmail(contacts, addrs)}
    ${
      emailFieldKeys.length
        ? sql`union
    select c.id, lower(f.value) from ${contacts} c, jsonb_each_text(c.custom_fields) f
    where c.tenant_id = ${tenantId} and c.deleted_at is null and f.key = any(array[${sql.join(emailFieldKeys.map((k) => sql`${k}`), sql`, `)}]::text[]) and lower(f.value) = any(${list})`
        : sql``
    }
    order by 1`);
  for (const r of rows) {
    const ids = out.get(r.address) ?? [];
    if (!ids.includes(r.id)) ids.push(r.id);
    out.set(r.address, ids);
  }
  return out;
}

/** Leads not yet converted (a converted one's mail goes to its contact), by lower-cased email. */
async function leadsByAddress(tx: Tx, tenantId: string, addrs: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!addrs.length) return out;
  const rows = await tx
    .select({ id: leads.id, address: sql<string>`${leads.dupEmail}` })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), liveWithEmail(leads, addrs), isNull(leads.convertedAt)))
    .orderBy(leads.id);
  for (const r of rows) out.set(r.address, [...(out.get(r.address) ?? []), r.id]);
  return out;
}

type RelatedRecord = { recordType: "COMPANY" | "DEAL"; recordId: string };

/**
 * The companies and open deals of a batch's contacts, read once: answers, for the contacts
 * of one message, the records its activity is linked to (their companies, then the open
 * deals of those contacts or companies).
 */
async function relatedRecordsOf(tx: Tx, tenantId: string, contactIds: string[]): Promise<(ids: string[]) => RelatedRecord[]> {
  if (!contactIds.length) return () => [];
  const cs = await tx.select({ id: contacts.id, companyId: contacts.companyId }).from(contacts).where(and(eq(contacts.tenantId, tenantId), inArray(contacts.id, contactIds)));
  const companyOf = new Map(cs.map((c) => [c.id, c.companyId]));
  const allCompanies = [...new Set(cs.map((c) => c.companyId).filter((x): x is string => !!x))];
  const ds = await tx
    .select({ id: deals.id, contactId: deals.contactId, companyId: deals.companyId })
    .from(deals)
    .where(and(eq(deals.tenantId, tenantId), isNull(deals.deletedAt), eq(deals.status, "open"), or(inArray(deals.contactId, contactIds), allCompanies.length ? inArray(deals.companyId, allCompanies) : sql`false`)));
  return (ids) => {
    const companyIds = [...new Set(ids.map((id) => companyOf.get(id)).filter((x): x is string => !!x))];
    const open = ds.filter((d) => (d.contactId && ids.includes(d.contactId)) || (d.companyId && companyIds.includes(d.companyId)));
    return [...companyIds.map((id) => ({ recordType: "COMPANY" as const, recordId: id })), ...open.map((d) => ({ recordType: "DEAL" as const, recordId: d.id }))];
  };
}

/** Threads already known for these Message-IDs: synced messages' and sent emails'. */
async function knownThreads(tx: Tx, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const a = await tx.select({ m: syncedEmails.messageId, t: syncedEmails.threadId }).from(syncedEmails).where(and(eq(syncedEmails.tenantId, tenantId), inArray(syncedEmails.messageId, ids)));
  const b = await tx.select({ m: emailMessages.messageId, t: emailMessages.threadId }).from(emailMessages).where(and(eq(emailMessages.tenantId, tenantId), inArray(emailMessages.messageId, ids)));
  for (const r of [...b, ...a]) out.set(r.m, r.t);
  return out;
}

/**
 * Stores one batch (one transaction): skips duplicates, marks replies and bounces, logs
 * the matched messages, and moves the folder's last UID past the batch.
 */
export async function storeBatch(tx: Tx, tenantId: string, ws: Workspace, batch: IncomingMessage[], folder: { path: string; uidValidity: number; role: "INBOX" | "SENT"; lastUid: number }, counts: SyncCounts): Promise<void> {
  const ctx = ctxOf(tenantId);
  const mailboxId = ws.mailbox.id;
  const events: NewEvent[] = [];
  const ids = batch.map((m) => m.messageId);
  const existing = new Set(
    ids.length
      ? (await tx.select({ m: syncedEmails.messageId }).from(syncedEmails).where(and(eq(syncedEmails.tenantId, tenantId), eq(syncedEmails.mailboxId, mailboxId), inArray(syncedEmails.messageId, ids)))).map((r) => r.m)
      : [],
  );
  const fresh: IncomingMessage[] = [];
  for (const m of batch) {
    counts.fetched++;
    if (existing.has(m.messageId)) {
      counts.skippedDuplicate++;
      continue;
    }
    existing.add(m.messageId);
    fresh.push(m);
  }

  // bounces: the sent email the report names, whichever folder it came to
  for (const m of fresh.filter((x) => x.dsn)) {
    const d = m.dsn!;
    if (!d.failed) {
      counts.skippedNoContact++; // a delay report: nothing to log
      continue;
    }
    const hit = await tx
      .update(emailMessages)
      .set({ bouncedAt: m.date, bounceReason: d.recipient ? `${d.recipient}: ${d.reason}`.slice(0, 500) : d.reason, updatedAt: new Date() })
      .where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.messageId, d.originalMessageId!), isNull(emailMessages.bouncedAt)))
      .returning({ id: emailMessages.id, recordType: emailMessages.recordType, recordId: emailMessages.recordId, to: emailMessages.toAddresses });
    // a bounce counts as matched when it names a sent email, else as nobody's mail
    if (hit.length) counts.matched++;
    else counts.skippedNoContact++;
    for (const h of hit) {
      events.push({ type: "email.bounced", entityType: h.recordType, entityId: h.recordId, payload: { emailId: h.id, recipient: d.recipient, status: d.status, reason: d.reason } });
      // the address that bounced gets no campaign or sequence email again (its sequences stop; its campaign counts it)
      const address = d.recipient ?? (h.to.length === 1 ? h.to[0] : null);
      if (address) await suppressAddress(tx, { tenantId, email: address, reason: "BOUNCED", sourceEmailId: h.id, detail: d.reason });
    }
  }
  const own = new Set(ws.own);
  const inbound = (m: IncomingMessage) => !own.has(m.from);

  // replies to sent emails
  const answered = [...new Set(fresh.filter((m) => !m.dsn && inbound(m)).flatMap(ancestorsOf))];
  if (answered.length) {
    const sent = await tx
      .select({ id: emailMessages.id, messageId: emailMessages.messageId, recordType: emailMessages.recordType, recordId: emailMessages.recordId })
      .from(emailMessages)
      .where(and(eq(emailMessages.tenantId, tenantId), inArray(emailMessages.messageId, answered), isNull(emailMessages.repliedAt)));
    for (const s of sent) {
      const reply = fresh.find((m) => !m.dsn && inbound(m) && ancestorsOf(m).includes(s.messageId))!;
      await tx.update(emailMessages).set({ repliedAt: reply.date, updatedAt: new Date() }).where(and(eq(emailMessages.tenantId, tenantId), eq(emailMessages.id, s.id)));
      // a person who replies leaves their sequences
      await stopEnrollmentsFor(tx, { tenantId, email: reply.from, reason: "REPLIED" });
      events.push({ type: "email.replied", entityType: s.recordType, entityId: s.recordId, payload: { emailId: s.id, replyMessageId: reply.messageId, from: reply.from } });
    }
  }

  // the records each message belongs to
  const logged = fresh.filter((m) => !m.dsn);
  const allAddrs = [...new Set(logged.flatMap((m) => [m.from, ...m.to, ...m.cc]))].filter((a) => !ws.excluded.has(domainOfAddress(a)));
  const byAddress = await contactsByAddress(tx, tenantId, allAddrs, ws.emailFieldKeys);
  const leadsByAddr = await leadsByAddress(tx, tenantId, allAddrs);
  const threads = threadBatch(logged, await knownThreads(tx, tenantId, [...new Set(logged.flatMap(ancestorsOf))]));

  const matches = logged.map((m) => ({ m, match: matchMessage({ from: m.from, to: m.to, cc: m.cc, own: ws.own, internalDomains: ws.internal, excludedDomains: ws.excluded }, byAddress, leadsByAddr) }));
  const relatedOf = await relatedRecordsOf(tx, tenantId, [...new Set(matches.flatMap((x) => (x.match.matched ? x.match.contactIds : [])))]);
  // the batch's activities, messages and links: one write each (createActivitiesIn, the one write path of activities)
  const newActivities: NewActivity[] = [];
  const newMessages: (typeof syncedEmails.$inferInsert)[] = [];
  const newLinks: (typeof activityLinks.$inferInsert)[] = [];
  for (const { m, match } of matches) {
    if (!match.matched) {
      counts[skipKey[match.reason]]++;
      continue;
    }
    const direction = inbound(m) ? ("INBOUND" as const) : ("OUTBOUND" as const);
    const threadId = threads.get(m.messageId) ?? m.messageId;
    // on the first contact, else the first lead; linked to every other one
    const records = [...match.contactIds.map((id) => ({ recordType: "CONTACT" as const, recordId: id })), ...match.leadIds.map((id) => ({ recordType: "LEAD" as const, recordId: id }))];
    const [{ recordType, recordId: primary }, ...others] = records as [(typeof records)[number], ...typeof records];
    const preview = m.text.replace(/\s+/g, " ").trim().slice(0, SYNC_LIMITS.previewChars);
    const activityId = randomUUID();
    const syncedEmailId = randomUUID();
    newActivities.push({
      id: activityId,
      input: { activityType: "EMAIL", subject: m.subject, body: preview || undefined, recordType, recordId: primary, direction, activityAt: m.date.toISOString() },
      detailsJson: { syncedEmailId, messageId: m.messageId, threadId, from: m.from, to: m.to, cc: m.cc, mailboxId },
    });
    newMessages.push({
      tenantId,
      id: syncedEmailId,
      mailboxId,
      folder: m.folder,
      uid: m.uid,
      direction,
      messageId: m.messageId,
      inReplyTo: m.inReplyTo,
      references: m.references,
      threadId,
      fromAddress: m.from,
      fromName: m.fromName,
      toAddresses: m.to,
      ccAddresses: m.cc,
      subject: m.subject,
      bodyText: m.text,
      bodyHtml: m.html,
      hasRemoteImages: m.hasRemoteImages,
      attachments: m.attachments,
      truncated: m.truncated,
      sentAt: m.date,
      activityId,
      recordType,
      recordId: primary,
    });
    for (const l of [...others, ...relatedOf(match.contactIds)]) newLinks.push({ tenantId, activityId, ...l });
    if (direction === "INBOUND") {
      events.push({ type: "email.received", entityType: recordType, entityId: primary, payload: { syncedEmailId, activityId, messageId: m.messageId, threadId, from: m.from } });
    }
    counts.matched++;
  }
  await createActivitiesIn(tx, ctx, newActivities, { syncedEmail: true });
  if (newMessages.length) await tx.insert(syncedEmails).values(newMessages);
  if (newLinks.length) await tx.insert(activityLinks).values(newLinks).onConflictDoNothing();
  if (events.length) await emitEvents(tx, ctx, events);
  const lastUid = folder.lastUid;
  await tx
    .insert(mailboxFolders)
    .values({ tenantId, mailboxId, path: folder.path, role: folder.role, uidValidity: folder.uidValidity, lastUid })
    .onConflictDoUpdate({
      target: [mailboxFolders.tenantId, mailboxFolders.mailboxId, mailboxFolders.path],
      set: { uidValidity: folder.uidValidity, role: folder.role, lastUid: sql`greatest(${mailboxFolders.lastUid}, ${lastUid})`, updatedAt: new Date() },
    });
}

// --- the sync ------------------------------------------------------------------------------

/** The lease: one sync per mailbox at a time. Null when another holds it, or the sync is paused. */
async function claim(tenantId: string, mailboxId: string, now: Date): Promise<{ mailbox: Mailbox; since: Date } | "busy" | "paused" | "not_configured" | null> {
  return withTenant(ctxOf(tenantId), async (tx) => {
    const [m] = await tx.select().from(mailboxes).where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, mailboxId)));
    if (!m) return null;
    if (!m.imapHost || !m.imapPasswordEnc) return "not_configured";
    const [settings] = await tx.select({ days: emailSyncSettings.syncDays }).from(emailSyncSettings).where(eq(emailSyncSettings.tenantId, tenantId));
    const since = new Date(now.getTime() - (settings?.days ?? 30) * 86_400_000);
    await tx.insert(mailboxSyncStates).values({ tenantId, mailboxId, since }).onConflictDoNothing();
    const [s] = await tx
      .update(mailboxSyncStates)
      .set({ lockedUntil: new Date(now.getTime() + LEASE_MS), since: sql`coalesce(${mailboxSyncStates.since}, ${since.toISOString()}::timestamptz)` })
      .where(
        and(
          eq(mailboxSyncStates.tenantId, tenantId),
          eq(mailboxSyncStates.mailboxId, mailboxId),
          eq(mailboxSyncStates.status, "ACTIVE"),
          or(isNull(mailboxSyncStates.lockedUntil), sql`${mailboxSyncStates.lockedUntil} < now()`),
        ),
      )
      .returning();
    if (!s) {
      const [cur] = await tx.select({ status: mailboxSyncStates.status }).from(mailboxSyncStates).where(and(eq(mailboxSyncStates.tenantId, tenantId), eq(mailboxSyncStates.mailboxId, mailboxId)));
      return cur?.status === "PAUSED" ? "paused" : "busy";
    }
    return { mailbox: m, since: s.since! };
  });
}

/** The folders read: INBOX, and the one marked \Sent (RFC 6154), if any. */
async function foldersOf(client: ImapFlow): Promise<{ path: string; role: "INBOX" | "SENT" }[]> {
  const list = await client.list();
  const out: { path: string; role: "INBOX" | "SENT" }[] = [{ path: "INBOX", role: "INBOX" }];
  // the folder the server marks \Sent; a server without SPECIAL-USE: the usual names
  const sent = list.find((f) => f.specialUse === "\\Sent") ?? list.find((f) => /^(sent|sent items|sent messages|sent mail|inbox[./]sent)$/i.test(f.path));
  if (sent) out.push({ path: sent.path, role: "SENT" });
  return out;
}

/** Syncs one folder; answers nothing, counts into `counts`. */
async function syncFolder(client: ImapFlow, tenantId: string, ws: Workspace, folder: { path: string; role: "INBOX" | "SENT" }, since: Date, counts: SyncCounts, limits: { batchSize: number; maxMessages: number }): Promise<void> {
  const lock = await client.getMailboxLock(folder.path, { readOnly: true });
  try {
    const box = client.mailbox;
    if (!box) return;
    const uidValidity = Number(box.uidValidity);
    const [state] = await withTenant(ctxOf(tenantId), (tx) =>
      tx.select().from(mailboxFolders).where(and(eq(mailboxFolders.tenantId, tenantId), eq(mailboxFolders.mailboxId, ws.mailbox.id), eq(mailboxFolders.path, folder.path))),
    );
    let uids: number[];
    const firstPass = !state || state.uidValidity !== uidValidity;
    if (firstPass) {
      // first sync of the folder, or the server renumbered it: from the start date (duplicates are skipped by Message-ID)
      if (state) await withTenant(ctxOf(tenantId), (tx) => tx.update(mailboxFolders).set({ uidValidity, lastUid: 0 }).where(and(eq(mailboxFolders.tenantId, tenantId), eq(mailboxFolders.mailboxId, ws.mailbox.id), eq(mailboxFolders.path, folder.path))));
      uids = (await client.search({ since }, { uid: true })) || [];
    } else {
      if (box.uidNext && box.uidNext <= state.lastUid + 1) return; // nothing new
      uids = ((await client.search({ uid: `${state.lastUid + 1}:*` }, { uid: true })) || []).filter((u) => u > state.lastUid);
    }
    uids.sort((a, b) => a - b);
    const found = uids.length;
    uids = uids.slice(0, Math.max(0, limits.maxMessages - counts.fetched - counts.errors));
    for (let i = 0; i < uids.length; i += limits.batchSize) {
      const chunk = uids.slice(i, i + limits.batchSize);
      const fetched = await client.fetchAll(chunk.join(","), { uid: true, size: true, internalDate: true, bodyStructure: true, source: { maxLength: SYNC_LIMITS.sourceBytes } }, { uid: true });
      const parsed: IncomingMessage[] = [];
      for (const f of fetched.sort((a, b) => a.uid - b.uid)) {
        try {
          parsed.push(await parseFetched(f, { mailboxId: ws.mailbox.id, folder: folder.path, uidValidity }));
        } catch {
          counts.errors++;
        }
      }
      // a message older than the start date read by UID (a resync moved the date back) is still logged: the UID says it is new here
      // the folder moves past the whole chunk, a message that failed to parse included (counted as an error)
      await withTenant(ctxOf(tenantId), (tx) => storeBatch(tx, tenantId, ws, parsed, { ...folder, uidValidity, lastUid: Math.max(...chunk) }, counts));
    }
    // a first pass that read all it found: the folder's place is where it stood when opened (older mail below is not read again)
    if (firstPass && uids.length === found && box.uidNext) {
      await withTenant(ctxOf(tenantId), (tx) =>
        tx
          .insert(mailboxFolders)
          .values({ tenantId, mailboxId: ws.mailbox.id, path: folder.path, role: folder.role, uidValidity, lastUid: box.uidNext - 1 })
          .onConflictDoUpdate({ target: [mailboxFolders.tenantId, mailboxFolders.mailboxId, mailboxFolders.path], set: { lastUid: sql`greatest(${mailboxFolders.lastUid}, ${box.uidNext - 1})` } }),
      );
    }
  } finally {
    lock.release();
  }
}

/** Pauses a mailbox whose password was rejected: the error on it, and its owner (or who added it) told once. */
async function pauseForAuth(tenantId: string, m: Mailbox, error: string): Promise<void> {
  await withTenant(ctxOf(tenantId), async (tx) => {
    const [was] = await tx.select({ status: mailboxSyncStates.status }).from(mailboxSyncStates).where(and(eq(mailboxSyncStates.tenantId, tenantId), eq(mailboxSyncStates.mailboxId, m.id)));
    await tx.update(mailboxSyncStates).set({ status: "PAUSED", error, lockedUntil: null, updatedAt: new Date() }).where(and(eq(mailboxSyncStates.tenantId, tenantId), eq(mailboxSyncStates.mailboxId, m.id)));
    await tx.update(mailboxes).set({ checkError: error, checkedAt: new Date() }).where(and(eq(mailboxes.tenantId, tenantId), eq(mailboxes.id, m.id)));
    const userId = m.ownerUserId ?? m.createdByUserId;
    if (was?.status !== "PAUSED" && userId) {
      await tx.insert(notifications).values({
        tenantId,
        userId,
        kind: "email.sync_paused",
        title: `Email sync paused for ${m.emailAddress}`,
        body: `${error}. Update the password in Settings → Email, then resume the sync.`,
        data: { mailboxId: m.id, href: "/settings/email" },
      });
    }
  });
}

/**
 * The ledger row of a sync. A sync that found nothing writes none (the minute's poll would
 * add 1,440 a day); one that failed as the last one did extends that row's time instead.
 */
async function recordRun(tx: Tx, tenantId: string, mailboxId: string, startedAt: Date, counts: SyncCounts, error: string | null): Promise<void> {
  const finishedAt = new Date();
  const busy = counts.fetched > 0 || (counts.errors > 0 && !error);
  if (!busy && !error) return;
  if (!busy && error) {
    const [last] = await tx
      .select({ id: emailSyncRuns.id, error: emailSyncRuns.error, fetched: emailSyncRuns.fetched })
      .from(emailSyncRuns)
      .where(and(eq(emailSyncRuns.tenantId, tenantId), eq(emailSyncRuns.mailboxId, mailboxId)))
      .orderBy(sql`${emailSyncRuns.startedAt} desc`)
      .limit(1);
    if (last && last.error === error && last.fetched === 0) {
      await tx.update(emailSyncRuns).set({ finishedAt, errors: sql`${emailSyncRuns.errors} + 1` }).where(and(eq(emailSyncRuns.tenantId, tenantId), eq(emailSyncRuns.id, last.id)));
      return;
    }
  }
  await tx.insert(emailSyncRuns).values({ tenantId, mailboxId, startedAt, finishedAt, ...counts, error });
}

/** One sync of a mailbox (the worker's sync_mailbox task). */
export async function syncMailbox(tenantId: string, mailboxId: string, opts: { now?: Date; batchSize?: number; maxMessages?: number } = {}): Promise<SyncResult> {
  const now = opts.now ?? new Date();
  const counts = zero();
  const claimed = await claim(tenantId, mailboxId, now);
  if (claimed === null) return { ...counts, status: "not_configured", error: "No such mailbox" };
  if (typeof claimed === "string") return { ...counts, status: claimed, error: null };
  const { mailbox, since } = claimed;
  const startedAt = new Date();
  let error: string | null = null;
  let status: SyncResult["status"] = "done";
  let client: ImapFlow | undefined;
  try {
    const ws = await withTenant(ctxOf(tenantId), (tx) => loadWorkspace(tx, tenantId, mailbox));
    client = await connect(mailbox);
    for (const folder of await foldersOf(client)) await syncFolder(client, tenantId, ws, folder, since, counts, { batchSize: opts.batchSize ?? SYNC_LIMITS.batch, maxMessages: opts.maxMessages ?? SYNC_LIMITS.perRun });
  } catch (err) {
    error = imapErrorMessage(err, mailbox);
    if (!(err as { authenticationFailed?: boolean }).authenticationFailed) log.warn({ err, source: "email-sync", mailboxId }, "mailbox sync failed");
    counts.errors++;
    status = "failed";
    if ((err as { authenticationFailed?: boolean }).authenticationFailed) {
      status = "paused";
      await pauseForAuth(tenantId, mailbox, error);
    }
  } finally {
    await client?.logout().catch(() => client?.close());
  }
  await withTenant(ctxOf(tenantId), async (tx) => {
    await recordRun(tx, tenantId, mailboxId, startedAt, counts, error);
    await tx
      .update(mailboxSyncStates)
      .set({ lockedUntil: null, lastSyncedAt: new Date(), updatedAt: new Date(), ...(status === "paused" ? {} : { error }) })
      .where(and(eq(mailboxSyncStates.tenantId, tenantId), eq(mailboxSyncStates.mailboxId, mailboxId)));
  });
  return { ...counts, status, error };
}

/** Every mailbox with IMAP whose sync is not paused, across tenants (the minute's sweep). */
export async function mailboxesToSync(tenantIds: string[]): Promise<{ tenantId: string; mailboxId: string }[]> {
  const out: { tenantId: string; mailboxId: string }[] = [];
  for (const tenantId of tenantIds) {
    const rows = await withTenant(ctxOf(tenantId), (tx) =>
      tx
        .select({ id: mailboxes.id })
        .from(mailboxes)
        .leftJoin(mailboxSyncStates, and(eq(mailboxSyncStates.tenantId, mailboxes.tenantId), eq(mailboxSyncStates.mailboxId, mailboxes.id)))
        .where(and(eq(mailboxes.tenantId, tenantId), sql`${mailboxes.imapHost} is not null`, sql`${mailboxes.imapPasswordEnc} is not null`, or(isNull(mailboxSyncStates.status), eq(mailboxSyncStates.status, "ACTIVE")))),
    );
    for (const r of rows) out.push({ tenantId, mailboxId: r.id });
  }
  return out;
}
