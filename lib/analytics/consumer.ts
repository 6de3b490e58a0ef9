// Cached analytics follow the data: after a tenant's committed change, queue its refresh
// (lib/analytics/refresh.ts). enqueue_analytics_refresh keeps one job per tenant whose run
// time is not pushed back, so a burst of events is one refresh a few seconds later, and a
// tenant with no result viewed in the last day queues nothing.
import "server-only";
import { sql } from "drizzle-orm";
import type { EventConsumer } from "@/lib/events/dispatcher";
import type { Tx } from "@/lib/tenancy/with-tenant";
import { REFRESH_DELAY_S } from "./cache";

/** Dispatch transactions that have queued it already: once per batch of events is enough. */
const queued = new WeakSet<Tx>();

export const analyticsConsumer: EventConsumer = {
  name: "analytics-refresh",
  handles: () => true,
  async handle(tx) {
    if (queued.has(tx)) return;
    queued.add(tx);
    await tx.execute(sql`select enqueue_analytics_refresh(${REFRESH_DELAY_S}::int, true)`);
  },
};
