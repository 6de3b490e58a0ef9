import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { requestAddress } from "./client-address";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { auth } from "./auth";
import { assertCan, type Permission, type Role } from "./permissions";
import { findUserById, membershipsOf, type Membership } from "./users";

export interface SessionInfo {
  ctx: TenantContext;
  user: { id: string; email: string; name: string };
  role: Role;
  tenantName: string;
  memberships: Membership[];
}

/** What the session cookie's JWT says, as the session callback (lib/auth/auth.ts) exposes it. */
export interface SessionClaims {
  userId?: string;
  tenantId?: string;
  sessionVersion?: number;
}

/**
 * The signed-in user in their tenant, re-checked against the database on every request:
 * the JWT's session version must match the user's (bumped on password change and on
 * sign-out) and the membership must still be active. Null when any check fails.
 */
export const getSession = cache(async (): Promise<SessionInfo | null> => {
  const info = await checkSession((await auth()) as SessionClaims | null);
  // the address goes with the context, for the audit log of what this request changes
  if (info) info.ctx.ip = await requestAddress();
  return info;
});

/** getSession's check of the claims of a session cookie, for any caller that holds them. */
export async function checkSession(session: SessionClaims | null): Promise<SessionInfo | null> {
  if (!session?.userId || !session.tenantId) return null;
  const user = await findUserById(session.userId);
  if (!user || user.sessionVersion !== session.sessionVersion) return null;
  const memberships = await membershipsOf(user.id);
  const current = memberships.find((m) => m.tenantId === session.tenantId && m.isActive);
  if (!current) return null;
  return {
    ctx: { tenantId: current.tenantId, actor: { kind: "user", userId: user.id, role: current.role, source: "USER" } },
    user: { id: user.id, email: user.email, name: user.name },
    role: current.role,
    tenantName: current.tenantName,
    memberships: memberships.filter((m) => m.isActive),
  };
}

/** For pages: the session, or a redirect to the login page. */
export async function requirePageSession(): Promise<SessionInfo> {
  const s = await getSession();
  if (!s) redirect("/login");
  return s;
}

/** For server actions and route handlers: the session with a permission, or an AppError. */
export async function requireSession(permission?: Permission): Promise<SessionInfo> {
  const s = await getSession();
  if (!s) throw new AppError("unauthorized", "Your session has ended: sign in again");
  if (permission) assertCan(s.role, permission);
  return s;
}
