import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { updatedAt } from "./columns";

/**
 * Global (no tenant: sign-in happens before one is known): the attempt counters of the
 * sign-in throttle (lib/auth/throttle.ts), one row per key such as `account:<email>` or
 * `address:<ip>`, shared by every app instance. Timestamps come from the database clock.
 */
export const authThrottles = pgTable("auth_throttles", {
  key: text().primaryKey(),
  /** Attempts counted in the current window (failures, and attempts still in flight). */
  attempts: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** Every attempt is refused until then (429 with Retry-After). */
  blockedUntil: timestamp({ withTimezone: true }),
  /** Lockouts since the key was last quiet for a day: each one doubles the next. */
  strikes: integer().notNull().default(0),
  updatedAt: updatedAt(),
}, (t) => [
  // serves the sweep (sweepThrottles) that deletes keys quiet for two days
  index("auth_throttles_updated_at_idx").on(t.updatedAt),
]);

export type AuthThrottle = typeof authThrottles.$inferSelect;
