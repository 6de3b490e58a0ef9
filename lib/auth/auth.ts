// Auth.js (next-auth v5): email + password, JWT sessions. The JWT carries only who and
// which tenant; role, membership and session version are re-read from the database on
// every request by getSession(), so a password change, a sign-out or a removed
// membership ends the session at the next request.
import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientAddress } from "./client-address";
import { verifyPassword } from "./password";
import { endSession } from "./end-session";
import { clearAttempts, passwordKeys, releaseAttempt, reserveAttempt } from "./throttle";
import { findUserByEmail, membershipsOf } from "./users";
import { log } from "@/lib/log";
import { auditSignIn, auditSignInFailed } from "@/lib/audit/sign-in";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(1000),
  tenantId: z.uuid().optional(),
});

declare module "next-auth" {
  interface User {
    tenantId?: string;
    sessionVersion?: number;
  }
  /** What the session callback adds (read through getSession(), never trusted alone). */
  interface Session {
    userId?: string;
    tenantId?: string;
    sessionVersion?: number;
  }
}

/** The `code` of a sign-in refused by the throttle (the login redirect carries it; the route answers 429). */
export const SIGN_IN_THROTTLED = "rate_limited";

/** Thrown by authorize when the account or address has no attempts left. */
export class SignInThrottled extends CredentialsSignin {
  code = SIGN_IN_THROTTLED;
  constructor(readonly retryAfterSeconds: number) {
    super("Too many sign-in attempts");
  }
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  trustHost: true,
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 14 },
  pages: { signIn: "/login" },
  logger: {
    // Wrong passwords are expected; keep their stack traces (and any input) out of logs.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      log.error({ err: error }, "auth: error");
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" }, tenantId: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const address = clientAddress(request.headers);
        const keys = passwordKeys(parsed.data.email, address);
        // Counted before the check, for unknown emails too: a locked account and an
        // unknown one answer alike, and parallel guesses cannot outrun the count.
        try {
          await reserveAttempt(keys);
        } catch (err) {
          if (err instanceof AppError && err.code === "rate-limited") throw new SignInThrottled(err.extensions.retryAfterSeconds as number);
          throw err;
        }
        const user = await findUserByEmail(parsed.data.email);
        // Verify even when the user is unknown, so timing does not reveal which emails exist.
        const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
        if (user && !ok) await auditSignInFailed(user.id, parsed.data.tenantId, address);
        if (!user || !ok) return null;
        const memberships = (await membershipsOf(user.id)).filter((m) => m.isActive);
        const chosen = memberships.find((m) => m.tenantId === parsed.data.tenantId) ?? memberships[0];
        if (!chosen) return null;
        const [account, addressKeys] = [keys.slice(0, 1), keys.slice(1)];
        await Promise.all([clearAttempts(account), releaseAttempt(addressKeys), auditSignIn({ userId: user.id, tenantId: chosen.tenantId, ok: true, ip: address })]);
        return { id: user.id, email: user.email, name: user.name, tenantId: chosen.tenantId, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  events: {
    // Ends the session on the server too: a copy of the cookie taken before is refused.
    async signOut(message) {
      if ("token" in message && message.token) await endSession(message.token);
    },
  },
  callbacks: {
    async jwt({ token, user, trigger, session }) {
      if (user) {
        token.sub = user.id;
        token.tenantId = user.tenantId;
        token.sessionVersion = user.sessionVersion;
      }
      // unstable_update({ tenantId }) moves the session to another workspace of the same
      // user (after accepting an invitation); only to one where they are an active member.
      const wanted = trigger === "update" ? (session as { tenantId?: unknown } | undefined)?.tenantId : undefined;
      if (typeof wanted === "string" && token.sub) {
        const memberships = await membershipsOf(token.sub);
        if (memberships.some((m) => m.tenantId === wanted && m.isActive)) token.tenantId = wanted;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, tenantId: token.tenantId, sessionVersion: token.sessionVersion } as typeof session;
    },
  },
});

// argon2id hash of a random string: verifying against it costs what a real check costs.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$4ouX6Ius0FcA7f4LTlYwLQ$hSQpsGLpIaL3Ht8b0GgJSXnA1DsooFnnt2hQFiGd4zE";
