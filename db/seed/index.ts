// Seeding entry points for `npm start`: seed the demo tenant into an empty database.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";

export { DEMO_PASSWORD, DEMO_TENANT_NAME, seedDemoTenant, type DemoLogin, type DemoSeedResult } from "./demo";

/**
 * True when the database holds no data yet. The app role sees no tenant rows outside
 * withTenant (RLS), so this asks the global `users` table, which has no RLS: every
 * tenant has at least its admin, so no users means no tenants.
 */
export async function isDatabaseEmpty(): Promise<boolean> {
  const rows = await db().execute<{ present: boolean }>(sql`select exists (select 1 from users) as present`);
  return !rows[0]?.present;
}
