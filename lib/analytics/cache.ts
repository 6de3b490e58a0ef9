// Cached analytics results (issue 18's performance targets): widgets, pipeline metrics and
// the board as of a date cost seconds on a big tenant even in raw SQL, so the read path
// serves a stored result (analytics_results) and the worker recomputes it when the data
// changes (lib/analytics/refresh.ts). A result belongs to one viewer and one access scope:
// its key hashes what is computed, the user, the role and analytics_scope_signature() (the
// ids access_scope_ids allows for every record type), and RLS lets only that user read it.
// Freshness: the tenant's newest domain event (analytics_data_version(); every write emits
// one in its transaction). A read finds
// - a fresh row (no event since it was computed, younger than MAX_AGE_MS): returns it;
// - a stale row: returns it marked stale, with when it was computed, and queues the
//   tenant's refresh (one coalesced job: enqueue_analytics_refresh);
// - no row: computes now, as before, stores it and returns it.
// An event committed out of sequence order (a long transaction's lower seq) does not move
// the version, but its dispatch queues the refresh (lib/analytics/consumer.ts), which
// recomputes everything viewed lately. MAX_AGE_MS bounds what changes without an event
// (a stage or user renamed, custom field definitions, the clock's day for relative periods).
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { analyticsResults } from "@/db/schema";
import type { TenantContext } from "@/lib/tenancy/context";
import { actorSettings, withTenant, type Tx } from "@/lib/tenancy/with-tenant";

export type AnalyticsKind = "widget" | "metrics" | "board";

/** How current a result is (API-ADDITIONS.md "Analytics freshness"). */
export interface Freshness {
  /** When the figures were computed (ISO-8601). */
  computedAt: string;
  /** The data changed since: the worker is recomputing them. */
  stale: boolean;
}

/** The oldest result served as fresh without an event (what changes without one: see above). */
export const MAX_AGE_MS = 10 * 60_000;
/** Changes within this many seconds coalesce into one refresh of the tenant. */
export const REFRESH_DELAY_S = 5;
/** A read touches viewed_at at most this often (the worker refreshes rows viewed in the last day). */
const TOUCH_MS = 15 * 60_000;

/** JSON with sorted keys: the same parameters give the same key however they were built. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

interface Found {
  key: string;
  version: number;
  row: { result: unknown; dataVersion: number; computedAt: Date; viewedAt: Date } | null;
}

/** The key for this viewer's scope, the tenant's data version and the stored row: one statement. */
async function lookUp(tx: Tx, ctx: TenantContext, kind: AnalyticsKind, params: Record<string, unknown>): Promise<Found> {
  const a = actorSettings(ctx.actor);
  const base = stableJson([kind, params, a.userId, a.role]);
  const [r] = await tx.execute<{ key: string; version: string; result: unknown; data_version: string | null; computed_at: string | null; viewed_at: string | null }>(sql`
    with k as (select encode(sha256(convert_to(${base}::text || '|' || analytics_scope_signature(), 'UTF8')), 'hex') as key)
    select k.key, analytics_data_version()::text as version, r.result, r.data_version::text as data_version, r.computed_at, r.viewed_at
    from k left join ${analyticsResults} r on r.tenant_id = ${ctx.tenantId}::uuid and r.key = k.key`);
  const row = r!.data_version === null ? null : { result: r!.result, dataVersion: Number(r!.data_version), computedAt: new Date(r!.computed_at!), viewedAt: new Date(r!.viewed_at!) };
  return { key: r!.key, version: Number(r!.version), row };
}

const isFresh = (row: NonNullable<Found["row"]>, version: number, now = Date.now()) => row.dataVersion >= version && now - row.computedAt.getTime() < MAX_AGE_MS;

async function store(ctx: TenantContext, key: string, kind: AnalyticsKind, params: Record<string, unknown>, result: unknown, version: number, touch: boolean): Promise<Date> {
  const a = actorSettings(ctx.actor);
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .insert(analyticsResults)
      .values({ tenantId: ctx.tenantId, key, kind, params, viewerUserId: a.userId || null, viewerRole: a.role, result, dataVersion: version })
      .onConflictDoUpdate({
        target: [analyticsResults.tenantId, analyticsResults.key],
        set: { result, dataVersion: version, computedAt: sql`now()`, ...(touch && { viewedAt: sql`now()` }) },
      })
      .returning({ computedAt: analyticsResults.computedAt });
    return row!.computedAt;
  });
}

/**
 * `compute`'s result for this viewer, from the cache when it holds one (see the top of the
 * file). `compute` is the uncached computation in the viewer's own context.
 */
export async function cached<T>(ctx: TenantContext, kind: AnalyticsKind, params: Record<string, unknown>, compute: () => Promise<T>): Promise<{ value: T; freshness: Freshness }> {
  const found = await withTenant(ctx, async (tx) => {
    const f = await lookUp(tx, ctx, kind, params);
    if (!f.row) return f;
    const stale = !isFresh(f.row, f.version);
    if (stale) await tx.execute(sql`select enqueue_analytics_refresh(${REFRESH_DELAY_S}::int, false)`);
    if (stale || Date.now() - f.row.viewedAt.getTime() > TOUCH_MS) {
      await tx.update(analyticsResults).set({ viewedAt: sql`now()` }).where(and(eq(analyticsResults.tenantId, ctx.tenantId), eq(analyticsResults.key, f.key)));
    }
    return f;
  });
  if (found.row) return { value: found.row.result as T, freshness: { computedAt: found.row.computedAt.toISOString(), stale: !isFresh(found.row, found.version) } };
  const value = await compute();
  // the version read before computing: a change during the computation leaves the row stale
  const computedAt = await store(ctx, found.key, kind, params, value, found.version, true);
  return { value, freshness: { computedAt: computedAt.toISOString(), stale: false } };
}

/**
 * The worker's refresh of one stored row, as its viewer (`ctx`): recomputes and stores it.
 * When the viewer's scope has changed since (another key), the row is dropped instead: their
 * next read computes under the new scope. Returns whether it recomputed.
 */
export async function refreshResult(ctx: TenantContext, key: string, kind: AnalyticsKind, params: Record<string, unknown>, compute: () => Promise<unknown>): Promise<boolean> {
  const found = await withTenant(ctx, (tx) => lookUp(tx, ctx, kind, params));
  if (found.key !== key) {
    await dropResult(ctx, key);
    return false;
  }
  await store(ctx, key, kind, params, await compute(), found.version, false);
  return true;
}

export async function dropResult(ctx: TenantContext, key: string): Promise<void> {
  await withTenant(ctx, (tx) => tx.delete(analyticsResults).where(and(eq(analyticsResults.tenantId, ctx.tenantId), eq(analyticsResults.key, key))));
}
