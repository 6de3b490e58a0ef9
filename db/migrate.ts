// Applies the committed migrations as the owner, the job queue's schema, and gives
// the app role its login. Used by `npm start`, the tests and `npm run db:migrate`.
import "server-only";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { runMigrations } from "graphile-worker";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

export const APP_ROLE = "stageline_app";
const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export async function migrateDatabase(ownerUrl: string, appPassword: string): Promise<void> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ version: number }[]>`select current_setting('server_version_num')::int as version`;
    const version = row?.version ?? 0;
    if (version < 150000) throw new Error(`PostgreSQL 15 or newer is required (found ${version})`);
    // Serialise concurrent starters (several app instances, parallel test workers).
    await sql`select pg_advisory_lock(724001)`;
    try {
      await runMigrations({ connectionString: ownerUrl });
      await migrate(drizzle(sql), { migrationsFolder });
      await sql.unsafe(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD '${appPassword.replace(/'/g, "''")}'`);
    } finally {
      await sql`select pg_advisory_unlock(724001)`;
    }
  } finally {
    await sql.end();
  }
}

/** The app's URL: the same server and database, as the role that cannot bypass RLS. */
export function appUrlFor(ownerUrl: string, appPassword: string): string {
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  u.password = appPassword;
  return u.toString();
}
