// The app's database handle: postgres.js through Drizzle, connected as the role that
// cannot bypass RLS. Tenant data is only touched inside withTenant (lib/tenancy).
import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import { localSocketPath } from "./local-socket";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
type Handle = { sql: postgres.Sql; db: Database };

const globalForDb = globalThis as unknown as { __stagelineDb?: Handle };

export function appDatabaseUrl(): string {
  const url = env.APP_DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL is not set: start the app with `npm start`, or see README → Configuration");
  return url;
}

function handle(): Handle {
  if (!globalForDb.__stagelineDb) {
    const url = appDatabaseUrl();
    const sql = postgres(url, {
      path: localSocketPath(url),
      max: env.DB_POOL_SIZE,
      onnotice: () => {},
      // numeric stays a string (money is a decimal string in the API); bigint as number
      types: { bigint: postgres.BigInt },
      // Prepared statements (below) are still planned for their actual values: search and
      // filters rely on plans that see the pattern, and RLS on the tenant of the moment.
      connection: { plan_cache_mode: "force_custom_plan" },
    });
    globalForDb.__stagelineDb = { sql, db: drizzle(preparing(sql), { schema, casing: "snake_case" }) };
  }
  return globalForDb.__stagelineDb;
}

/**
 * Drizzle sends its queries through `sql.unsafe(text, params, { prepare: false })`. An
 * unprepared query with parameters costs postgres.js two round trips (describe, then
 * execute) and stops it pipelining the queries sent together on a connection. This view
 * of the client prepares them instead: postgres.js keeps one named statement per query
 * text on each connection (connections are recycled by max_lifetime), so a repeated
 * query is one round trip, and a transaction's independent queries share one.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (text: string, params?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(text, params as never, { ...options, prepare: true });
      }
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!(...args, (tx: postgres.TransactionSql) => fn(preparing(tx)));
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function db(): Database {
  return handle().db;
}

/** Raw postgres.js client on the app role (benchmarks, LISTEN). */
export function rawSql(): postgres.Sql {
  return handle().sql;
}

export async function closeDb(): Promise<void> {
  const h = globalForDb.__stagelineDb;
  globalForDb.__stagelineDb = undefined;
  await h?.sql.end({ timeout: 5 });
}

export { schema };
