// EVENT actions publish an event for integrations: GET /events (cursor paging) and
// GET /events/stream (server-sent events). The cursor is `seq`, assigned under a
// per-tenant transaction lock so a later seq never commits before an earlier one (a
// reader paging with after=<seq> skips nothing). One event per execution: a redelivery
// publishes nothing new.
import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { publishedEvents, type AutomationAction, type PublishedEvent } from "@/db/schema";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { Outcome } from "./outcome";
import { eventConfigSchema } from "./schemas";

export interface PublishedEventDto {
  id: string;
  type: string;
  occurredAt: string;
  entityType: string | null;
  entityId: string | null;
  payload: Record<string, unknown>;
}

export interface PublishInput {
  executionId: string;
  triggerEvent: string;
  entityType: string;
  entityId: string;
  record: Record<string, unknown> | null;
  change: Record<string, unknown> | null;
}

/** The event an EVENT automation publishes (the dry run shows the same). */
export function eventToPublish(automation: AutomationAction, i: Omit<PublishInput, "executionId">) {
  const name = eventConfigSchema.safeParse(automation.configJson).data?.name;
  return {
    type: name ?? i.triggerEvent,
    payload: { automationId: automation.id, automationName: automation.name, triggerEvent: i.triggerEvent, record: i.record, change: i.change },
  };
}

export async function runPublish(ctx: TenantContext, automation: AutomationAction, i: PublishInput): Promise<Outcome> {
  const event = eventToPublish(automation, i);
  const id = await withTenant(ctx, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`published_events:${ctx.tenantId}`}, 0))`);
    const [row] = await tx
      .insert(publishedEvents)
      .values({
        tenantId: ctx.tenantId,
        seq: sql`(select coalesce(max(${publishedEvents.seq}), 0) + 1 from ${publishedEvents} where ${publishedEvents.tenantId} = ${ctx.tenantId}::uuid)`,
        type: event.type,
        entityType: i.entityType as PublishedEvent["entityType"],
        entityId: i.entityId,
        payload: event.payload,
        automationId: automation.id,
        executionId: i.executionId,
      })
      .onConflictDoNothing()
      .returning({ id: publishedEvents.id });
    return row?.id ?? null;
  });
  return { result: "succeeded", responseBody: id ? `published event ${id}` : "already published", request: event };
}

export const toPublishedDto = (r: PublishedEvent): PublishedEventDto => ({
  id: r.id,
  type: r.type,
  occurredAt: r.occurredAt.toISOString(),
  entityType: r.entityType,
  entityId: r.entityId,
  payload: r.payload,
});

/**
 * GET /events?after=&limit= — oldest first after the cursor. It is a feed: nextCursor is
 * the last event's cursor (or the one given, when nothing is new), so a client keeps
 * polling with after=nextCursor; null only when the tenant has published nothing yet.
 */
export async function listPublishedEvents(ctx: TenantContext, opts: { after?: string; limit?: number }): Promise<{ data: PublishedEventDto[]; nextCursor: string | null }> {
  const rows = await publishedSince(ctx, opts.after ? Number(opts.after) : 0, opts.limit ?? 100);
  const last = rows[rows.length - 1];
  return { data: rows.map(({ seq: _s, ...e }) => e), nextCursor: last ? String(last.seq) : (opts.after ?? null) };
}

/** The events after `after` (all of them, in order) with their seq, for the stream. */
export async function publishedSince(ctx: TenantContext, after: number, limit = 500): Promise<(PublishedEventDto & { seq: number })[]> {
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select()
      .from(publishedEvents)
      .where(and(eq(publishedEvents.tenantId, ctx.tenantId), gt(publishedEvents.seq, after)))
      .orderBy(asc(publishedEvents.seq))
      .limit(limit),
  );
  return rows.map((r) => ({ ...toPublishedDto(r), seq: r.seq }));
}
