// A record's pinned notes, the timeline's "Pinned" section: most recently pinned first.
// Server-only.
import "server-only";
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { activities, users } from "@/db/schema";
import { loadRecordRef } from "@/lib/activities/record-ref";
import type { RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { TimelineEntry } from "./types";

/** At most this many are shown; pinning is for the few notes everyone should read first. */
const MAX_PINNED = 20;

export async function pinnedNotes(ctx: TenantContext, kind: RecordKind, recordId: string): Promise<TimelineEntry[]> {
  return withTenant(ctx, async (tx) => {
    await loadRecordRef(tx, ctx.tenantId, kind, recordId);
    const rows = await tx
      .select({ a: activities, actorName: users.name })
      .from(activities)
      .leftJoin(users, eq(users.id, activities.createdByUserId))
      .where(
        and(
          eq(activities.tenantId, ctx.tenantId),
          eq(activities.recordType, kind),
          eq(activities.recordId, recordId),
          isNotNull(activities.pinnedAt),
          isNull(activities.deletedAt),
        ),
      )
      .orderBy(desc(activities.pinnedAt), desc(activities.id))
      .limit(MAX_PINNED);
    return rows.map(({ a, actorName }) => ({
      kind: "activity" as const,
      id: a.id,
      at: a.activityAt,
      actor: a.createdByUserId ? { id: a.createdByUserId, name: actorName ?? "Unknown user" } : null,
      activity: {
        activityType: a.activityType,
        subject: a.subject,
        body: a.body,
        dueAt: a.dueAt,
        completedAt: a.completedAt,
        priority: a.priority,
        recurrenceRule: a.recurrenceRule,
        outcome: a.outcome,
        durationSeconds: a.durationSeconds,
        direction: a.direction,
        meetingLocation: a.meetingLocation,
        meetingAttendees: a.meetingAttendees,
        pinnedAt: a.pinnedAt,
        assignedUserId: null,
        assignedUserName: null,
        assignedGroupId: null,
        assignedGroupName: null,
        email: null,
        synced: null,
      },
    }));
  });
}
