import "server-only";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import { db, rawSql, type Database } from "@/db/client";
import { stripQueryValues } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";
import type { Actor, TenantContext } from "./context";

/**
 * What the access scopes (RLS, migration access_scopes) know of the actor: the user, and
 * their role — or "system" for the worker, automations and workspace API keys, which see
 * every row of their tenant.
 */
export function actorSettings(actor: Actor | undefined): { userId: string; role: string } {
  if (!actor || actor.kind === "system" || !actor.userId) return { userId: "", role: "system" };
  return { userId: actor.userId, role: actor.role };
}

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Runs `fn` in one transaction scoped to the tenant: `app.tenant_id` is set for Row
 * Level Security, so even a query that forgets its tenant filter sees only this tenant, and
 * the acting user and role (`app.user_id`, `app.actor_role`), so that it sees only the
 * records the access policy lets them (ARCHITECTURE.md, "Access scopes").
 * What it throws carries no query values (stripQueryValues).
 */
export async function withTenant<T>(ctx: TenantContext, fn: (tx: Tx) => Promise<T>, opts: { genericPlans?: boolean } = {}): Promise<T> {
  if (!isUuid(ctx.tenantId)) throw new Error("withTenant: tenantId must be a UUID");
  try {
    return await db().transaction(async (tx) => {
      // genericPlans: for work of fixed shapes (the worker's dispatch), cached plans instead
      // of planning each statement afresh (the client's default: db/client.ts)
      // app.client_ip: the address the audit log records (the domain_events trigger and lib/audit)
      const a = actorSettings(ctx.actor);
      await tx.execute(
        opts.genericPlans
          ? sql`select set_config('app.tenant_id', ${ctx.tenantId}, true), set_config('app.user_id', ${a.userId}, true), set_config('app.actor_role', ${a.role}, true), set_config('app.client_ip', ${ctx.ip ?? ""}, true), set_config('plan_cache_mode', 'auto', true)`
          : sql`select set_config('app.tenant_id', ${ctx.tenantId}, true), set_config('app.user_id', ${a.userId}, true), set_config('app.actor_role', ${a.role}, true), set_config('app.client_ip', ${ctx.ip ?? ""}, true)`,
      );
      return fn(tx);
    });
  } catch (err) {
    throw stripQueryValues(err);
  }
}

/** A transaction of withTenantPipelined: its connection and commit. */
export interface PipelinedTx {
  /** The transaction's connection (postgres.js); queries sent on it run in order. */
  sql: postgres.ReservedSql;
  /** Sends `writes` and COMMIT together and returns the writes' rows. If a write fails, Postgres rolls the transaction back at the COMMIT and its error is thrown. */
  commit<R extends unknown[]>(...writes: { [K in keyof R]: postgres.PendingQuery<R[K] & postgres.Row[]> }): Promise<R>;
}

/**
 * withTenant for the hottest write path (moveRecord): the same transaction scoped to the
 * tenant by `app.tenant_id` (RLS), in two round trips instead of five or six. BEGIN and the
 * tenant setting are queued in front of whatever `fn` sends first, so its reads share the
 * first round trip; `commit(...writes)` sends the writes with COMMIT as the second. If `fn`
 * returns or throws without committing, the transaction is rolled back.
 */
export async function withTenantPipelined<T>(ctx: TenantContext, fn: (tx: PipelinedTx) => Promise<T>): Promise<T> {
  if (!isUuid(ctx.tenantId)) throw new Error("withTenantPipelined: tenantId must be a UUID");
  const conn = await rawSql().reserve();
  let open = true;
  try {
    const begun = conn`begin`.execute();
    // plan_cache_mode: these statements have fixed shapes and key lookups, so cached
    // generic plans serve them (the client's default re-plans each one: db/client.ts).
    const a = actorSettings(ctx.actor);
    const scoped = conn`select set_config('app.tenant_id', ${ctx.tenantId}, true), set_config('app.user_id', ${a.userId}, true), set_config('app.actor_role', ${a.role}, true), set_config('app.client_ip', ${ctx.ip ?? ""}, true), set_config('plan_cache_mode', 'auto', true)`.execute();
    // fn's first query waits for these; their failure surfaces there
    Promise.all([begun, scoped]).catch(() => {});
    return await fn({
      sql: conn,
      async commit(...writes) {
        const sent = [...writes.map((w) => w.execute()), conn`commit`.execute()];
        open = false;
        const settled = await Promise.allSettled(sent);
        const failed = settled.find((s) => s.status === "rejected");
        if (failed) throw failed.reason;
        return settled.slice(0, -1).map((s) => (s as PromiseFulfilledResult<unknown>).value) as never;
      },
    });
  } catch (err) {
    throw stripQueryValues(err);
  } finally {
    if (open) await conn`rollback`.catch(() => {});
    conn.release();
  }
}

/**
 * The postgres.js transaction under a withTenant transaction, for a service whose hot path
 * speaks postgres.js directly (moveRecord's movesIn) when it must join a transaction that
 * other services write in too (a move that also fills the fields its stage requires).
 */
export function rawTransaction(tx: Tx): Pick<postgres.Sql, "unsafe" | "array"> {
  return (tx._.session as unknown as { client: postgres.TransactionSql }).client;
}

const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * `load()` once per transaction and `key`: for what does not change while the transaction
 * lasts and many steps of it ask for — the worker dispatches a batch of events in one
 * transaction, and each event's consumers want the tenant's rules, lists and custom fields.
 * A savepoint is a transaction of its own here.
 */
export function perTransaction<T>(tx: Tx, key: string, load: () => PromiseLike<T>): Promise<T> {
  let memo = memos.get(tx);
  if (!memo) memos.set(tx, (memo = new Map()));
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) memo.set(key, (value = Promise.resolve(load())));
  return value;
}
