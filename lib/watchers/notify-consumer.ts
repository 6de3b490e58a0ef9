import { and, eq, inArray, sql } from "drizzle-orm";
import { notifications, recordWatchers, tenantGroupMembers, tenantUsers, users } from "@/db/schema";
import type { EventConsumer } from "@/lib/events/dispatcher";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { describeEvent } from "./describe";
import type { WatchRecordType } from "./schemas";

const NOTIFYING = new Set(["record.updated", "stage.changed", "activity.created", "record.deleted"]);

/** The active users following a record: watching users, and every member of a watching group. */
export async function activeWatcherIds(tx: Tx, tenantId: string, recordType: WatchRecordType, recordId: string): Promise<string[]> {
  const watchers = await tx
    .select({ principalType: recordWatchers.principalType, principalId: recordWatchers.principalId })
    .from(recordWatchers)
    .where(and(eq(recordWatchers.tenantId, tenantId), eq(recordWatchers.recordType, recordType), eq(recordWatchers.recordId, recordId)));
  if (watchers.length === 0) return [];
  const userIds = new Set(watchers.filter((w) => w.principalType === "USER").map((w) => w.principalId));
  const groupIds = watchers.filter((w) => w.principalType === "GROUP").map((w) => w.principalId);
  if (groupIds.length) {
    const members = await tx
      .select({ userId: tenantGroupMembers.userId })
      .from(tenantGroupMembers)
      .where(and(eq(tenantGroupMembers.tenantId, tenantId), inArray(tenantGroupMembers.groupId, groupIds)));
    for (const m of members) userIds.add(m.userId);
  }
  if (userIds.size === 0) return [];
  const active = await tx
    .select({ userId: tenantUsers.userId })
    .from(tenantUsers)
    .where(and(eq(tenantUsers.tenantId, tenantId), inArray(tenantUsers.userId, [...userIds]), sql`${tenantUsers.isActive}`));
  return active.map((u) => u.userId);
}

/** Watchers (users, and every member of a watching group) hear about changes to a record; the actor does not. */
export const notifyWatchersConsumer: EventConsumer = {
  name: "notify-watchers",
  handles: (e) => NOTIFYING.has(e.eventType) && !!e.entityType && !!e.entityId,
  async handle(tx, ctx, event) {
    const userIds = (await activeWatcherIds(tx, ctx.tenantId, event.entityType!, event.entityId!)).filter((id) => id !== event.actorUserId);
    if (userIds.length === 0) return;
    const [actor] = event.actorUserId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, event.actorUserId)) : [];
    const { title, body } = describeEvent(event, actor?.name ?? null);
    await tx.insert(notifications).values(
      userIds.map((userId) => ({
        tenantId: ctx.tenantId,
        userId,
        kind: event.eventType,
        title,
        body,
        recordType: event.entityType,
        recordId: event.entityId,
        eventId: event.id,
      })),
    );
  },
};
