import "server-only";
import type postgres from "postgres";
import { db, rawSql, type Database } from "@/db/client";
import { findPgError, stripQueryValues } from "@/lib/errors";
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
 * An API key's cached answer no longer holds (revoked, its member deactivated or given
 * another role): apiRoute authenticates the request afresh (lib/api/key-cache.ts).
 */
export class StaleApiKeyError extends Error {
  constructor(readonly apiKeyId: string) {
    super("stale API key");
  }
}

/**
 * The statement that opens every tenant transaction: the tenant for RLS, the actor for the
 * access scopes, the client's address for the audit log (the domain_events trigger and
 * lib/audit), and — for an API key — api_key_check, so that a key revoked since it was
 * cached fails here, in the transaction's own snapshot. genericPlans: for work of fixed
 * shapes (the worker's dispatch, moveRecord), cached plans instead of planning each
 * statement afresh (the client's default: db/client.ts).
 */
function openingStatement(ctx: TenantContext, genericPlans: boolean): [string, (string | null)[]] {
  const a = actorSettings(ctx.actor);
  const cols = ["set_config('app.tenant_id', $1, true)", "set_config('app.user_id', $2, true)", "set_config('app.actor_role', $3, true)", "set_config('app.client_ip', $4, true)"];
  const params: (string | null)[] = [ctx.tenantId, a.userId, a.role, ctx.ip ?? ""];
  if (genericPlans) cols.push("set_config('plan_cache_mode', 'auto', true)");
  if (ctx.actor.kind === "api_key" && ctx.actor.apiKeyId) {
    cols.push("api_key_check($5::uuid, $6::uuid, $7::tenant_role, $8::uuid)");
    params.push(ctx.actor.apiKeyId, ctx.tenantId, ctx.actor.role, ctx.actor.userId);
  }
  return [`select ${cols.join(", ")}`, params];
}

/** The opening statement's failure, as what it means. */
function openingFailure(ctx: TenantContext, err: unknown): unknown {
  if (ctx.actor.apiKeyId && findPgError(err)?.code === "28000") return new StaleApiKeyError(ctx.actor.apiKeyId);
  return err;
}

/**
 * Runs `fn` in one transaction scoped to the tenant: `app.tenant_id` is set for Row
 * Level Security, so even a query that forgets its tenant filter sees only this tenant, and
 * the acting user and role (`app.user_id`, `app.actor_role`), so that it sees only the
 * records the access policy lets them (ARCHITECTURE.md, "Access scopes").
 * The opening statement is not waited for: fn's first query goes out behind it in the same
 * round trip (postgres.js pipelines a connection's queries), and if it failed, its error
 * is the one thrown. What it throws carries no query values (stripQueryValues).
 */
export async function withTenant<T>(ctx: TenantContext, fn: (tx: Tx) => Promise<T>, opts: { genericPlans?: boolean } = {}): Promise<T> {
  if (!isUuid(ctx.tenantId)) throw new Error("withTenant: tenantId must be a UUID");
  try {
    return await db().transaction(async (tx) => {
      const [text, params] = openingStatement(ctx, opts.genericPlans ?? false);
      const opened = rawTransaction(tx).unsafe(text, params, { prepare: true }).execute();
      const openingError = opened.then(() => null, (e: unknown) => openingFailure(ctx, e));
      let out: T;
      try {
        out = await fn(tx);
      } catch (err) {
        // a failed opening statement (a stale API key) is the cause of whatever failed after it
        throw (await openingError) ?? err;
      }
      const failed = await openingError;
      if (failed) throw failed;
      return out;
    });
  } catch (err) {
    throw stripQueryValues(err);
  }
}

/**
 * One read in a tenant transaction in one round trip, for the hottest read (a record by id,
 * GET /{collection}/{id}): BEGIN, the opening statement (tenant, actor, API key check), the
 * read and COMMIT are sent together on one connection. `text` is a prepared statement's
 * SQL (built once: lib/records/by-id.ts); rows come back as arrays in its select order.
 */
export async function readInTenant(ctx: TenantContext, text: string, params: unknown[]): Promise<unknown[][]> {
  if (!isUuid(ctx.tenantId)) throw new Error("readInTenant: tenantId must be a UUID");
  const conn = await rawSql().reserve();
  try {
    const [opening, openingParams] = openingStatement(ctx, false);
    const sent = [
      conn`begin`.execute(),
      conn.unsafe(opening, openingParams, { prepare: true }).execute(),
      conn.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }).values().execute(),
      // a failed statement aborts the transaction; its COMMIT then rolls it back
      conn`commit`.execute(),
    ];
    const [begun, opened, read, committed] = await Promise.allSettled(sent);
    if (opened!.status === "rejected") throw openingFailure(ctx, opened!.reason);
    for (const s of [begun, read, committed]) if (s!.status === "rejected") throw s!.reason;
    return (read as PromiseFulfilledResult<unknown[][]>).value;
  } catch (err) {
    throw stripQueryValues(err);
  } finally {
    conn.release();
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
  let opening: Promise<unknown> | undefined;
  try {
    const begun = conn`begin`.execute();
    // plan_cache_mode: these statements have fixed shapes and key lookups, so cached
    // generic plans serve them (the client's default re-plans each one: db/client.ts).
    const [text, params] = openingStatement(ctx, true);
    const scoped = conn.unsafe(text, params, { prepare: true }).execute();
    // fn's first query waits for these; their failure surfaces there
    Promise.all([begun, scoped]).catch(() => {});
    opening = scoped;
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
    // a failed opening statement (a stale API key) is the cause of whatever failed after it
    const failed = await opening?.then(() => null, (e: unknown) => e);
    throw stripQueryValues(failed ? openingFailure(ctx, failed) : err);
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
