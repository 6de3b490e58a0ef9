// What can be watched (any of the eight record types, in this tenant, not in the trash)
// and by whom (an active member, or a group, of this tenant). Another tenant's id is
// "not found", never "forbidden".
import { and, eq, inArray, isNull } from "drizzle-orm";
import { activities, lists, pipelines, tenantGroups, tenantUsers, users } from "@/db/schema";
import { loadRecordRef } from "@/lib/activities/record-ref";
import { notFound, validationError } from "@/lib/errors";
import { RECORD_KINDS, tableOf, type RecordKind } from "@/lib/records/registry";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { shownActivities } from "@/lib/email/visibility";
import type { PrincipalType, WatchRecordType } from "./schemas";

const isRecordKind = (t: WatchRecordType): t is RecordKind => t in RECORD_KINDS;

/** The watched thing's title; throws not-found when it is not a live row of this tenant. */
export async function watchTargetTitle(tx: Tx, tenantId: string, type: WatchRecordType, id: string, viewerUserId: string | null): Promise<string> {
  if (isRecordKind(type)) return (await loadRecordRef(tx, tenantId, type, id)).title;
  if (!isUuid(id)) throw notFound(type.toLowerCase());
  if (type === "ACTIVITY") {
    const [a] = await shownActivities(
      tx,
      tenantId,
      viewerUserId,
      await tx
        .select({ id: activities.id, activityType: activities.activityType, subject: activities.subject })
        .from(activities)
        .where(and(eq(activities.tenantId, tenantId), eq(activities.id, id), isNull(activities.deletedAt))),
    );
    if (!a) throw notFound("activity");
    return a.subject;
  }
  if (type === "PIPELINE") {
    const [p] = await tx.select({ name: pipelines.name }).from(pipelines).where(and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, id)));
    if (!p) throw notFound("pipeline");
    return p.name;
  }
  const [l] = await tx.select({ name: lists.name }).from(lists).where(and(eq(lists.tenantId, tenantId), eq(lists.id, id)));
  if (!l) throw notFound("list");
  return l.name;
}

/** Titles of many watched things at once (missing or trashed ones are absent), an activity's as `viewerUserId` may see it. */
export async function watchTargetTitles(tx: Tx, tenantId: string, refs: { recordType: WatchRecordType; recordId: string }[], viewerUserId: string | null): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byType = new Map<WatchRecordType, string[]>();
  for (const r of refs) byType.set(r.recordType, [...(byType.get(r.recordType) ?? []), r.recordId]);
  for (const [type, ids] of byType) {
    let rows: { id: string; title: string }[];
    if (isRecordKind(type)) {
      const def = RECORD_KINDS[type];
      const t = tableOf(def);
      const found = (await tx
        .select()
        .from(t)
        .where(and(eq(t.tenantId, tenantId), inArray(t.id, ids), isNull(t.deletedAt)))) as Record<string, unknown>[];
      rows = found.map((r) => ({ id: String(r.id), title: def.title(r) }));
    } else if (type === "ACTIVITY") {
      const found = await tx
        .select({ id: activities.id, activityType: activities.activityType, subject: activities.subject })
        .from(activities)
        .where(and(eq(activities.tenantId, tenantId), inArray(activities.id, ids), isNull(activities.deletedAt)));
      rows = (await shownActivities(tx, tenantId, viewerUserId, found)).map((a) => ({ id: a.id, title: a.subject }));
    } else if (type === "PIPELINE") {
      rows = await tx.select({ id: pipelines.id, title: pipelines.name }).from(pipelines).where(and(eq(pipelines.tenantId, tenantId), inArray(pipelines.id, ids)));
    } else {
      rows = await tx.select({ id: lists.id, title: lists.name }).from(lists).where(and(eq(lists.tenantId, tenantId), inArray(lists.id, ids)));
    }
    for (const r of rows) out.set(`${type}:${r.id}`, r.title);
  }
  return out;
}

/**
 * The principal's display name. `activeOnly` (following) wants an active member; an
 * unfollow or a listing also accepts a deactivated one. Unknown here → 422 on principalId
 * for a write, not-found for a read (`missing`).
 */
export async function principalName(tx: Tx, tenantId: string, type: PrincipalType, id: string, opts: { activeOnly: boolean; missing: "validation" | "not-found" }): Promise<string> {
  const fail = () => {
    if (opts.missing === "not-found") throw notFound(type === "USER" ? "User" : "Group");
    throw validationError([{ path: "principalId", message: type === "USER" ? "is not an active user of this workspace" : "is not a group of this workspace" }]);
  };
  if (!isUuid(id)) return fail();
  if (type === "USER") {
    const [u] = await tx
      .select({ name: users.name, isActive: tenantUsers.isActive })
      .from(tenantUsers)
      .innerJoin(users, eq(users.id, tenantUsers.userId))
      .where(and(eq(tenantUsers.tenantId, tenantId), eq(tenantUsers.userId, id)));
    if (!u || (opts.activeOnly && !u.isActive)) return fail();
    return u.name;
  }
  const [g] = await tx.select({ name: tenantGroups.name }).from(tenantGroups).where(and(eq(tenantGroups.tenantId, tenantId), eq(tenantGroups.id, id)));
  if (!g) return fail();
  return g.name;
}
