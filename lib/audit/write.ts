// Appends to the audit log in the caller's transaction. Record changes need no call here:
// the domain_events trigger (migration audit_log) appends them for every writer of events.
// The rest — sign-ins, members, API keys, exports, erasures — call appendAudit.
import "server-only";
import { auditLog } from "@/db/schema";
import type { AUDIT_ACTIONS } from "@/db/schema/enums";
import type { RecordType } from "@/lib/events/emit";
import type { TenantContext } from "@/lib/tenancy/context";
import type { Tx } from "@/lib/tenancy/with-tenant";

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface NewAuditEntry {
  action: AuditAction;
  recordType?: RecordType;
  recordId?: string;
  /** Facts of the action (never a secret, never personal data beyond ids). */
  changes?: Record<string, unknown>;
  /** Whom the entry names as actor when it is not the context's actor (a sign-in: the user signing in). */
  actorUserId?: string | null;
}

export async function appendAudit(tx: Tx, ctx: TenantContext, entry: NewAuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: ctx.tenantId,
    actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : ctx.actor.userId,
    actorApiKeyId: ctx.actor.apiKeyId ?? null,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    changes: entry.changes ?? null,
    ip: ctx.ip ?? null,
  });
}
