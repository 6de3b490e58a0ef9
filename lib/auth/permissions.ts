// One map of what each role may do. Every server action and route handler asks `can`.
import type { TENANT_ROLES } from "@/db/schema/enums";
import { forbidden } from "@/lib/errors";

export type Role = (typeof TENANT_ROLES)[number];

export const PERMISSIONS = {
  "records.read": ["admin", "manager", "sales_rep", "readonly"],
  "records.write": ["admin", "manager", "sales_rep"],
  "records.delete": ["admin", "manager", "sales_rep"],
  "records.move": ["admin", "manager", "sales_rep"],
  "records.moveOverride": ["admin"],
  "activities.write": ["admin", "manager", "sales_rep"],
  "watchers.write": ["admin", "manager", "sales_rep", "readonly"],
  /** Share a saved table view with the workspace or a group. */
  "views.share": ["admin", "manager"],
  "lists.read": ["admin", "manager", "sales_rep", "readonly"],
  "lists.write": ["admin", "manager", "sales_rep"],
  "pipelines.read": ["admin", "manager", "sales_rep", "readonly"],
  "pipelines.manage": ["admin"],
  "automations.read": ["admin", "manager"],
  "automations.manage": ["admin"],
  "users.read": ["admin", "manager", "sales_rep", "readonly"],
  "users.manage": ["admin"],
  "groups.manage": ["admin"],
  "apiKeys.manage": ["admin"],
  "fields.manage": ["admin"],
  "settings.manage": ["admin"],
  /** Set sales quotas (Settings → Quotas, POST|PATCH|DELETE /quotas). */
  "quotas.manage": ["admin", "manager"],
  /** See dashboards (shared ones and one's own) and run widget queries (within one's access scope). */
  "dashboards.read": ["admin", "manager", "sales_rep", "readonly"],
  /** Make one's own dashboards; shared ones are changed by their owner, admins and managers. */
  "dashboards.write": ["admin", "manager", "sales_rep"],
  /** Share a dashboard with the workspace, and change any shared one. */
  "dashboards.share": ["admin", "manager"],
  /** Read the audit log (Settings → Audit log, GET /audit-log). */
  "audit.read": ["admin"],
  /** Connect one's own mailbox and send email from a record (Settings → Email; shared mailboxes: settings.manage). */
  "email.send": ["admin", "manager", "sales_rep"],
  /** Write the workspace's email templates (Settings → Email templates); everyone who sends may use them. */
  "emailTemplates.manage": ["admin", "manager"],
  /** Read the suppression list (Settings → Email → Suppression list); adding and removing: settings.manage. */
  "emailSuppressions.read": ["admin", "manager"],
  /** See campaigns and their figures (/campaigns). */
  "campaigns.read": ["admin", "manager", "sales_rep", "readonly"],
  /** Write and send campaigns to lists. */
  "campaigns.manage": ["admin", "manager"],
  /** See sequences, their figures and who is enrolled. */
  "sequences.read": ["admin", "manager", "sales_rep", "readonly"],
  /** Write sequences and their steps. */
  "sequences.manage": ["admin", "manager"],
  /** Enroll contacts in a sequence (or stop them). */
  "sequences.enroll": ["admin", "manager", "sales_rep"],
  /** Erase a contact's personal data (Privacy). */
  "records.erase": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function assertCan(role: Role, permission: Permission): void {
  if (!can(role, permission)) throw forbidden(`Your role (${role}) may not do this (${permission})`);
}
