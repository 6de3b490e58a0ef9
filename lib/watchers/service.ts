// Record watchers: a user, or a group (all its members), follows a record and hears about
// its changes (lib/watchers/notify-consumer.ts). Following is idempotent. Anyone who may
// watch can follow for themselves or for a group; making another user follow (or stop)
// takes an admin or a manager.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { recordWatchers, tenantGroups, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { forbidden, notFound } from "@/lib/errors";
import { emitEvent } from "@/lib/events/emit";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { watcherInputSchema, type PrincipalType, type WatcherInput, type WatchRecordType } from "./schemas";
import { principalName, watchTargetTitle, watchTargetTitles } from "./targets";

export interface Watcher {
  recordType: WatchRecordType;
  recordId: string;
  principalType: PrincipalType;
  principalId: string;
  /** The user's or group's name. */
  principalName: string;
  /** The user's email (null for a group). */
  principalEmail: string | null;
  createdAt: Date;
  createdByUserId: string | null;
}

export interface Watched {
  recordType: WatchRecordType;
  recordId: string;
  title: string;
  createdAt: Date;
}

/** Yourself or any group: whoever may watch. Another user: admins and managers only. */
function assertMayActFor(ctx: TenantContext, principalType: PrincipalType, principalId: string) {
  assertCan(ctx.actor.role, "watchers.write");
  const forSelf = principalType === "USER" && principalId === ctx.actor.userId;
  if (principalType === "USER" && !forSelf && !(ctx.actor.role === "admin" || ctx.actor.role === "manager")) {
    throw forbidden("Only admins and managers can make another user follow or unfollow a record");
  }
}

export async function followRecord(ctx: TenantContext, input: WatcherInput): Promise<{ watcher: Watcher; created: boolean }> {
  const data = watcherInputSchema.parse(input);
  assertMayActFor(ctx, data.principalType, data.principalId);
  return withTenant(ctx, async (tx) => {
    const title = await watchTargetTitle(tx, ctx.tenantId, data.recordType, data.recordId, ctx.actor.userId);
    const name = await principalName(tx, ctx.tenantId, data.principalType, data.principalId, { activeOnly: true, missing: "validation" });
    const inserted = await tx
      .insert(recordWatchers)
      .values({ tenantId: ctx.tenantId, ...data, createdByUserId: ctx.actor.userId })
      .onConflictDoNothing()
      .returning();
    const created = inserted.length > 0;
    const [row] = created
      ? inserted
      : await tx
          .select()
          .from(recordWatchers)
          .where(
            and(
              eq(recordWatchers.tenantId, ctx.tenantId),
              eq(recordWatchers.recordType, data.recordType),
              eq(recordWatchers.recordId, data.recordId),
              eq(recordWatchers.principalType, data.principalType),
              eq(recordWatchers.principalId, data.principalId),
            ),
          );
    if (created) {
      await emitEvent(tx, ctx, {
        type: "watcher.added",
        entityType: data.recordType,
        entityId: data.recordId,
        payload: { title, principalType: data.principalType, principalId: data.principalId, principalName: name },
      });
    }
    const email = data.principalType === "USER" ? ((await tx.select({ email: users.email }).from(users).where(eq(users.id, data.principalId)))[0]?.email ?? null) : null;
    return {
      created,
      watcher: {
        recordType: row!.recordType,
        recordId: row!.recordId,
        principalType: row!.principalType,
        principalId: row!.principalId,
        principalName: name,
        principalEmail: email,
        createdAt: row!.createdAt,
        createdByUserId: row!.createdByUserId,
      },
    };
  });
}

/** 404 when the record is not this tenant's, or the principal was not following it. */
export async function unfollowRecord(ctx: TenantContext, input: WatcherInput): Promise<void> {
  const data = watcherInputSchema.parse(input);
  assertMayActFor(ctx, data.principalType, data.principalId);
  await withTenant(ctx, async (tx) => {
    await watchTargetTitle(tx, ctx.tenantId, data.recordType, data.recordId, ctx.actor.userId);
    const removed = await tx
      .delete(recordWatchers)
      .where(
        and(
          eq(recordWatchers.tenantId, ctx.tenantId),
          eq(recordWatchers.recordType, data.recordType),
          eq(recordWatchers.recordId, data.recordId),
          eq(recordWatchers.principalType, data.principalType),
          eq(recordWatchers.principalId, data.principalId),
        ),
      )
      .returning({ principalId: recordWatchers.principalId });
    if (removed.length === 0) throw notFound("Watcher");
  });
}

/** Who follows a record: users first, then groups, each by name. */
export async function listWatchers(ctx: TenantContext, recordType: WatchRecordType, recordId: string): Promise<Watcher[]> {
  assertCan(ctx.actor.role, "records.read");
  return withTenant(ctx, async (tx) => {
    await watchTargetTitle(tx, ctx.tenantId, recordType, recordId, ctx.actor.userId);
    const rows = await tx
      .select({
        recordType: recordWatchers.recordType,
        recordId: recordWatchers.recordId,
        principalType: recordWatchers.principalType,
        principalId: recordWatchers.principalId,
        createdAt: recordWatchers.createdAt,
        createdByUserId: recordWatchers.createdByUserId,
        userName: users.name,
        userEmail: users.email,
        groupName: tenantGroups.name,
      })
      .from(recordWatchers)
      .leftJoin(users, and(eq(recordWatchers.principalType, "USER"), eq(users.id, recordWatchers.principalId)))
      .leftJoin(tenantGroups, and(eq(recordWatchers.principalType, "GROUP"), eq(tenantGroups.tenantId, recordWatchers.tenantId), eq(tenantGroups.id, recordWatchers.principalId)))
      .where(and(eq(recordWatchers.tenantId, ctx.tenantId), eq(recordWatchers.recordType, recordType), eq(recordWatchers.recordId, recordId)))
      .orderBy(asc(recordWatchers.principalType), asc(sql`lower(coalesce(${users.name}, ${tenantGroups.name}))`));
    return rows.map(({ userName, userEmail, groupName, ...w }) => ({
      ...w,
      principalName: (w.principalType === "USER" ? userName : groupName) ?? "(removed)",
      principalEmail: w.principalType === "USER" ? userEmail : null,
    }));
  });
}

/** What a user or group follows, newest first (records since trashed are left out). */
export async function listWatched(ctx: TenantContext, principalType: PrincipalType, principalId: string): Promise<Watched[]> {
  assertCan(ctx.actor.role, "records.read");
  return withTenant(ctx, async (tx) => {
    await principalName(tx, ctx.tenantId, principalType, principalId, { activeOnly: false, missing: "not-found" });
    const rows = await tx
      .select({ recordType: recordWatchers.recordType, recordId: recordWatchers.recordId, createdAt: recordWatchers.createdAt })
      .from(recordWatchers)
      .where(and(eq(recordWatchers.tenantId, ctx.tenantId), eq(recordWatchers.principalType, principalType), eq(recordWatchers.principalId, principalId)))
      .orderBy(sql`${recordWatchers.createdAt} desc`)
      .limit(1000);
    const titles = await watchTargetTitles(tx, ctx.tenantId, rows, ctx.actor.userId);
    return rows.flatMap((r) => {
      const title = titles.get(`${r.recordType}:${r.recordId}`);
      return title === undefined ? [] : [{ ...r, title }];
    });
  });
}

