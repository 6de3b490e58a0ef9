// Cached analytics follow the data: after a tenant's committed change, queue its refresh
// (lib/analytics/refresh.ts). enqueue_analytics_refresh keeps one job per tenant whose run
// time is not pushed back, so a burst of events is one refresh a few seconds later, and a
// tenant with no result viewed in the last day queues nothing.
// Cheap on the dispatch path: once a job is queued (committed), the tenant's events
// dispatched until shortly before it runs are not offered to this consumer at all (no
// delivery row, no call): they were committed before the job starts, so it reads their data
// anyway. Within one dispatch transaction it queues once.
import "server-only";
import { sql } from "drizzle-orm";
import type { EventConsumer } from "@/lib/events/dispatcher";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { REFRESH_DELAY_S } from "./cache";

/** When the refresh this process last queued for each tenant will run (epoch ms, once committed). */
const nextRun = new Map<string, number>();
/** Slack for the app's clock against the database's. */
const MARGIN_MS = 1000;
/** Dispatch transactions that have queued it already. */
const queuedIn = new WeakSet<Tx>();

export const analyticsConsumer: EventConsumer = {
  name: "analytics-refresh",
  handles: (e) => Date.now() >= (nextRun.get(e.tenantId) ?? 0) - MARGIN_MS,
  async handle(tx, ctx, _event, afterCommit) {
    if (queuedIn.has(tx)) return;
    queuedIn.add(tx);
    const [r] = await tx.execute<{ run_at: string | null }>(sql`select enqueue_analytics_refresh(${REFRESH_DELAY_S}::int, true) as run_at`);
    const runAt = r?.run_at ? new Date(r.run_at).getTime() : null;
    if (runAt !== null) afterCommit?.(async () => void nextRun.set(ctx.tenantId, runAt));
  },
};
