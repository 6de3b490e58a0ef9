import type { CHANGE_SOURCES } from "@/db/schema/enums";
import type { Role } from "@/lib/auth/permissions";

export type ChangeSource = (typeof CHANGE_SOURCES)[number];

/** Who is acting: a signed-in user, an API key, or the system (worker, seed, CLI). */
export interface Actor {
  kind: "user" | "api_key" | "system";
  /** The user behind the action; null for API keys and the system. */
  userId: string | null;
  apiKeyId?: string;
  role: Role;
  /** What stage_history / record_changes / events record as the source. */
  source: ChangeSource;
  /** The automation whose run makes this change (its events never re-trigger it). */
  automationId?: string;
}

export interface TenantContext {
  tenantId: string;
  actor: Actor;
  /** The client's address when a request has one (lib/auth/client-address.ts): the audit log records it, logs never do. */
  ip?: string | null;
}

export const systemActor = (source: ChangeSource = "SYSTEM"): Actor => ({ kind: "system", userId: null, role: "admin", source });
