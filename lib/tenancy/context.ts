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

/**
 * The system: the worker (event dispatch, watcher notifications, dynamic lists, sweeps),
 * automations (their runs, AI steps, recovery), seeds and the CLI. It acts with
 * `app.actor_role = system` (withTenant), so the access policies of issue 15 let it see and
 * change every row of its tenant: an automation on a rep's deal, or a notification about a
 * record to the one watcher who may see it, must not depend on who triggered it. What it
 * produces for a person is filtered when that person reads it (the execution log, dry
 * runs and notifications run as the reader: migration access_scope_children).
 */
export const systemActor = (source: ChangeSource = "SYSTEM"): Actor => ({ kind: "system", userId: null, role: "admin", source });
