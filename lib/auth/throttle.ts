// The throttle on password guesses and account creation, stored in Postgres so every app
// instance shares it (the rules: throttle-rules.ts). Callers reserve an attempt before
// they check anything; a success clears the account's key and gives the address its
// attempt back; a failure leaves it counted. The database clock decides, so instances
// with skewed clocks agree. Server-only.
import "server-only";
import { eq, inArray, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { authThrottles } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { attempt, THROTTLE_POLICIES, type ThrottleKind } from "./throttle-rules";

export interface ThrottleKey {
  kind: ThrottleKind;
  value: string;
}

export const keyText = (k: ThrottleKey) => `${k.kind}:${k.value}`;
const kindOf = (key: string) => key.slice(0, key.indexOf(":")) as ThrottleKind;

/** The keys of a password check: the account (whether or not it exists) and, when known, the address. */
export function passwordKeys(email: string, address: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ kind: "account", value: email.trim().toLowerCase() }];
  if (address) keys.push({ kind: "address", value: address });
  return keys;
}

/** The key of creating an account or workspace from an address (none when the address is unknown). */
export const signupKeys = (address: string | null): ThrottleKey[] => (address ? [{ kind: "signup", value: address }] : []);

export function tooManyAttempts(retryAfterMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError("rate-limited", `Too many attempts: try again in ${minutes} minute${minutes === 1 ? "" : "s"}`, { retryAfterSeconds });
}

const stateColumns = {
  key: authThrottles.key,
  attempts: authThrottles.attempts,
  windowStartedAt: authThrottles.windowStartedAt,
  blockedUntil: authThrottles.blockedUntil,
  strikes: authThrottles.strikes,
  now: sql`now()`.mapWith(authThrottles.updatedAt),
};

/**
 * Counts one attempt against every key, or throws `rate-limited` (with
 * `retryAfterSeconds`) when any of them is spent; a refused attempt counts against none.
 */
export async function reserveAttempt(keys: ThrottleKey[]): Promise<void> {
  const texts = [...new Set(keys.map(keyText))].sort();
  if (texts.length === 0) return;
  const retryAfterMs = await db().transaction(async (tx) => {
    await tx
      .insert(authThrottles)
      .values(texts.map((key) => ({ key })))
      .onConflictDoNothing();
    // One lock order (sorted keys) for every caller: concurrent attempts queue, never deadlock.
    const rows = await tx.select(stateColumns).from(authThrottles).where(inArray(authThrottles.key, texts)).orderBy(authThrottles.key).for("update");
    const verdicts = rows.map((r) => ({ key: r.key, v: attempt(r, r.now, THROTTLE_POLICIES[kindOf(r.key)]) }));
    const refused = verdicts.filter((x) => !x.v.allowed);
    for (const { key, v } of refused.length ? refused : verdicts) {
      await tx.update(authThrottles).set({ ...v.next, updatedAt: sql`now()` }).where(eq(authThrottles.key, key));
    }
    return Math.max(0, ...refused.map(({ v }) => (v.allowed ? 0 : v.retryAfterMs)));
  });
  if (retryAfterMs > 0) throw tooManyAttempts(retryAfterMs);
}

/** After a success: the keys start afresh (an account's earlier failures and lockouts are forgotten). */
export async function clearAttempts(keys: ThrottleKey[]): Promise<void> {
  if (keys.length === 0) return;
  await db().delete(authThrottles).where(inArray(authThrottles.key, keys.map(keyText)));
}

/** After a success: gives back the reserved attempt (an address shared by many people counts only their failures). */
export async function releaseAttempt(keys: ThrottleKey[]): Promise<void> {
  if (keys.length === 0) return;
  await db()
    .update(authThrottles)
    .set({ attempts: sql`greatest(${authThrottles.attempts} - 1, 0)`, updatedAt: sql`now()` })
    .where(inArray(authThrottles.key, keys.map(keyText)));
}

/** How long until these keys accept attempts again; 0 when they do now. Reads only. */
export async function retryAfterMs(keys: ThrottleKey[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db()
    .select({ ms: sql<number>`greatest(0, ceil(extract(epoch from max(${authThrottles.blockedUntil}) - now()) * 1000))`.mapWith(Number) })
    .from(authThrottles)
    .where(inArray(authThrottles.key, keys.map(keyText)));
  return rows[0]?.ms ?? 0;
}

/** The worker runs the sweep hourly. */
export const THROTTLE_CRONTAB = "23 * * * * auth_throttles_sweep";

/** Keys quiet for two days (past every window, lockout and forgetMs) go. */
export async function sweepThrottles(): Promise<number> {
  const gone = await db()
    .delete(authThrottles)
    .where(lt(authThrottles.updatedAt, sql`now() - interval '2 days'`))
    .returning({ key: authThrottles.key });
  return gone.length;
}
