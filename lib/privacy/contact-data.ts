// A contact's personal data (API.md, "Privacy"): the export of everything stored about
// them, and the erase that keeps the record's shape and the fact of the erase, not the data.
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { shownActivities } from "@/lib/email/visibility";
import { activities, contacts, deals, domainEvents, listMemberships, lists, notifications, recordChanges, recordWatchers, stageHistory, tickets } from "@/db/schema";
import { appendAudit } from "@/lib/audit/write";
import { auditOfRecord } from "@/lib/audit/queries";
import { assertCan } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { emitEvent } from "@/lib/events/emit";
import { getRecord, lockLiveRecords, serializeRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { ERASED } from "./erased";
import { suppressAddress } from "@/lib/email/suppression";
import { stopEnrollmentsFor } from "@/lib/sequences/stop";
import { suppressEmail } from "./suppression";

export const PERSONAL_FIELDS = ["firstName", "lastName", "email", "phone", "mobilePhone", "jobTitle", "department", "linkedinUrl"] as const;

const strip = <T extends { tenantId: string }>(rows: T[]) => rows.map(({ tenantId: _t, ...rest }) => rest);

/** The contact and everything stored about them, as one JSON document; the export itself is audited. */
export async function exportContactData(ctx: TenantContext, id: string) {
  assertCan(ctx.actor.role, "records.read");
  const contact = await getRecord(ctx, "CONTACT", id);
  const tenant = ctx.tenantId;
  const data = await withTenant(ctx, async (tx) => {
    const dealRows = await tx.select().from(deals).where(and(eq(deals.tenantId, tenant), eq(deals.contactId, id), sql`${deals.deletedAt} is null`));
    const ticketRows = await tx.select().from(tickets).where(and(eq(tickets.tenantId, tenant), eq(tickets.contactId, id), sql`${tickets.deletedAt} is null`));
    const entityIds = [id, ...dealRows.map((d) => d.id), ...ticketRows.map((t) => t.id)];
    const [activityRows, memberships, history, watchers, changes] = await Promise.all([
      tx.select().from(activities).where(and(eq(activities.tenantId, tenant), eq(activities.recordType, "CONTACT"), eq(activities.recordId, id))).orderBy(asc(activities.createdAt)),
      tx
        .select({ listId: listMemberships.listId, listName: lists.name, addedAt: listMemberships.addedAt, source: listMemberships.source })
        .from(listMemberships)
        .innerJoin(lists, and(eq(lists.tenantId, listMemberships.tenantId), eq(lists.id, listMemberships.listId)))
        .where(and(eq(listMemberships.tenantId, tenant), eq(listMemberships.memberType, "CONTACT"), eq(listMemberships.memberId, id))),
      tx.select().from(stageHistory).where(and(eq(stageHistory.tenantId, tenant), inArray(stageHistory.entityId, entityIds))).orderBy(asc(stageHistory.changedAt)),
      tx.select().from(recordWatchers).where(and(eq(recordWatchers.tenantId, tenant), eq(recordWatchers.recordType, "CONTACT"), eq(recordWatchers.recordId, id))),
      tx.select().from(recordChanges).where(and(eq(recordChanges.tenantId, tenant), eq(recordChanges.recordType, "CONTACT"), eq(recordChanges.recordId, id))).orderBy(asc(recordChanges.changedAt)),
    ]);
    await appendAudit(tx, ctx, { action: "export", recordType: "CONTACT", recordId: id, changes: { format: "json", personalData: true } });
    return {
      deals: dealRows.map((d) => serializeRecord(d as never)),
      tickets: ticketRows.map((t) => serializeRecord(t as never)),
      activities: strip(await shownActivities(tx, tenant, ctx.actor.userId, activityRows)),
      listMemberships: memberships,
      stageHistory: strip(history),
      watchers: strip(watchers),
      fieldChanges: strip(changes),
    };
  });
  const auditEntries = await auditOfRecord(ctx, "CONTACT", id);
  return { exportedAt: new Date().toISOString(), contact: serializeRecord(contact), ...data, auditEntries };
}

/**
 * Erases a contact (admins): personal fields become "erased" and custom fields empty, its
 * activities lose their bodies, its email joins the suppression list, and what was kept
 * about earlier values — field changes, event payloads, notifications' titles, the
 * audit's `changes` — is scrubbed. One transaction; a record.erased event and audit entry.
 */
export async function eraseContact(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "records.erase");
  const tenant = ctx.tenantId;
  await withTenant(ctx, async (tx) => {
    const [row] = await lockLiveRecords(tx, ctx, "CONTACT", [id]);
    if (!row) throw notFound("Contact");
    if (typeof row.email === "string" && row.email.trim() && row.email !== ERASED) {
      await suppressEmail(tx, tenant, row.email);
      // no campaign or sequence email to the address again (the suppression list keeps its hash only)
      await suppressAddress(tx, { tenantId: tenant, email: row.email, reason: "ERASED" });
    }
    await stopEnrollmentsFor(tx, { tenantId: tenant, contactId: id, reason: "SUPPRESSED" });
    await tx
      .update(contacts)
      .set({ ...Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, ERASED])), customFields: {}, updatedAt: sql`now()` })
      .where(and(eq(contacts.tenantId, tenant), eq(contacts.id, id)));
    await tx
      .update(activities)
      .set({ body: null, detailsJson: {}, meetingAttendees: [] })
      .where(and(eq(activities.tenantId, tenant), eq(activities.recordType, "CONTACT"), eq(activities.recordId, id)));
    await tx
      .update(recordChanges)
      .set({ changes: sql`(select coalesce(jsonb_object_agg(k, '{"from":"erased","to":"erased"}'::jsonb), '{}'::jsonb) from jsonb_each(${recordChanges.changes}) e(k, v))` })
      .where(and(eq(recordChanges.tenantId, tenant), eq(recordChanges.recordType, "CONTACT"), eq(recordChanges.recordId, id)));
    await tx
      .update(domainEvents)
      .set({ payload: sql`jsonb_build_object('title', ${ERASED}::text, 'actor', ${domainEvents.payload}->'actor')` })
      .where(and(eq(domainEvents.tenantId, tenant), eq(domainEvents.entityType, "CONTACT"), eq(domainEvents.entityId, id)));
    await tx
      .update(notifications)
      .set({ title: "An erased contact" })
      .where(and(eq(notifications.tenantId, tenant), eq(notifications.recordType, "CONTACT"), eq(notifications.recordId, id)));
    await tx.execute(sql`select audit_scrub_record('CONTACT', ${id}::uuid)`);
    // the record.erased audit entry comes from this event (the domain_events trigger)
    await emitEvent(tx, ctx, { type: "record.erased", entityType: "CONTACT", entityId: id, payload: { title: ERASED } });
  });
}
