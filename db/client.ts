// The app's database handle: postgres.js through Drizzle, connected as the role that
// cannot bypass RLS. Tenant data is only touched inside withTenant (lib/tenancy).
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
type Handle = { sql: postgres.Sql; db: Database };

const globalForDb = globalThis as unknown as { __stagelineDb?: Handle };

export function appDatabaseUrl(): string {
  const url = process.env.APP_DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL is not set: start the app with `npm start`, or see README → Configuration");
  return url;
}

function handle(): Handle {
  if (!globalForDb.__stagelineDb) {
    const sql = postgres(appDatabaseUrl(), {
      max: Number(process.env.DB_POOL_SIZE ?? 10),
      onnotice: () => {},
      // numeric stays a string (money is a decimal string in the API); bigint as number
      types: { bigint: postgres.BigInt },
    });
    globalForDb.__stagelineDb = { sql, db: drizzle(sql, { schema, casing: "snake_case" }) };
  }
  return globalForDb.__stagelineDb;
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
