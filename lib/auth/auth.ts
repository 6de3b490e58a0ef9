// Auth.js (next-auth v5): email + password, JWT sessions. The JWT carries only who and
// which tenant; role, membership and session version are re-read from the database on
// every request by getSession(), so a password change or removed membership ends the
// session at the next request.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { verifyPassword } from "./password";
import { findUserByEmail, membershipsOf } from "./users";
import { log } from "@/lib/log";

const credentialsSchema = z.object({
  email: z.string().trim().email(),
  password: z.string().min(1).max(1000),
  tenantId: z.string().uuid().optional(),
});

declare module "next-auth" {
  interface User {
    tenantId?: string;
    sessionVersion?: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
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
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await findUserByEmail(parsed.data.email);
        // Verify even when the user is unknown, so timing does not reveal which emails exist.
        const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
        if (!user || !ok) return null;
        const memberships = (await membershipsOf(user.id)).filter((m) => m.isActive);
        const chosen = memberships.find((m) => m.tenantId === parsed.data.tenantId) ?? memberships[0];
        if (!chosen) return null;
        return { id: user.id, email: user.email, name: user.name, tenantId: chosen.tenantId, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.tenantId = user.tenantId;
        token.sessionVersion = user.sessionVersion;
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
