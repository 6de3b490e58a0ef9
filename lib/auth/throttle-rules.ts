// The rules of the sign-in throttle, without I/O (lib/auth/throttle.ts stores the state).
// Each key (an account, a client address) gets `limit` attempts per window. An attempt is
// counted before the password is checked, so a burst of parallel guesses cannot slip past
// the limit; a success gives it back (or clears the key). The first attempt over the limit
// blocks the key until its window ends; each later lockout doubles that, up to
// `maxBlockMs`; a key quiet for `forgetMs` starts afresh.
import { hoursToMilliseconds, minutesToMilliseconds } from "date-fns";

export interface ThrottlePolicy {
  limit: number;
  windowMs: number;
  maxBlockMs: number;
  forgetMs: number;
}

export interface ThrottleState {
  attempts: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
  strikes: number;
}

export type Verdict = { allowed: true; next: ThrottleState } | { allowed: false; next: ThrottleState; retryAfterMs: number };

export const THROTTLE_POLICIES = {
  /** Password guesses against one account, from anywhere: sign-in and password change. */
  account: { limit: 10, windowMs: minutesToMilliseconds(15), maxBlockMs: hoursToMilliseconds(1), forgetMs: hoursToMilliseconds(24) },
  /** Failed sign-ins from one address across all accounts (credential stuffing); an office behind one NAT shares it. */
  address: { limit: 100, windowMs: minutesToMilliseconds(15), maxBlockMs: hoursToMilliseconds(1), forgetMs: hoursToMilliseconds(24) },
  /** Accounts and workspaces created from one address: sign-up and accepting invitations as a new user. */
  signup: { limit: 10, windowMs: hoursToMilliseconds(1), maxBlockMs: hoursToMilliseconds(4), forgetMs: hoursToMilliseconds(24) },
  /** Posts to public web forms from one address (API.md "Leads": the 31st within 60 seconds is a 429). */
  webForm: { limit: 30, windowMs: minutesToMilliseconds(1), maxBlockMs: minutesToMilliseconds(1), forgetMs: minutesToMilliseconds(10) },
} as const satisfies Record<string, ThrottlePolicy>;

export type ThrottleKind = keyof typeof THROTTLE_POLICIES;

export const freshState = (now: Date): ThrottleState => ({ attempts: 0, windowStartedAt: now, blockedUntil: null, strikes: 0 });

/** One more attempt on a key: counted, or refused with how long to wait. */
export function attempt(state: ThrottleState, now: Date, policy: ThrottlePolicy): Verdict {
  const t = now.getTime();
  if (state.blockedUntil && state.blockedUntil.getTime() > t) {
    return { allowed: false, next: state, retryAfterMs: state.blockedUntil.getTime() - t };
  }
  const lastSeen = Math.max(state.windowStartedAt.getTime(), state.blockedUntil?.getTime() ?? 0);
  const strikes = t - lastSeen >= policy.forgetMs ? 0 : state.strikes;
  const windowOver = t >= state.windowStartedAt.getTime() + policy.windowMs;
  const attempts = windowOver ? 0 : state.attempts;
  const windowStartedAt = windowOver ? now : state.windowStartedAt;
  if (attempts < policy.limit) {
    return { allowed: true, next: { attempts: attempts + 1, windowStartedAt, blockedUntil: null, strikes } };
  }
  const block = Math.min(policy.windowMs * 2 ** strikes, policy.maxBlockMs);
  // At least to the end of the window, so the refusal holds "until the window passes".
  const until = Math.max(windowStartedAt.getTime() + block, t + 1000);
  return {
    allowed: false,
    next: { attempts, windowStartedAt, blockedUntil: new Date(until), strikes: strikes + 1 },
    retryAfterMs: until - t,
  };
}
