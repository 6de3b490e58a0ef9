// A user's in-app notifications (the bell): written by the notify-watchers consumer,
// read and marked read here. Always the signed-in user's own: an API key has no inbox.
import "server-only";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { notifications } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { markReadSchema, type MarkReadInput } from "./schemas";
import { decodeTimeCursor, encodeTimeCursor, microsOf, olderThan } from "@/lib/timeline/keyset";

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  recordType: string | null;
  recordId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationPage {
  data: NotificationItem[];
  unreadCount: number;
  nextCursor: string | null;
}

function userOf(ctx: TenantContext): string {
  if (!ctx.actor.userId) throw new AppError("forbidden", "Notifications belong to a user: sign in to read them (an API key has none)");
  return ctx.actor.userId;
}

async function countUnread(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId), isNull(notifications.readAt)));
  return r?.n ?? 0;
}

/** My notifications, newest first, with the number still unread. */
export async function listNotifications(ctx: TenantContext, opts: { limit?: number; cursor?: string | null; unreadOnly?: boolean } = {}): Promise<NotificationPage> {
  const userId = userOf(ctx);
  const limit = opts.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("bad-request", "limit must be an integer from 1 to 200");
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        recordType: notifications.recordType,
        recordId: notifications.recordId,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        micros: microsOf(notifications.createdAt),
      })
      .from(notifications)
      .where(
        and(
          eq(notifications.tenantId, ctx.tenantId),
          eq(notifications.userId, userId),
          opts.unreadOnly ? isNull(notifications.readAt) : undefined,
          opts.cursor ? olderThan(notifications.createdAt, notifications.id, decodeTimeCursor(opts.cursor)) : undefined,
        ),
      )
      // `nulls last` matches notifications_user_idx, so the scan stops after one page
      .orderBy(sql`${notifications.createdAt} desc nulls last`, desc(notifications.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page.map(({ micros: _m, ...n }) => n),
      unreadCount: await countUnread(tx, ctx.tenantId, userId),
      nextCursor: rows.length > limit && last ? encodeTimeCursor({ micros: last.micros, id: last.id }) : null,
    };
  });
}

/** Marks some (ids not mine are ignored) or all of my notifications read; answers how many changed and what is left unread. */
export async function markNotificationsRead(ctx: TenantContext, input: MarkReadInput): Promise<{ updated: number; unreadCount: number }> {
  const userId = userOf(ctx);
  const data = markReadSchema.parse(input);
  return withTenant(ctx, async (tx) => {
    const updated = await tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(
        and(
          eq(notifications.tenantId, ctx.tenantId),
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          "ids" in data ? inArray(notifications.id, data.ids) : undefined,
        ),
      )
      .returning({ id: notifications.id });
    return { updated: updated.length, unreadCount: await countUnread(tx, ctx.tenantId, userId) };
  });
}
