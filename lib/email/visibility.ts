// What a user sees of an EMAIL activity synced from a private mailbox (issue 19): the
// workspace's sharing setting (FULL, SUBJECT or NONE) applies to everyone but the mailbox's
// owner; a shared mailbox's messages are seen in full. Every channel that shows activities to
// a user — the record timeline, the activities REST API, list members, followed activities,
// the personal-data export — masks them through `shownActivities` (or, for the timeline's
// single query, `visibilityFor` + `shownText`), so the rule lives here once. Filters, which
// could tell the text by what matches, follow the stricter private-text.ts.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { mailboxes, syncedEmails, type EmailSharing } from "@/db/schema";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { readEmailSyncSettings } from "./sync-service";

/** The subject shown in place of a message whose sharing is NONE. */
export const PRIVATE_EMAIL_SUBJECT = "Private email";

/** What a user sees of a message of a mailbox: everything in a shared or their own one, else the workspace's setting. */
export function visibilityFor(viewerUserId: string | null, mailboxOwnerId: string | null, sharing: EmailSharing): EmailSharing {
  if (mailboxOwnerId === null || mailboxOwnerId === viewerUserId) return "FULL";
  return sharing;
}

/** The subject and body a viewer with `visibility` may read. */
export function shownText(visibility: EmailSharing, subject: string, body: string | null): { subject: string; body: string | null } {
  return { subject: visibility === "NONE" ? PRIVATE_EMAIL_SUBJECT : subject, body: visibility === "FULL" ? body : null };
}

interface Maskable {
  id: string;
  activityType: string;
  subject: string;
  body?: string | null;
}

/**
 * The activities as `viewerUserId` may see them (null: an API key or the system acting for
 * nobody in particular, who sees what any non-owner sees). Rows that are not synced emails
 * pass unchanged; one query finds the synced ones and their mailboxes' owners.
 */
export async function shownActivities<T extends Maskable>(tx: Tx, tenantId: string, viewerUserId: string | null, rows: T[]): Promise<T[]> {
  const emailIds = rows.filter((r) => r.activityType === "EMAIL").map((r) => r.id);
  if (!emailIds.length) return rows;
  const synced = await tx
    .select({ activityId: syncedEmails.activityId, ownerUserId: mailboxes.ownerUserId })
    .from(syncedEmails)
    .innerJoin(mailboxes, and(eq(mailboxes.tenantId, syncedEmails.tenantId), eq(mailboxes.id, syncedEmails.mailboxId)))
    .where(and(eq(syncedEmails.tenantId, tenantId), inArray(syncedEmails.activityId, emailIds)));
  const foreign = new Map(synced.filter((s) => s.ownerUserId !== null && s.ownerUserId !== viewerUserId).map((s) => [s.activityId, s.ownerUserId]));
  if (!foreign.size) return rows;
  const sharing = (await readEmailSyncSettings(tx, tenantId)).privateSharing;
  if (sharing === "FULL") return rows;
  return rows.map((r) => {
    if (!foreign.has(r.id)) return r;
    const shown = shownText(visibilityFor(viewerUserId, foreign.get(r.id) ?? null, sharing), r.subject, r.body ?? null);
    return "body" in r ? { ...r, ...shown } : { ...r, subject: shown.subject };
  });
}
